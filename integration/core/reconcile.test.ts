import type { ClusterRef, ScalerEvent } from '@aks-scaler/core';
import { ConfigError, reconcile } from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER, FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { staticPolicy, tick, turns } from '../../packages/core/test/test-policies.js';

const cluster = DEFAULT_TEST_CLUSTER;
/** A clock that advances 10 ms on every read, so durations are deterministic. */
function steppingClock() {
  let t = Date.parse('2026-01-01T00:00:00Z');
  return () => {
    t += 10;
    return new Date(t);
  };
}

describe('reconcile', () => {
  it('scales the named pools, leaves the others untouched, reports and emits every step', async () => {
    const client = new FakeNodePoolClient({
      pools: [
        nodePool({ name: 'nodepool1', mode: 'System' }),
        nodePool({ name: 'manualpool2' }),
        nodePool({ name: 'manualpool3', count: 5 }),
        nodePool({ name: 'other' }),
      ],
      sleep: turns,
    });
    const events: ScalerEvent[] = [];
    const report = await reconcile({
      client,
      cluster,
      policy: staticPolicy({ manualpool2: 5, manualpool3: 5, ghost: 2 }),
      now: steppingClock(),
      onEvent: (e) => events.push(e),
    });
    expect(report.ok).toBe(true);
    expect(report.pools.map((p) => [p.pool, p.from, p.to, p.action, p.outcome])).toEqual([
      ['manualpool2', 1, 5, 'scale', 'succeeded'],
      ['manualpool3', 5, 5, 'none', 'succeeded'],
      // The decision for a pool the cluster lacks is a warned skip that claims no count (unknownPools 'warn').
      ['ghost', undefined, undefined, 'skip', 'skipped'],
    ]);
    expect(report.pools[2]).toMatchObject({ unknownPool: true, warning: true });
    expect(report.ignored).toEqual([{ pool: 'ghost', reason: expect.any(String) }]);
    expect(client.log).toEqual(['START scale manualpool2 1->5', 'END scale manualpool2 1->5']);
    expect(client.pool('other').eTag).toBe('"other-1"');
    expect(client.reads).toBe(1);
    expect(client.writes).toBe(1);
    expect(events.map((e) => `${e.type}${'pool' in e ? ` ${e.pool}` : ''}`)).toEqual([
      'planned manualpool2',
      'planned manualpool3',
      'skipped ghost',
      'skipped manualpool3',
      'started manualpool2',
      'progress manualpool2',
      'succeeded manualpool2',
      'finished',
    ]);
    expect(events.every((e) => e.cluster === cluster && e.at instanceof Date)).toBe(true);
  });

  it('runs operations concurrently up to the limit and never more, one per pool', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `pool${i}`);
    const client = new FakeNodePoolClient({ pools: names.map((name) => nodePool({ name })), sleep: turns });
    const report = await reconcile({
      client,
      cluster,
      concurrency: 3,
      policy: staticPolicy(Object.fromEntries(names.map((n) => [n, 4]))),
    });
    expect(report.ok).toBe(true);
    expect(client.maxInFlight).toBe(3);
    expect(client.maxInFlightPerPool).toBe(1);
    // The first three start before any ends: operations overlap.
    expect(client.log.slice(0, 3).every((line) => line.startsWith('START'))).toBe(true);
  });

  it('writes nothing in a dry run', async () => {
    const client = new FakeNodePoolClient({
      pools: [nodePool({ name: 'a' }), nodePool({ name: 'b', provisioningState: 'Scaling' })],
    });
    const report = await reconcile({ client, cluster, dryRun: true, policy: staticPolicy({ a: 3, b: 2 }) });
    expect(report).toMatchObject({ ok: true, dryRun: true });
    expect(report.pools.map((p) => p.outcome)).toEqual(['planned', 'planned']);
    expect(client.writes).toBe(0);
    expect(client.log).toEqual([]);
  });

  it('re-reads and re-plans once when the pool changed (412)', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' })], sleep: turns });
    client.inject('a', { type: 'changed', update: { count: 2 } });
    const events: ScalerEvent[] = [];
    const report = await reconcile({
      client,
      cluster,
      policy: staticPolicy({ a: 4 }),
      onEvent: (e) => events.push(e),
    });
    expect(report.ok).toBe(true);
    expect(client.log).toEqual(['CONFLICT scale a 1->4 412', 'START scale a 2->4', 'END scale a 2->4']);
    expect(client.reads).toBe(2);
    expect(events.some((e) => e.type === 'retry')).toBe(true);
  });

  it('fails with OPERATION_CONFLICT when the pool changes again', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' })] });
    client.inject('a', { type: 'changed' }, { type: 'changed' });
    const report = await reconcile({ client, cluster, policy: staticPolicy({ a: 4 }) });
    expect(report.ok).toBe(false);
    expect(report.pools[0]).toMatchObject({ outcome: 'failed', error: { code: 'OPERATION_CONFLICT' } });
    expect(client.writes).toBe(2);
  });

  it('does not write when the re-read pool turned out to need nothing (e.g. autoscaler enabled meanwhile)', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' })] });
    client.inject('a', { type: 'changed', update: { enableAutoScaling: true, minCount: 1, maxCount: 3 } });
    const report = await reconcile({ client, cluster, policy: staticPolicy({ a: 4 }) });
    expect(report.pools[0]).toMatchObject({ action: 'skip', outcome: 'skipped' });
    expect(client.writes).toBe(1);
  });

  it('waits for a busy pool (409) and retries, reporting waiting and retry events', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' })], sleep: turns });
    client.inject('a', { type: 'busy', provisioningState: 'Upgrading' });
    const events: ScalerEvent[] = [];
    const report = await reconcile({
      client,
      cluster,
      policy: staticPolicy({ a: 2 }),
      onEvent: (e) => events.push(e),
    });
    expect(report.ok).toBe(true);
    expect(events.filter((e) => e.type === 'waiting' || e.type === 'retry').map((e) => e.type)).toEqual([
      'waiting',
      'retry',
    ]);
  });

  it('reports a failed operation with its code; other pools still converge', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' }), nodePool({ name: 'b' })] });
    client.inject('a', { type: 'fail', armCode: 'QuotaExceeded', message: 'no cores left' });
    const report = await reconcile({ client, cluster, policy: staticPolicy({ a: 3, b: 3 }) });
    expect(report.ok).toBe(false);
    expect(report.pools[0]).toMatchObject({ outcome: 'failed', error: { code: 'OPERATION_FAILED' } });
    expect(report.pools[0]?.error?.message).toMatch(/QuotaExceeded/);
    expect(report.pools[1]?.outcome).toBe('succeeded');
  });

  it('resumes: waits for a pool found mid-operation, re-reads and plans again before writing', async () => {
    const client = new FakeNodePoolClient({ sleep: turns });
    client.setPool(nodePool({ name: 'a', count: 5, provisioningState: 'Scaling' }), { settleAfterInMs: 1 });
    client.setPool(nodePool({ name: 'b', count: 2, provisioningState: 'Scaling' }), { settleAfterInMs: 1 });
    const report = await reconcile({ client, cluster, policy: staticPolicy({ a: 5, b: 4 }) });
    expect(report.ok).toBe(true);
    expect(report.pools.map((p) => [p.pool, p.action, p.outcome])).toEqual([
      ['a', 'none', 'succeeded'],
      ['b', 'scale', 'succeeded'],
    ]);
    expect(client.log).toEqual([
      'WAIT a Scaling',
      'WAIT b Scaling',
      'START scale b 2->4',
      'END scale b 2->4',
    ]);
  });

  it('times out an operation that never finishes, using the injected sleep', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' })] });
    client.inject('a', { type: 'hang' });
    // The reconcile's timeout sleep ends at once; nothing waits on the wall clock.
    const sleep = async (ms: number) => {
      expect(ms).toBe(1234);
      await tick();
    };
    const report = await reconcile({
      client,
      cluster,
      operationTimeoutInMs: 1234,
      sleep,
      policy: staticPolicy({ a: 3 }),
    });
    expect(report.pools[0]).toMatchObject({ outcome: 'failed', error: { code: 'OPERATION_TIMEOUT' } });
    expect(report.pools[0]?.error?.message).toMatch(/did not finish within 1234 ms/);
    expect(client.log).toEqual(['START scale a 1->3', 'ABORT scale a 1->3']);
  });

  it('aborts: operations in flight are abandoned and nothing new starts', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' }), nodePool({ name: 'b' })] });
    client.inject('a', { type: 'hang' });
    const controller = new AbortController();
    const report = await reconcile({
      client,
      cluster,
      concurrency: 1,
      abortSignal: controller.signal,
      policy: staticPolicy({ a: 3, b: 3 }),
      onEvent: (e) => {
        if (e.type === 'progress') controller.abort();
      },
    });
    expect(report.pools.map((p) => [p.outcome, p.error?.code])).toEqual([
      ['failed', 'ABORTED'],
      ['failed', 'ABORTED'],
    ]);
    expect(client.log).toEqual(['START scale a 1->3', 'ABORT scale a 1->3']);
  });

  it('drains: operations in flight finish, nothing new starts', async () => {
    const client = new FakeNodePoolClient({
      pools: [nodePool({ name: 'a' }), nodePool({ name: 'b' })],
      sleep: turns,
    });
    const drain = new AbortController();
    const report = await reconcile({
      client,
      cluster,
      concurrency: 1,
      drainSignal: drain.signal,
      policy: staticPolicy({ a: 3, b: 3 }),
      onEvent: (e) => {
        if (e.type === 'started') drain.abort();
      },
    });
    expect(report.pools.map((p) => p.outcome)).toEqual(['succeeded', 'failed']);
    expect(report.pools[1]?.error?.code).toBe('ABORTED');
    expect(client.log).toEqual(['START scale a 1->3', 'END scale a 1->3']);
  });

  it('starts a stopped pool and then scales it when allowed', async () => {
    const client = new FakeNodePoolClient({
      pools: [nodePool({ name: 'a', count: 0, powerState: 'Stopped' }), nodePool({ name: 'b', count: 2 })],
    });
    const report = await reconcile({
      client,
      cluster,
      startStoppedPools: true,
      stopAtZero: true,
      policy: staticPolicy({ a: 2, b: 0 }),
    });
    expect(report.ok).toBe(true);
    expect(client.log.filter((l) => l.startsWith('START'))).toEqual([
      'START start a Stopped->Running',
      'START stop b Running->Stopped',
      'START scale a 0->2',
    ]);
    expect(client.pool('a')).toMatchObject({ powerState: 'Running', count: 2 });
    expect(client.pool('b')).toMatchObject({ powerState: 'Stopped' });
  });

  it('refuses bad options with a ConfigError before reading anything', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' })] });
    await expect(reconcile({ client, cluster, concurrency: 0, policy: staticPolicy({}) })).rejects.toThrow(
      ConfigError,
    );
    expect(client.reads).toBe(0);
  });

  it('throws when the cluster cannot be read', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' })] });
    const missing: ClusterRef = { ...cluster, clusterName: 'missing' };
    await expect(
      reconcile({ client, cluster: missing, policy: staticPolicy({ a: 1 }) }),
    ).rejects.toMatchObject({
      code: 'CLUSTER_NOT_FOUND',
    });
  });
});
