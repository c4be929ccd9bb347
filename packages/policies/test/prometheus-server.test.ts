// The Prometheus source against a real Prometheus server (Debian package `prometheus`, installed by .ci/run): the
// test serves a tiny exporter on loopback, starts Prometheus scraping it every second, waits until the samples are
// queryable, then queries through prometheusSource.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PolicyContext } from '@aks-scaler/core';
import { MetricSourceError, metricPolicy, prometheusSource } from '@aks-scaler/policies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' };

let exporter: Server;
let prometheus: ChildProcess;
let dir: string;
let url: string;
let log = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForSamples(query: string, expected: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (prometheus.exitCode !== null) throw new Error(`prometheus exited (${prometheus.exitCode}):\n${log}`);
    try {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
      const body = (await response.json()) as { data?: { result?: unknown[] } };
      if ((body.data?.result?.length ?? 0) >= expected) return;
    } catch {
      // not listening yet
    }
    await delay(250);
  }
  throw new Error(`no samples for ${query} after 50 s:\n${log}`);
}

beforeAll(async () => {
  exporter = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(
      [
        '# HELP queue_depth Messages waiting.',
        '# TYPE queue_depth gauge',
        'queue_depth{queue="orders"} 523',
        'queue_depth{queue="billing"} 77',
        '',
      ].join('\n'),
    );
  });
  await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
  const exporterPort = (exporter.address() as AddressInfo).port;
  dir = mkdtempSync(join(tmpdir(), 'aks-scaler-prometheus-'));
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: exporter',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${exporterPort}']`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1h',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prometheus.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  prometheus.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  await waitForSamples('queue_depth', 2);
});

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((resolve) => prometheus.once('exit', resolve));
    prometheus.kill('SIGTERM');
    await exited;
  }
  await new Promise((resolve) => exporter?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function ctx(): PolicyContext {
  return { now: new Date(), cluster, pools: [] };
}

describe('prometheusSource against a real Prometheus server', () => {
  it('reads one aggregated sample', async () => {
    expect(await prometheusSource({ url, query: 'sum(queue_depth)' }).read(ctx())).toBe(600);
    expect(await prometheusSource({ url, query: 'queue_depth{queue="orders"}' }).read(ctx())).toBe(523);
    expect(await prometheusSource({ url, query: 'scalar(sum(queue_depth))' }).read(ctx())).toBe(600);
  });

  it.each([
    ['queue_depth', 'returned 2 samples'],
    ['queue_depth{queue="none"}', 'returned no sample'],
    ['sum(queue_depth) / 0', 'not a finite number'],
    ['sum(queue_depth', 'bad_data'],
  ])('%s is an error naming the query', async (query, message) => {
    const read = prometheusSource({ url, query }).read(ctx());
    await expect(read).rejects.toBeInstanceOf(MetricSourceError);
    const error = (await prometheusSource({ url, query })
      .read(ctx())
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(query);
    expect(error.message).toContain(message);
  });

  it('drives a metric policy', async () => {
    const policy = metricPolicy({
      source: prometheusSource({ url, query: 'sum(queue_depth)' }),
      pools: ['manualpool3'],
      targetPerNode: 100,
      max: 20,
    });
    expect(await policy.evaluate(ctx())).toEqual([
      {
        pool: 'manualpool3',
        count: 6,
        reason: "metric prometheus 'sum(queue_depth)' = 600: ceil(600 / 100 per node) = 6",
      },
    ]);
  });
});
