import type { NodePool, NodePoolClient, Policy, WriteOptions } from '@aks-scaler/core';
import { reconcile } from '@aks-scaler/core';
import {
  DEFAULT_TEST_CLUSTER,
  FakeNodePoolClient,
  type FakeNodePoolClientOptions,
  nodePool,
} from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { virtualClock } from '../../packages/core/test/virtual-clock.js';

const policy: Policy = {
  name: 'static',
  evaluate: () => ['a', 'b', 'c'].map((pool) => ({ pool, count: 3, reason: 'static' })),
};

/** Reconciles a, b and c to 3 one pool at a time, each operation timing out after 150 ms, on a virtual clock. */
async function oneAtATime(operationDurationInMs: FakeNodePoolClientOptions['operationDurationInMs']) {
  const clock = virtualClock(Date.parse('2026-01-01T00:00:00Z'));
  const client = new FakeNodePoolClient({
    pools: ['a', 'b', 'c'].map((name) => nodePool({ name })),
    operationDurationInMs,
    sleep: (ms, signal) => clock.sleep(ms, signal),
  });
  const running = reconcile({
    client,
    cluster: DEFAULT_TEST_CLUSTER,
    policy,
    concurrency: 1,
    operationTimeoutInMs: 150,
    sleep: (ms, signal) => clock.sleep(ms, signal),
    now: () => new Date(clock.now()),
  });
  await clock.run();
  return { client, report: await running };
}

describe('the operation timeout of a step', () => {
  it('does not run while the pool queues for a slot of the limiter (behind other pools or write pacing)', async () => {
    const { client, report } = await oneAtATime(100);
    // 'c' queued 200 ms behind 'a' and 'b'; its own operation took 100 ms of its 150.
    expect(report.pools.map((p) => [p.pool, p.outcome])).toEqual([
      ['a', 'succeeded'],
      ['b', 'succeeded'],
      ['c', 'succeeded'],
    ]);
    expect(client.log.filter((line) => line.startsWith('END'))).toHaveLength(3);
  });

  it('still fails a pool whose own operation outlasts it', async () => {
    const { report } = await oneAtATime((operation) => (operation.pool === 'b' ? 400 : 100));
    expect(report.pools.map((p) => [p.pool, p.outcome, p.error?.code])).toEqual([
      ['a', 'succeeded', undefined],
      ['b', 'failed', 'OPERATION_TIMEOUT'],
      ['c', 'succeeded', undefined],
    ]);
  });
});

describe('one clock and one deadline per operation', () => {
  it('runs the whole reconcile on the `clock` option: evaluation, stamps, waits and the timeout', async () => {
    const clock = virtualClock(Date.parse('2026-01-01T00:00:00Z'));
    const client = new FakeNodePoolClient({
      pools: ['a', 'b', 'c'].map((name) => nodePool({ name })),
      operationDurationInMs: (operation) => (operation.pool === 'b' ? 400 : 100),
      clock,
    });
    const seen: Date[] = [];
    const running = reconcile({
      client,
      cluster: DEFAULT_TEST_CLUSTER,
      policy: {
        ...policy,
        evaluate: (ctx) => {
          seen.push(ctx.now);
          return policy.evaluate(ctx);
        },
      },
      concurrency: 1,
      operationTimeoutInMs: 150,
      clock,
    });
    await clock.run();
    const report = await running;
    expect(seen).toEqual([new Date('2026-01-01T00:00:00Z')]);
    expect(report.pools.map((p) => [p.pool, p.outcome, p.error?.code])).toEqual([
      ['a', 'succeeded', undefined],
      ['b', 'failed', 'OPERATION_TIMEOUT'],
      ['c', 'succeeded', undefined],
    ]);
    expect(report.finishedAt.getTime() - report.startedAt.getTime()).toBe(350);
  });

  it('hands the client what is left of the timeout after waiting for a busy pool, not the whole of it', async () => {
    const clock = virtualClock(0);
    const fake = new FakeNodePoolClient({ clock, operationDurationInMs: 10 });
    fake.setPool(nodePool({ name: 'a', provisioningState: 'Upgrading' }), { settleAfterInMs: 100 });
    const writes: Array<{ operationTimeoutInMs?: number; remainingInMs?: number }> = [];
    const client: NodePoolClient = {
      getCluster: (cluster, options) => fake.getCluster(cluster, options),
      listClusters: (scope, options) => fake.listClusters(scope, options),
      listPools: (cluster, options) => fake.listPools(cluster, options),
      getPool: (cluster, name, options) => fake.getPool(cluster, name, options),
      waitForPool: (pool, options) => fake.waitForPool(pool, options),
      setAutoscalerBounds: (pool, bounds, options) => fake.setAutoscalerBounds(pool, bounds, options),
      setPowerState: (pool, state, options) => fake.setPowerState(pool, state, options),
      scalePool: (pool: NodePool, count: number, options: WriteOptions = {}) => {
        writes.push({
          operationTimeoutInMs: options.operationTimeoutInMs,
          remainingInMs: options.deadline?.remainingInMs(),
        });
        return fake.scalePool(pool, count, options);
      },
    };
    const running = reconcile({
      client,
      cluster: DEFAULT_TEST_CLUSTER,
      policy: { name: 'one', evaluate: () => [{ pool: 'a', count: 3, reason: 'r' }] },
      operationTimeoutInMs: 1000,
      clock,
    });
    await clock.run();
    expect((await running).pools[0]).toMatchObject({ outcome: 'succeeded' });
    expect(writes).toEqual([{ operationTimeoutInMs: 900, remainingInMs: 900 }]);
  });
});
