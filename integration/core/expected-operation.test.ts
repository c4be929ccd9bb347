import {
  createOperationDurations,
  DEFAULT_EXPECTED_OPERATION_IN_MS,
  type Policy,
  type PolicyContext,
  reconcile,
} from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER, FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { virtualClock } from '../../packages/core/test/virtual-clock.js';
import { closedAfterEach, counts } from './emulator-fixture.js';

const cluster = DEFAULT_TEST_CLUSTER;
const MINUTE = 60_000;

/** A policy that asks for `target` and keeps what its context expects of each pool's operations. */
function asking(target: Record<string, number>) {
  const seen: Array<Record<string, number | undefined>> = [];
  const policy: Policy = {
    name: 'asking',
    evaluate(ctx: PolicyContext) {
      const expect = (pool: string, from: number, to: number) => ctx.expectedOperationInMs?.(pool, from, to);
      seen.push({
        up: expect('manualpool2', 2, 10),
        upFewer: expect('manualpool2', 2, 3),
        down: expect('manualpool2', 10, 2),
        none: expect('manualpool2', 4, 4),
        start: expect('stopped', 0, 3),
      });
      return Object.entries(target).map(([pool, count]) => ({ pool, count, reason: 'asked' }));
    },
  };
  return { policy, seen };
}

describe('PolicyContext.expectedOperationInMs', () => {
  const fixtures = closedAfterEach();

  it('is 10 minutes before anything is learned, then what the pool took, learned by reconcile on its clock', async () => {
    const clock = virtualClock(0);
    const client = new FakeNodePoolClient({
      clock,
      // 1 minute plus 30 s a node added or removed.
      operationDurationInMs: (op) => MINUTE + 30_000 * Math.abs(Number(op.to) - Number(op.from)),
      pools: [
        nodePool({ name: 'manualpool2', count: 2 }),
        nodePool({ name: 'stopped', count: 0, powerState: 'Stopped' }),
      ],
    });
    const durations = createOperationDurations();
    const run = async (target: Record<string, number>) => {
      const { policy, seen } = asking(target);
      const running = reconcile({ client, cluster, policy, clock, durations });
      await clock.run();
      expect((await running).ok).toBe(true);
      return seen[0];
    };
    expect(await run({ manualpool2: 10 })).toEqual({
      up: DEFAULT_EXPECTED_OPERATION_IN_MS,
      upFewer: DEFAULT_EXPECTED_OPERATION_IN_MS,
      down: DEFAULT_EXPECTED_OPERATION_IN_MS,
      none: 0,
      start: DEFAULT_EXPECTED_OPERATION_IN_MS,
    });
    expect(await run({ manualpool2: 2 })).toMatchObject({ up: 5 * MINUTE, upFewer: 5 * MINUTE });
    expect(await run({})).toMatchObject({ up: 5 * MINUTE, down: 5 * MINUTE });
    expect(durations.entries().map((e) => [e.pool, e.direction, e.medianInMs])).toEqual([
      ['manualpool2', 'up', 5 * MINUTE],
      ['manualpool2', 'down', 5 * MINUTE],
    ]);
  });

  it('learns a start, the scale planned again from the pool as started, a stop and a range, each by its direction', async () => {
    const clock = virtualClock(0);
    const byKind = { start: 3 * MINUTE, stop: 2 * MINUTE, bounds: 45_000 };
    const client = new FakeNodePoolClient({
      clock,
      operationDurationInMs: (op) =>
        op.kind === 'scale'
          ? MINUTE + 30_000 * Math.abs(Number(op.to) - Number(op.from))
          : op.kind === 'tags'
            ? 0
            : byKind[op.kind],
      pools: [
        // Started, it runs 2 nodes again: the scale after the start adds 3, not 5.
        nodePool({ name: 'gpu', count: 2, powerState: 'Stopped' }),
        nodePool({ name: 'batch', count: 4 }),
        nodePool({ name: 'web', count: 3, enableAutoScaling: true, minCount: 1, maxCount: 4 }),
      ],
    });
    const durations = createOperationDurations();
    const policy: Policy = {
      name: 'targets',
      evaluate: () => [
        { pool: 'gpu', power: 'Running', count: 5, reason: 'asked' },
        { pool: 'batch', power: 'Stopped', reason: 'asked' },
        { pool: 'web', autoscaler: { minCount: 2, maxCount: 10 }, reason: 'asked' },
      ],
    };
    const running = reconcile({ client, cluster, policy, clock, durations });
    await clock.run();
    const report = await running;
    expect(report.pools.map((p) => [p.pool, p.operations])).toEqual([
      ['gpu', ['start', 'scale']],
      ['batch', ['stop']],
      ['web', ['bounds']],
    ]);
    const learned = durations.entries().map((e) => [e.pool, e.direction, e.medianInMs, e.samples]);
    expect(learned.sort()).toEqual(
      [
        ['batch', 'stop', 2 * MINUTE, 1],
        ['gpu', 'start', 3 * MINUTE, 1],
        ['gpu', 'up', MINUTE + 3 * 30_000, 1],
        ['web', 'bounds', 45_000, 1],
      ].sort(),
    );
  });

  it("reads the ARM client's own durations, learned from the server's start and end, and does not learn them twice", async () => {
    const fixture = await fixtures.start({ operationDurationInMs: 120 });
    const client = fixture.newClient();
    const { durations } = client as { durations: ReturnType<typeof createOperationDurations> };
    const report = await reconcile({ client, cluster: fixture.cluster, policy: counts({ manualpool2: 4 }) });
    expect(report.ok).toBe(true);
    const operation = fixture.emulator.state.operations.find((o) => o.pool === 'manualpool2');
    const serverDuration = (operation?.endedAt ?? 0) - (operation?.startedAt ?? 0);
    expect(serverDuration).toBe(120);
    expect(durations.entries()).toEqual([
      expect.objectContaining({ pool: 'manualpool2', direction: 'up', medianInMs: 120, samples: 1 }),
    ]);
    const { policy, seen } = asking({});
    await reconcile({ client, cluster: fixture.cluster, policy });
    expect(seen[0]?.up).toBe(120);
  });
});

describe('PolicyContext.evaluationIntervalInMs', () => {
  it('carries the reconcile option to the policy, is absent without it, and a bad value is a ConfigError', async () => {
    const seen: Array<number | undefined> = [];
    const policy: Policy = {
      name: 'interval',
      evaluate(ctx) {
        seen.push(ctx.evaluationIntervalInMs);
        return [];
      },
    };
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'manualpool2', count: 2 })] });
    await reconcile({ client, cluster, policy, evaluationIntervalInMs: 60_000 });
    await reconcile({ client, cluster, policy });
    expect(seen).toEqual([60_000, undefined]);
    await expect(reconcile({ client, cluster, policy, evaluationIntervalInMs: -1 })).rejects.toThrow(
      /evaluationIntervalInMs: expected a number >= 0, got -1/,
    );
    expect(seen).toHaveLength(2);
    expect(client.writes).toBe(0);
  });
});
