import { type PoolDecision, reconcile } from '@aks-scaler/core';
import type { EmulatorOptions } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { closedAfterEach, puts } from './emulator-fixture.js';

const fixtures = closedAfterEach();
const policyOf = (...decisions: PoolDecision[]) => ({ name: 'targets', evaluate: () => decisions });
const decide = (pool: string, target: Omit<PoolDecision, 'pool' | 'reason'>): PoolDecision => ({
  pool,
  reason: 'test',
  ...target,
});

const cluster = {
  resourceGroup: 'rg',
  name: 'aks',
  pools: [
    { name: 'system', mode: 'System' as const, count: 1 },
    { name: 'batch', mode: 'User' as const, count: 3, nodeLabels: { team: 'batch' }, tags: { cost: '42' } },
    { name: 'web', mode: 'User' as const, count: 2, enableAutoScaling: true, minCount: 1, maxCount: 4 },
  ],
};

/** The emulator serving {@link cluster} (unless `options` says otherwise), with 5 ms operations, and its client. */
const startCluster = (options: EmulatorOptions = {}) =>
  fixtures.start({ operationDurationInMs: 5, clusters: [cluster], ...options });

/** The power state and count each PUT body carried, in order. */
function sentBodies(emulator: Awaited<ReturnType<typeof fixtures.start>>['emulator']) {
  return emulator.state.history.map((h) => ({
    pool: h.pool,
    power: (h.after.powerState as { code?: string } | undefined)?.code,
    count: h.after.count,
  }));
}

describe('stop, start and autoscaler ranges against the emulator (real SDK)', () => {
  it('stops a pool, then starts it and scales it in two ordered writes, losing no setting', async () => {
    const { emulator, client, cluster: ref } = await startCluster({ powerOperationDurationInMs: 5 });
    const stop = await reconcile({
      client,
      cluster: ref,
      policy: policyOf(decide('batch', { power: 'Stopped' })),
    });
    expect(stop.pools[0]).toMatchObject({
      action: 'stop',
      outcome: 'succeeded',
      from: 3,
      to: 0,
      power: 'Stopped',
    });
    expect(emulator.state.getPool('rg', 'aks', 'batch')).toMatchObject({
      powerState: 'Stopped',
      count: 0,
      countOnStart: 3,
    });

    const start = await reconcile({
      client,
      cluster: ref,
      policy: policyOf(decide('batch', { power: 'Running', count: 5 })),
    });
    expect(start.ok).toBe(true);
    expect(start.pools[0]).toMatchObject({ action: 'start', operations: ['start', 'scale'], to: 5 });
    expect(emulator.state.getPool('rg', 'aks', 'batch')).toMatchObject({
      powerState: 'Running',
      count: 5,
      nodeLabels: { team: 'batch' },
      tags: { cost: '42' },
    });
    expect(sentBodies(emulator)).toEqual([
      { pool: 'batch', power: 'Stopped', count: 0 },
      { pool: 'batch', power: 'Running', count: 3 },
      { pool: 'batch', power: 'Running', count: 5 },
    ]);
    expect(emulator.requests.filter((r) => r.method === 'PUT' && r.status >= 400)).toEqual([]);
    expect(emulator.state.history.every((h) => h.droppedFields.length === 0)).toBe(true);
  });

  it("starts a stopped pool with the nodes it had, with power 'Running' alone or stoppedPools 'start'", async () => {
    const stopped = [cluster.pools[0]!, { ...cluster.pools[1]!, powerState: 'Stopped' as const }];
    const {
      emulator,
      client,
      cluster: ref,
    } = await startCluster({ clusters: [{ ...cluster, pools: stopped }] });
    const skipped = await reconcile({
      client,
      cluster: ref,
      policy: policyOf(decide('batch', { count: 3 })),
    });
    expect(skipped.pools[0]).toMatchObject({ action: 'skip', outcome: 'skipped', warning: true });
    expect(puts(emulator)).toHaveLength(0);
    const started = await reconcile({
      client,
      cluster: ref,
      stoppedPools: 'start',
      policy: policyOf(decide('batch', { count: 3 })),
    });
    expect(started.pools[0]).toMatchObject({
      action: 'start',
      operations: ['start'],
      to: 3,
      outcome: 'succeeded',
    });
    expect(puts(emulator)).toHaveLength(1);
    expect(emulator.state.getPool('rg', 'aks', 'batch')).toMatchObject({ powerState: 'Running', count: 3 });
  });

  it("writes both bounds of an autoscaler pool's range and never its count", async () => {
    const { emulator, client, cluster: ref } = await startCluster();
    const report = await reconcile({
      client,
      cluster: ref,
      policy: policyOf(decide('web', { autoscaler: { minCount: 2, maxCount: 10 } })),
    });
    expect(report.pools[0]).toMatchObject({
      action: 'bounds',
      outcome: 'succeeded',
      bounds: { minCount: 2, maxCount: 10 },
    });
    expect(emulator.state.getPool('rg', 'aks', 'web')).toMatchObject({
      enableAutoScaling: true,
      minCount: 2,
      maxCount: 10,
      count: 2,
    });
    expect(puts(emulator)).toHaveLength(1);
  });

  it('refuses, before any write, to stop a System pool or set a range on a pool without the autoscaler', async () => {
    const { emulator, client, cluster: ref } = await startCluster();
    const report = await reconcile({
      client,
      cluster: ref,
      policy: policyOf(
        decide('system', { power: 'Stopped' }),
        decide('batch', { autoscaler: { minCount: 1, maxCount: 5 } }),
        decide('web', { autoscaler: { minCount: 5, maxCount: 2 } }),
      ),
    });
    expect(report.ok).toBe(true);
    expect(report.pools.map((p) => [p.pool, p.action, p.outcome])).toEqual([
      ['system', 'skip', 'skipped'],
      ['batch', 'skip', 'skipped'],
      ['web', 'skip', 'skipped'],
    ]);
    expect(report.pools.map((p) => p.reason)).toEqual([
      expect.stringMatching(/System pools cannot be stopped/),
      expect.stringMatching(/no cluster autoscaler/),
      expect.stringMatching(/range 5\.\.2 has its minimum above its maximum/),
    ]);
    expect(puts(emulator)).toHaveLength(0);
    expect(emulator.state.getPool('rg', 'aks', 'system')).toMatchObject({ powerState: 'Running', count: 1 });
  });

  it('stops an autoscaler pool and gives it its range back when it starts', async () => {
    const { emulator, client, cluster: ref } = await startCluster();
    await reconcile({ client, cluster: ref, policy: policyOf(decide('web', { power: 'Stopped' })) });
    expect(emulator.state.getPool('rg', 'aks', 'web')).toMatchObject({
      powerState: 'Stopped',
      enableAutoScaling: false,
    });
    const range = await reconcile({
      client,
      cluster: ref,
      policy: policyOf(decide('web', { power: 'Running', autoscaler: { minCount: 2, maxCount: 6 } })),
    });
    expect(range.pools[0]).toMatchObject({
      action: 'start',
      operations: ['start', 'bounds'],
      outcome: 'succeeded',
    });
    expect(emulator.state.getPool('rg', 'aks', 'web')).toMatchObject({
      powerState: 'Running',
      enableAutoScaling: true,
      minCount: 2,
      maxCount: 6,
    });
  });
});
