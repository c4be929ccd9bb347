import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NodePool } from '@aks-scaler/core';
import { nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createPodMetrics } from '../src/pod/metrics.js';

// The alerts of docs/operations.md, checked by Prometheus's own promtool (Debian package `prometheus`) against the
// series the pod's metrics really produce: a pool the scaler leaves alone never looks "not converging".
const run = promisify(execFile);
const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';
const operations = join(import.meta.dirname, '..', '..', '..', 'docs', 'operations.md');

async function documentedRules(): Promise<string> {
  const text = await readFile(operations, 'utf8');
  const block = /```yaml\n(groups:\n[\s\S]*?)```/.exec(text);
  if (!block) throw new Error('docs/operations.md has no ```yaml block of alert rules');
  return block[1]!;
}

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'aks' };
const at = new Date(0);
const pool = (name: string, fields: Partial<NodePool> = {}) => nodePool({ cluster, name, ...fields });

/** The pool gauges after one reconcile: one pool arrived, one failed to scale, three the scaler leaves alone. */
async function poolSeries(): Promise<Array<{ series: string; value: number }>> {
  const metrics = createPodMetrics({ defaultMetrics: false });
  metrics.observePoolsRead(cluster, [
    pool('arrived', { count: 1 }),
    pool('stuck', { count: 1 }),
    pool('autoskip', { count: 6, enableAutoScaling: true }),
    pool('bounded', { count: 7, enableAutoScaling: true }),
    pool('stopped', { count: 3, powerState: 'Stopped' }),
  ]);
  const plan = [
    ['arrived', 1, 5, 'scale'],
    ['stuck', 1, 5, 'scale'],
    ['autoskip', 6, 2, 'skip'],
    ['bounded', 7, 4, 'scale'],
    ['stopped', 3, 0, 'none'],
  ] as const;
  for (const [name, from, to, action] of plan) {
    metrics.observeEvent({ type: 'planned', cluster, at, pool: name, from, to, action, reason: 'r' });
  }
  metrics.observeEvent({ type: 'succeeded', cluster, at, pool: 'arrived', from: 1, to: 5, durationInMs: 1 });
  metrics.observeEvent({ type: 'succeeded', cluster, at, pool: 'bounded', from: 7, to: 4, durationInMs: 1 });
  metrics.observeEvent({
    type: 'failed',
    cluster,
    at,
    pool: 'stuck',
    code: 'OPERATION_FAILED',
    message: 'quota',
    durationInMs: 1,
  });
  const text = await metrics.registry.metrics();
  return text
    .split('\n')
    .filter((line) => /^aks_scaler_pool_(current|desired)_nodes\{/.test(line))
    .map((line) => {
      const space = line.lastIndexOf(' ');
      return { series: line.slice(0, space), value: Number(line.slice(space + 1)) };
    });
}

describe('the documented alert rules', () => {
  it('are valid Prometheus rules, and AksScalerPoolNotConverging fires only for a pool the scaler drives', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'aks-scaler-alerts-'));
    await writeFile(join(folder, 'rules.yaml'), await documentedRules());
    await run(PROMTOOL, ['check', 'rules', join(folder, 'rules.yaml')]);

    const series = await poolSeries();
    expect(series.filter((s) => s.series.startsWith('aks_scaler_pool_desired_nodes')).length).toBe(2);
    const tests = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: series.map((s) => ({ series: s.series, values: `${s.value}x60` })),
          alert_rule_test: [
            {
              eval_time: '50m',
              alertname: 'AksScalerPoolNotConverging',
              exp_alerts: [
                { exp_labels: { subscription: 's', resource_group: 'rg', cluster: 'aks', pool: 'stuck' } },
              ],
            },
          ],
        },
      ],
    };
    await writeFile(join(folder, 'tests.yaml'), stringify(tests));
    const result = await run(PROMTOOL, ['test', 'rules', join(folder, 'tests.yaml')]).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`promtool test rules failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      },
    );
    expect(result.stdout).toContain('SUCCESS');
  });

  it('AksScalerConfigRejected fires for an hour after a rejected config, never for applied ones', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'aks-scaler-alerts-'));
    await writeFile(join(folder, 'rules.yaml'), await documentedRules());
    // The series as the pod serves them: both results from the start, then one of each.
    const metrics = createPodMetrics({ defaultMetrics: false });
    const before = await reloadSeries(metrics);
    metrics.observeConfigReload('applied', [cluster]);
    metrics.observeConfigReload('rejected');
    const after = await reloadSeries(metrics);
    expect(before.map((s) => s.value)).toEqual([0, 0]);
    const tests = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          // The change arrives at minute 10; the file stays rejected.
          input_series: after.map((s, index) => ({
            series: s.series,
            values: `${before[index]!.value}x10 ${s.value}x110`,
          })),
          alert_rule_test: [
            { eval_time: '5m', alertname: 'AksScalerConfigRejected', exp_alerts: [] },
            {
              eval_time: '30m',
              alertname: 'AksScalerConfigRejected',
              exp_alerts: [{ exp_labels: { result: 'rejected' } }],
            },
            { eval_time: '75m', alertname: 'AksScalerConfigRejected', exp_alerts: [] },
          ],
        },
      ],
    };
    await writeFile(join(folder, 'tests.yaml'), stringify(tests));
    const result = await run(PROMTOOL, ['test', 'rules', join(folder, 'tests.yaml')]).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`promtool test rules failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      },
    );
    expect(result.stdout).toContain('SUCCESS');
  });
});

async function reloadSeries(
  metrics: ReturnType<typeof createPodMetrics>,
): Promise<Array<{ series: string; value: number }>> {
  return (await metrics.registry.metrics())
    .split('\n')
    .filter((line) => line.startsWith('aks_scaler_config_reloads_total{'))
    .map((line) => {
      const space = line.lastIndexOf(' ');
      return { series: line.slice(0, space), value: Number(line.slice(space + 1)) };
    });
}
