import {
  createOperationDurations,
  type NodePool,
  type PoolReport,
  type ReconcileReport,
} from '@aks-scaler/core';
import { nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { createPodMetrics } from './metrics.js';
import { createMetricsSink } from './metrics-sink.js';

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'aks' };
const at = new Date(0);
const pool = (name: string, fields: Partial<NodePool> = {}) => nodePool({ cluster, name, ...fields });
const CLUSTER = 'subscription="s",resource_group="rg",cluster="aks"';
const POOL2 = `${CLUSTER},pool="manualpool2"`;
const POOL3 = `${CLUSTER},pool="manualpool3"`;

describe('pod metrics', () => {
  it('follow pools, operations, errors and ARM responses', async () => {
    const metrics = createPodMetrics({ defaultMetrics: false });
    metrics.observeEvent({
      type: 'planned',
      cluster,
      at,
      pool: 'manualpool2',
      from: 1,
      to: 5,
      action: 'scale',
      reason: 'r',
    });
    metrics.observeEvent({ type: 'started', cluster, at, pool: 'manualpool2', from: 1, to: 5 });
    metrics.observeEvent({ type: 'started', cluster, at, pool: 'manualpool3', from: 1, to: 5 });
    let text = await metrics.registry.metrics();
    expect(text).toContain('aks_scaler_operations_in_flight 2');
    expect(text).toContain(`aks_scaler_pool_desired_nodes{${POOL2}} 5`);
    expect(text).toContain(`aks_scaler_pool_current_nodes{${POOL2}} 1`);
    metrics.observeEvent({
      type: 'succeeded',
      cluster,
      at,
      pool: 'manualpool2',
      from: 1,
      to: 5,
      durationInMs: 4000,
    });
    metrics.observeEvent({
      type: 'failed',
      cluster,
      at,
      pool: 'manualpool3',
      code: 'OPERATION_FAILED',
      message: 'quota',
      durationInMs: 2000,
    });
    metrics.observeResponse({
      method: 'get',
      url: 'https://x/a',
      status: 200,
      throttled: false,
      durationInMs: 20,
    });
    metrics.observeResponse({
      method: 'PUT',
      url: 'https://x/a',
      status: 429,
      throttled: true,
      durationInMs: 5,
    });
    metrics.observeReport(
      cluster,
      {
        ok: false,
        dryRun: false,
        startedAt: at,
        finishedAt: new Date(1000),
        pools: [
          { pool: 'manualpool2', from: 1, to: 5, action: 'scale', reason: 'r', outcome: 'succeeded' },
          { pool: 'manualpool3', from: 1, to: 5, action: 'scale', reason: 'r', outcome: 'failed' },
        ],
      },
      1000,
    );
    text = await metrics.registry.metrics();
    expect(text).toContain('aks_scaler_operations_in_flight 0');
    expect(text).toContain(`aks_scaler_pool_current_nodes{${POOL2}} 5`);
    expect(text).toContain('aks_scaler_errors_total{code="OPERATION_FAILED"} 1');
    expect(text).toContain('aks_scaler_operation_duration_seconds_count{outcome="succeeded"} 1');
    expect(text).toContain('aks_scaler_arm_requests_total{method="GET",status="200"} 1');
    expect(text).toContain('aks_scaler_arm_throttled_total{method="PUT"} 1');
    expect(text).toContain(`aks_scaler_pool_last_outcome{${POOL3},outcome="failed"} 1`);
    expect(text).toContain(`aks_scaler_pool_last_outcome{${POOL3},outcome="succeeded"} 0`);
    expect(text).toContain(`aks_scaler_reconciles_total{${CLUSTER},result="failed"} 1`);
  });

  it('sets the desired count only for pools whose count the scaler drives', async () => {
    const metrics = createPodMetrics({ defaultMetrics: false });
    metrics.observePoolsRead(cluster, [
      pool('manualpool2', { count: 1 }),
      pool('autopool', { count: 6, enableAutoScaling: true, minCount: 2, maxCount: 10 }),
      pool('stopped', { count: 3, powerState: 'Stopped' }),
      pool('bounded', { count: 7, enableAutoScaling: true, minCount: 2, maxCount: 10 }),
    ]);
    const planned = (name: string, from: number, to: number, action: 'scale' | 'none' | 'skip') =>
      metrics.observeEvent({ type: 'planned', cluster, at, pool: name, from, to, action, reason: 'r' });
    planned('manualpool2', 1, 5, 'scale');
    planned('autopool', 6, 4, 'skip'); // autoscalerPools: skip
    planned('stopped', 3, 0, 'none'); // a stopped pool already runs no nodes
    planned('bounded', 7, 4, 'scale'); // autoscalerPools: bounds, the floor becomes 4
    let text = await metrics.registry.metrics();
    expect(text).toContain(`aks_scaler_pool_desired_nodes{${CLUSTER},pool="manualpool2"} 5`);
    expect(text).not.toMatch(/aks_scaler_pool_desired_nodes\{[^}]*pool="(autopool|stopped|bounded)"/);
    expect(text).toContain(`aks_scaler_pool_current_nodes{${CLUSTER},pool="autopool"} 6`);

    // The range is written; the autoscaler keeps 7 nodes, above the new floor: current stays what ARM said.
    metrics.observeEvent({ type: 'started', cluster, at, pool: 'bounded', from: 7, to: 4 });
    metrics.observeEvent({
      type: 'succeeded',
      cluster,
      at,
      pool: 'bounded',
      from: 7,
      to: 4,
      durationInMs: 10,
    });
    metrics.observeReport(
      cluster,
      report([
        { pool: 'manualpool2', from: 1, to: 5, action: 'scale', reason: 'r', outcome: 'succeeded' },
        { pool: 'autopool', from: 6, to: 4, action: 'skip', reason: 'r', outcome: 'skipped' },
        { pool: 'stopped', from: 3, to: 0, action: 'none', reason: 'r', outcome: 'succeeded' },
        {
          pool: 'bounded',
          from: 7,
          to: 4,
          action: 'scale',
          reason: 'r',
          outcome: 'succeeded',
          bounds: { minCount: 4, maxCount: 10 },
        },
      ]),
      10,
    );
    text = await metrics.registry.metrics();
    expect(text).toContain(`aks_scaler_pool_current_nodes{${CLUSTER},pool="bounded"} 7`);
    expect(text).not.toMatch(/aks_scaler_pool_desired_nodes\{[^}]*pool="(autopool|stopped|bounded)"/);

    // A pool that turns to the autoscaler while it is waited for loses its desired count.
    metrics.observeEvent({
      type: 'progress',
      cluster,
      at,
      pool: 'manualpool2',
      state: pool('manualpool2', { count: 1, enableAutoScaling: true }),
    });
    text = await metrics.registry.metrics();
    expect(text).not.toContain('aks_scaler_pool_desired_nodes{');
  });

  it('keeps clusters of the same name in different resource groups apart, and drops pools that are gone', async () => {
    const metrics = createPodMetrics({ defaultMetrics: false });
    const other = { ...cluster, resourceGroup: 'rg2' };
    metrics.observePoolsRead(cluster, [pool('manualpool2', { count: 1 }), pool('old', { count: 2 })]);
    metrics.observePoolsRead(other, [pool('manualpool2', { count: 9 })]);
    let text = await metrics.registry.metrics();
    expect(text).toContain(`aks_scaler_pool_current_nodes{${CLUSTER},pool="manualpool2"} 1`);
    expect(text).toContain(
      'aks_scaler_pool_current_nodes{subscription="s",resource_group="rg2",cluster="aks",pool="manualpool2"} 9',
    );
    metrics.observePoolsRead(cluster, [pool('manualpool2', { count: 1 })]);
    text = await metrics.registry.metrics();
    expect(text).not.toContain('pool="old"');
  });

  it('count config reloads by result, and drop the series of a cluster a reloaded config no longer lists', async () => {
    const metrics = createPodMetrics({ defaultMetrics: false });
    let text = await metrics.registry.metrics();
    expect(text).toContain('aks_scaler_config_reloads_total{result="applied"} 0');
    expect(text).toContain('aks_scaler_config_reloads_total{result="rejected"} 0');
    const removed = { ...cluster, clusterName: 'retired' };
    const RETIRED = 'subscription="s",resource_group="rg",cluster="retired"';
    metrics.observePoolsRead(cluster, [pool('manualpool2', { count: 1 })]);
    metrics.observePoolsRead(removed, [pool('manualpool2', { count: 4 })]);
    metrics.observeReport(removed, report([]), 10);
    text = await metrics.registry.metrics();
    expect(text).toContain(`aks_scaler_last_reconcile_timestamp_seconds{${RETIRED}} 1`);

    metrics.observeConfigReload('rejected');
    metrics.observeConfigReload('applied', [cluster]);
    text = await metrics.registry.metrics();
    expect(text).toContain('aks_scaler_config_reloads_total{result="applied"} 1');
    expect(text).toContain('aks_scaler_config_reloads_total{result="rejected"} 1');
    expect(text).toContain(`aks_scaler_pool_current_nodes{${POOL2}} 1`);
    expect(text).not.toMatch(/^aks_scaler_(pool|last)_[a-z_]+\{[^}]*cluster="retired"/m);
  });

  it("keeps a discovered cluster's series across a reload that keeps its selector, and forgets them as a selector does", async () => {
    const metrics = createPodMetrics({ defaultMetrics: false });
    const sink = createMetricsSink(metrics);
    const handle = (event: Parameters<typeof sink.handle>[0]) =>
      sink.handle(event, { abortSignal: new AbortController().signal });
    const found = { ...cluster, clusterName: 'found' };
    const FOUND = 'subscription="s",resource_group="rg",cluster="found"';
    const selector = { entry: 'clusters[1]', subscription: 's', tags: { fleet: 'shop' } };
    await handle({
      kind: 'clusters-listed',
      at,
      selector,
      clusters: [found],
      added: [found],
      removed: [],
      first: true,
      locationMismatches: [],
    });
    await handle({ kind: 'pools-read', at, cluster: found, pools: [pool('manualpool2', { count: 2 })] });
    await handle({ kind: 'cluster-reconciled', cluster: found, report: report([]), durationInMs: 10 });
    const reload = (selectors: string[]) =>
      handle({
        kind: 'config-reloaded',
        at,
        path: 'scaler.yaml',
        hash: 'h2',
        reason: 'tick',
        clusters: [{ cluster, policy: 'static', state: 'new' as const }],
        selectors,
        warnings: [],
      });
    await reload(['clusters[1]']);
    let text = await metrics.registry.metrics();
    expect(text).toContain(`aks_scaler_pool_current_nodes{${FOUND},pool="manualpool2"} 2`);
    expect(text).toContain(`aks_scaler_reconciles_total{${FOUND},result="ok"} 1`);
    await handle({ kind: 'selector-dropped', at, selector, removed: [found] });
    text = await metrics.registry.metrics();
    expect(text).not.toContain('cluster="found"');
  });

  it('shows the learned operation durations per cluster, pool and direction, as they are learned', async () => {
    const durations = createOperationDurations();
    const metrics = createPodMetrics({ defaultMetrics: false, durations });
    metrics.observePoolsRead(cluster, [pool('manualpool2', { count: 1 })]); // the cluster is in scope
    expect(await metrics.registry.metrics()).not.toMatch(/aks_scaler_expected_operation_seconds\{/);
    for (const seconds of [300, 320, 900]) {
      durations.record({
        cluster,
        pool: 'manualpool2',
        direction: 'up',
        nodes: 8,
        durationInMs: seconds * 1000,
        endedAt: 0,
      });
    }
    durations.record({
      cluster,
      pool: 'manualpool2',
      direction: 'down',
      nodes: 8,
      durationInMs: 90_000,
      endedAt: 0,
    });
    const text = await metrics.registry.metrics();
    expect(text).toContain(`aks_scaler_expected_operation_seconds{${POOL2},direction="up"} 320`);
    expect(text).toContain(`aks_scaler_expected_operation_seconds{${POOL2},direction="down"} 90`);
  });

  it('names the process metrics aks_scaler_process_*, not aks_scaler_process_process_*', async () => {
    const text = await createPodMetrics().registry.metrics();
    expect(text).toContain('aks_scaler_process_cpu_user_seconds_total');
    expect(text).toContain('aks_scaler_nodejs_heap_size_total_bytes');
    expect(text).not.toContain('process_process_');
  });
  it("count each selector's clusters and drop the series of a cluster it no longer matches", async () => {
    const metrics = createPodMetrics({ defaultMetrics: false });
    const sink = createMetricsSink(metrics);
    const options = { abortSignal: new AbortController().signal };
    const selector = { entry: 'clusters[1]', subscription: 's', tags: { fleet: 'shop' } };
    const listed = (clusters: (typeof cluster)[], removed: (typeof cluster)[]) => ({
      kind: 'clusters-listed' as const,
      at,
      selector,
      clusters,
      added: [],
      removed,
      first: false,
      locationMismatches: [],
    });
    sink.handle(listed([cluster], []), options);
    sink.handle({ kind: 'pools-read', at, cluster, pools: [pool('manualpool2', { count: 3 })] }, options);
    const finished = { ok: true, dryRun: false, startedAt: at, finishedAt: at, pools: [] } as ReconcileReport;
    sink.handle({ kind: 'cluster-reconciled', cluster, report: finished, durationInMs: 5 }, options);
    let text = await metrics.registry.metrics();
    expect(text).toContain(
      'aks_scaler_selector_clusters{entry="clusters[1]",subscription="s",resource_group=""} 1',
    );
    expect(text).toContain(`aks_scaler_pool_current_nodes{${POOL2}} 3`);
    expect(text).toContain(`aks_scaler_last_reconcile_timestamp_seconds{${CLUSTER}} 0`);
    sink.handle(listed([], [cluster]), options);
    sink.handle(
      { kind: 'selector-failed', at, selector, error: { code: 'AUTHORIZATION', message: 'm' } },
      options,
    );
    text = await metrics.registry.metrics();
    expect(text).toContain(
      'aks_scaler_selector_clusters{entry="clusters[1]",subscription="s",resource_group=""} 0',
    );
    expect(text).not.toContain(CLUSTER);
    expect(text).toContain('aks_scaler_errors_total{code="AUTHORIZATION"} 1');
  });
});

function report(pools: PoolReport[]): ReconcileReport {
  return { ok: true, dryRun: false, startedAt: at, finishedAt: new Date(1000), pools };
}
