import { type PoolDecision, reconcile, type ScalerEvent } from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER as cluster, FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { virtualClock } from '../../packages/core/test/virtual-clock.js';

const policyOf = (...decisions: PoolDecision[]) => ({ name: 'targets', evaluate: () => decisions });
const decide = (pool: string, target: Omit<PoolDecision, 'pool' | 'reason'>): PoolDecision => ({
  pool,
  reason: 'test',
  ...target,
});
const starts = (client: FakeNodePoolClient) => client.log.filter((line) => line.startsWith('START'));

describe('reconcile: stop, start and autoscaler ranges (fake client)', () => {
  it('stops a pool: one stop write, 0 nodes after, reported as stop with power Stopped', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'batch', count: 4 })] });
    const events: ScalerEvent[] = [];
    const report = await reconcile({
      client,
      cluster,
      policy: policyOf(decide('batch', { power: 'Stopped' })),
      onEvent: (event) => events.push(event),
    });
    expect(report.ok).toBe(true);
    expect(report.pools[0]).toMatchObject({
      action: 'stop',
      from: 4,
      to: 0,
      operations: ['stop'],
      power: 'Stopped',
      outcome: 'succeeded',
    });
    expect(starts(client)).toEqual(['START stop batch Running->Stopped']);
    expect(client.pool('batch')).toMatchObject({ powerState: 'Stopped', count: 0 });
    expect(events.find((e) => e.type === 'planned')).toMatchObject({ action: 'stop', from: 4, to: 0 });
    expect(events.find((e) => e.type === 'succeeded')).toMatchObject({ pool: 'batch', to: 0 });
  });

  it('refuses to stop a System pool before any write, as a skip with the reason', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'sys', mode: 'System' })] });
    const report = await reconcile({
      client,
      cluster,
      policy: policyOf(decide('sys', { power: 'Stopped' })),
    });
    expect(report.ok).toBe(true);
    expect(report.pools[0]).toMatchObject({ action: 'skip', outcome: 'skipped', warning: true });
    expect(report.pools[0]?.reason).toMatch(/System pools cannot be stopped/);
    expect(client.writes).toBe(0);
  });

  it('starts then scales as one ordered sequence under one lock: start first, then the scale', async () => {
    const client = new FakeNodePoolClient({
      pools: [nodePool({ name: 'gpu', count: 2, powerState: 'Stopped' })],
    });
    const report = await reconcile({
      client,
      cluster,
      policy: policyOf(decide('gpu', { power: 'Running', count: 5 })),
    });
    expect(report.pools[0]).toMatchObject({
      action: 'start',
      operations: ['start', 'scale'],
      from: 0,
      to: 5,
      power: 'Running',
      outcome: 'succeeded',
    });
    expect(report.pools[0]?.reason).toMatch(
      /start the stopped pool, then scale to 5; after the start: scale 2 -> 5/,
    );
    expect(client.log).toEqual([
      'START start gpu Stopped->Running',
      'END start gpu Stopped->Running',
      'START scale gpu 2->5',
      'END scale gpu 2->5',
    ]);
    expect(client.maxInFlightPerPool).toBe(1);
  });

  it('sends no scale when the started pool is already at the count', async () => {
    const client = new FakeNodePoolClient({
      pools: [nodePool({ name: 'gpu', count: 3, powerState: 'Stopped' })],
    });
    const report = await reconcile({
      client,
      cluster,
      stoppedPools: 'start',
      policy: policyOf(decide('gpu', { count: 3 })),
    });
    expect(report.pools[0]).toMatchObject({ action: 'start', operations: ['start'], to: 3 });
    expect(starts(client)).toEqual(['START start gpu Stopped->Running']);
  });

  it('times the start and the scale with one deadline: together they may not outlast the timeout', async () => {
    const clock = virtualClock(0);
    const client = new FakeNodePoolClient({
      clock,
      pools: [nodePool({ name: 'gpu', count: 2, powerState: 'Stopped' })],
      operationDurationInMs: 100,
    });
    const running = reconcile({
      client,
      cluster,
      clock,
      operationTimeoutInMs: 150,
      policy: policyOf(decide('gpu', { power: 'Running', count: 5 })),
    });
    await clock.run();
    const report = await running;
    expect(report.pools[0]).toMatchObject({ outcome: 'failed', error: { code: 'OPERATION_TIMEOUT' } });
    expect(client.log).toEqual([
      'START start gpu Stopped->Running',
      'END start gpu Stopped->Running',
      'START scale gpu 2->5',
      'ABORT scale gpu 2->5',
    ]);
  });

  it('writes both bounds of an autoscaler range, and skips a range for a pool without the autoscaler', async () => {
    const client = new FakeNodePoolClient({
      pools: [
        nodePool({ name: 'web', count: 3, enableAutoScaling: true, minCount: 1, maxCount: 4 }),
        nodePool({ name: 'manual', count: 2 }),
      ],
    });
    const range = { autoscaler: { minCount: 2, maxCount: 10 } };
    const report = await reconcile({
      client,
      cluster,
      policy: policyOf(decide('web', range), decide('manual', range)),
    });
    expect(report.pools.map((p) => [p.pool, p.action, p.outcome, p.from, p.to])).toEqual([
      ['web', 'bounds', 'succeeded', 3, 3],
      ['manual', 'skip', 'skipped', 2, 2],
    ]);
    expect(report.pools[0]?.bounds).toEqual({ minCount: 2, maxCount: 10 });
    expect(client.log).toEqual(['START bounds web 1..4->2..10', 'END bounds web 1..4->2..10']);
    expect(client.pool('web')).toMatchObject({ minCount: 2, maxCount: 10, count: 3 });
  });

  it('waits for a busy pool before stopping it, like any write', async () => {
    const clock = virtualClock(0);
    const client = new FakeNodePoolClient({ clock });
    client.setPool(nodePool({ name: 'batch', count: 2, provisioningState: 'Scaling' }), {
      settleAfterInMs: 50,
    });
    const running = reconcile({
      client,
      cluster,
      clock,
      policy: policyOf(decide('batch', { power: 'Stopped' })),
    });
    await clock.run();
    expect((await running).pools[0]).toMatchObject({ action: 'stop', outcome: 'succeeded' });
    expect(client.log).toEqual([
      'WAIT batch Scaling',
      'START stop batch Running->Stopped',
      'END stop batch Running->Stopped',
    ]);
  });

  it('writes nothing to a paused pool and carries the override into the report', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'web' }), nodePool({ name: 'api' })] });
    const until = '2026-12-07T08:00:00Z';
    const report = await reconcile({
      client,
      cluster,
      policy: policyOf(
        decide('web', { count: 9, override: { source: 'tag', until, reason: 'incident', pause: true } }),
        decide('api', { count: 4, override: { source: 'config', until, reason: 'load test' } }),
      ),
    });
    expect(report.ok).toBe(true);
    expect(report.pools[0]).toMatchObject({
      action: 'skip',
      reason: `paused until ${until} (incident)`,
      override: { source: 'tag', until, reason: 'incident', pause: true },
    });
    expect(report.pools[0]?.warning).toBeUndefined();
    expect(report.pools[1]).toMatchObject({
      action: 'scale',
      outcome: 'succeeded',
      override: { source: 'config' },
    });
    expect(report.pools[1]?.reason).toMatch(/^override until 2026-12-07T08:00:00Z \(load test\); test/);
    expect(starts(client)).toEqual(['START scale api 1->4']);
  });

  it('plans a stop in a dry run without writing', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'batch', count: 2 })] });
    const report = await reconcile({
      client,
      cluster,
      dryRun: true,
      policy: policyOf(decide('batch', { power: 'Stopped' })),
    });
    expect(report.pools[0]).toMatchObject({ action: 'stop', outcome: 'planned', power: 'Stopped' });
    expect(client.writes).toBe(0);
  });
});
