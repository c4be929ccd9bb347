import { type Policy, reconcile } from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER, FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { virtualClock } from '../../packages/core/test/virtual-clock.js';

const policy: Policy = {
  name: 'static',
  evaluate: () => ['a', 'b', 'c'].map((pool) => ({ pool, count: 3, reason: 'static' })),
};

describe('the operation timeout of a step', () => {
  it('does not run while the pool queues for a slot of the limiter (behind other pools or write pacing)', async () => {
    const clock = virtualClock(Date.parse('2026-01-01T00:00:00Z'));
    const client = new FakeNodePoolClient({
      pools: ['a', 'b', 'c'].map((name) => nodePool({ name })),
      operationDurationInMs: 100,
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
    const report = await running;
    // 'c' queued 200 ms behind 'a' and 'b'; its own operation took 100 ms of its 150.
    expect(report.pools.map((p) => [p.pool, p.outcome])).toEqual([
      ['a', 'succeeded'],
      ['b', 'succeeded'],
      ['c', 'succeeded'],
    ]);
    expect(client.log.filter((line) => line.startsWith('END'))).toHaveLength(3);
  });

  it('still fails a pool whose own operation outlasts it', async () => {
    const clock = virtualClock(Date.parse('2026-01-01T00:00:00Z'));
    const client = new FakeNodePoolClient({
      pools: ['a', 'b', 'c'].map((name) => nodePool({ name })),
      operationDurationInMs: (operation) => (operation.pool === 'b' ? 400 : 100),
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
    const report = await running;
    expect(report.pools.map((p) => [p.pool, p.outcome, p.error?.code])).toEqual([
      ['a', 'succeeded', undefined],
      ['b', 'failed', 'OPERATION_TIMEOUT'],
      ['c', 'succeeded', undefined],
    ]);
  });
});
