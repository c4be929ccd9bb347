// What docs/operations.md shows of the scaler in the cluster: the pod (in this process, SCALER_MODE=loop) reconciles
// twice a minute apart against the ARM emulator and the Kubernetes API emulator, then the real kubectl reads what it
// wrote. Every clock is fixed, so the output is the same at every run.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Clock } from '@aks-scaler/core';
import { runScalerPod } from '@aks-scaler/examples';
import { startEmulator, startKubernetesEmulator } from '@aks-scaler/testkit';

const run = promisify(execFile);
const START = Date.parse('2026-12-01T07:30:00Z');

/** A clock that moves only by `advance`; `sleeping()` lists the waits (their lengths) still running. */
function steppedClock(): Clock & { advance(ms: number): void; sleeping(): number[] } {
  let now = START;
  const waits = new Set<{ until: number; ms: number; done: () => void }>();
  return {
    now: () => now,
    sleep: (ms, abortSignal) =>
      new Promise<void>((resolve, reject) => {
        const wait = {
          until: now + ms,
          ms,
          done: () => {
            waits.delete(wait);
            resolve();
          },
        };
        waits.add(wait);
        abortSignal?.addEventListener(
          'abort',
          () => {
            waits.delete(wait);
            reject(abortSignal.reason);
          },
          { once: true },
        );
      }),
    advance(ms) {
      now += ms;
      for (const wait of [...waits]) if (wait.until <= now) wait.done();
    },
    sleeping: () => [...waits].map((wait) => wait.ms),
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await delay(10);
}

/** `kubectl describe configmap`, `kubectl get configmap -o yaml` and `kubectl get events` after two reconciles. */
export async function statusInTheCluster(): Promise<string> {
  const clock = steppedClock();
  const arm = await startEmulator({
    operationDurationInMs: 5,
    clusters: [
      {
        resourceGroup: 'myResourceGroup',
        name: 'myManagedCluster',
        pools: [
          { name: 'nodepool1', mode: 'System', count: 1 },
          { name: 'manualpool2', count: 1 },
          { name: 'manualpool3', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 5 },
        ],
      },
    ],
  });
  // kubectl looks 42 seconds after the second reconcile.
  const kubernetes = await startKubernetesEmulator({ clock: { now: () => clock.now() + 42_000 } });
  const cacheDir = await mkdtemp(join(tmpdir(), 'kubectl-cache-'));
  try {
    // The ConfigMap as an earlier run left it (its uid fixed, so this output is the same at every run).
    kubernetes.state.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'aks-scaler-status',
        namespace: 'default',
        uid: '5b2f3c1e-8d4a-4f6b-9c2e-7a1d0e3f4b5c',
        creationTimestamp: '2026-11-30T06:00:00Z',
      },
    });
    const stop = new AbortController();
    const done = runScalerPod({
      env: {
        ...(await arm.workloadIdentityEnv()),
        NODE_POOLS_AMOUNT: '{ "manualpool2": 5, "manualpool3": 4 }',
        SCALER_MODE: 'loop',
        SCALER_HTTP_PORT: '0',
        SCALER_HTTP_HOST: '127.0.0.1',
        SCALER_POLL_INTERVAL: '20ms',
        KUBECONFIG: await kubernetes.writeKubeconfig(),
        // One replica, without the Lease: its renewals every 2 s would make the resourceVersion shown vary by run.
        SCALER_LEADER_ELECTION: 'off',
        POD_NAME: 'aks-scaler-7d9f8-x2kq9',
        LOG_LEVEL: 'silent',
      },
      stdout: { write: () => true } as unknown as NodeJS.WritableStream,
      ca: arm.caCert,
      clock,
      signal: stop.signal,
    });
    const idle = () => clock.sleeping().includes(60_000) && !clock.sleeping().includes(5_000);
    await until(() => idle() && kubernetes.state.list('events', 'default').length === 2);
    clock.advance(60_000);
    await until(() => idle() && kubernetes.requests.some((request) => request.verb === 'patch'));
    stop.abort();
    await done;

    const kubeconfig = await kubernetes.writeKubeconfig();
    const kubectl = async (...args: string[]) =>
      (
        await run('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], {
          encoding: 'utf8',
        })
      ).stdout;
    // kubectl describe works out the Events' ages from the local clock; give them by the emulator's, as the
    // server's tables (kubectl get events) do, so this output does not change with the day it is made.
    const describe = withSortedData(
      withAges(
        await kubectl('describe', 'configmap', 'aks-scaler-status'),
        await kubectl('get', 'events', '-o', 'wide'),
      ),
    );
    const blocks = [
      ['describe configmap aks-scaler-status', describe],
      [
        'get configmap aks-scaler-status -o yaml',
        await kubectl('get', 'configmap', 'aks-scaler-status', '-o', 'yaml'),
      ],
      ['get events', await kubectl('get', 'events')],
    ];
    return blocks
      .map(([command, output]) =>
        ['```console', `$ kubectl ${command}`, withFixedEndTimes(output!).trimEnd(), '```'].join('\n'),
      )
      .join('\n\n');
  } finally {
    await arm.close();
    await kubernetes.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

/** describe's Events table with each Event's age (and first seen) as `kubectl get events -o wide` gives them. */
function withAges(describe: string, wide: string): string {
  const [header, ...rows] = wide.trimEnd().split('\n');
  const column = (name: string) => header!.indexOf(name);
  const cell = (row: string, name: string, next: string) => row.slice(column(name), column(next)).trim();
  const ages = rows.map((row) => ({
    key: `${cell(row, 'REASON', 'OBJECT')}\u0000${cell(row, 'MESSAGE', 'FIRST SEEN')}`,
    last: cell(row, 'LAST SEEN', 'TYPE'),
    first: cell(row, 'FIRST SEEN', 'COUNT'),
    count: Number(cell(row, 'COUNT', 'NAME')),
  }));
  const [head, events] = describe.split('\nEvents:\n');
  if (events === undefined) return describe;
  const table = events
    .trimEnd()
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/));
  for (const cells of table.slice(2)) {
    const age = ages.find((entry) => entry.key === `${cells[1]}\u0000${cells[4]}`);
    if (age) cells[2] = age.count > 1 ? `${age.last} (x${age.count} over ${age.first})` : age.last;
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((cells) => cells[i]!.length)));
  const lines = table.map(
    (cells) =>
      `  ${cells
        .slice(0, 4)
        .map((c, i) => c.padEnd(widths[i]! + 2))
        .join('')}${cells[4]}`,
  );
  return `${head}\nEvents:\n${lines.join('\n')}\n`;
}

/**
 * state.json's learned operations record when each ended by the client's own clock, which here is the real one
 * (the scaler's loop runs on the stepped clock, its ARM client does not): show the reconcile's instant instead, so
 * this output does not change with the moment it is made.
 */
function withFixedEndTimes(output: string): string {
  return output.replaceAll(/("endedAt":)\d{13}/g, `$1${START}`);
}

/**
 * describe's Data section with its keys in name order: kubectl prints them in the order of a Go map, which changes
 * from one run to the next.
 */
function withSortedData(describe: string): string {
  const start = describe.indexOf('\nData\n====\n');
  const end = describe.indexOf('\nBinaryData\n');
  if (start === -1 || end === -1) return describe;
  const head = describe.slice(0, start + '\nData\n====\n'.length);
  const section = describe.slice(head.length, end);
  const blocks = section.split(/(?=^[-._a-zA-Z0-9]+:\n----\n)/m).filter((block) => block.trim() !== '');
  const sorted = blocks
    .map((block) => block.replace(/\n+$/, ''))
    .sort((a, b) => a.localeCompare(b))
    .join('\n\n');
  return `${head}${sorted}\n\n${describe.slice(end)}`;
}
