import type { AgentPool } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { fakeSdk } from '../test/fake-sdk.js';
import { virtualClock } from '../test/virtual-clock.js';
import { scaleChange, toNodePool } from './agent-pool-mapping.js';
import { createOperationDurations } from './operation-durations.js';
import type { WriteKind } from './pool-writer.js';
import type { ClusterRef } from './types.js';

const cluster: ClusterRef = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'aks' };
const pool: AgentPool = {
  name: 'manualpool2',
  eTag: '"e1"',
  count: 2,
  mode: 'User',
  provisioningState: 'Succeeded',
  powerState: { code: 'Running' },
};
const up: WriteKind = (read) => ({ direction: 'up', nodes: 10 - (read.count ?? 0) });
const toTen = (read: AgentPool) => scaleChange(cluster, read, 10);

/** The instants of the polls after the PUT, relative to it. */
function pollsAfterPut(calls: ReadonlyArray<{ kind: string; at: number }>): number[] {
  const put = calls.findLast((c) => c.kind === 'PUT')?.at ?? 0;
  return calls.filter((c) => c.kind === 'POLL' && c.at >= put).map((c) => c.at - put);
}

describe('PoolWriter: polls by what the operation is expected to take', () => {
  it("learns a write's duration from the server's start and end, then polls a like write sparse early and dense near its end", async () => {
    const clock = virtualClock(0);
    const durations = createOperationDurations();
    const first = fakeSdk(clock, { reads: [pool], operationDurationInMs: 60_000, schedule: {}, durations });
    const writing = first.writer.write(toNodePool(cluster, pool), toTen, {}, up);
    await clock.run();
    await writing;
    // Nothing known: every 2 s (never right after the PUT), 30 polls for a 60 s operation.
    const cold = pollsAfterPut(first.calls);
    expect(cold.slice(0, 3)).toEqual([2000, 4000, 6000]);
    expect(cold).toHaveLength(30);
    expect(durations.entries()).toEqual([
      expect.objectContaining({ pool: 'manualpool2', direction: 'up', medianInMs: 60_000, samples: 1 }),
    ]);

    const second = fakeSdk(clock, { reads: [pool], operationDurationInMs: 60_000, schedule: {}, durations });
    const again = second.writer.write(toNodePool(cluster, pool), toTen, {}, up);
    await clock.run();
    await again;
    expect(pollsAfterPut(second.calls)).toEqual([
      30_000, 45_000, 52_500, 56_250, 58_125, 59_063, 59_663, 60_263,
    ]);
    expect(durations.entries()[0]?.samples).toBe(2);
  });

  it("honours a poll's Retry-After over the learned schedule", async () => {
    const clock = virtualClock(0);
    const durations = createOperationDurations();
    durations.record({
      cluster,
      pool: 'manualpool2',
      direction: 'up',
      nodes: 8,
      durationInMs: 60_000,
      endedAt: 0,
    });
    const { writer, calls } = fakeSdk(clock, {
      reads: [pool],
      operationDurationInMs: 40_000,
      retryAfter: { poll: '5' },
      schedule: {},
      durations,
    });
    const writing = writer.write(toNodePool(cluster, pool), toTen, {}, up);
    await clock.run();
    await writing;
    expect(pollsAfterPut(calls)).toEqual([30_000, 35_000, 40_000]);
  });

  it("takes each poll from the subscription's poll budget, waiting for a token when it is spent", async () => {
    const clock = virtualClock(0);
    const { writer, calls, pollPacer } = fakeSdk(clock, {
      reads: [pool],
      operationDurationInMs: 20_000,
      schedule: { intervalInMs: 1000 },
      pollPacing: { burst: 2, refillPerSecond: 0.2 },
    });
    const writing = writer.write(toNodePool(cluster, pool), toTen, {}, up);
    await clock.run();
    await writing;
    // Two polls from the burst, then one every 5 s (the refill), however short the interval.
    expect(pollsAfterPut(calls)).toEqual([1000, 2000, 6000, 11_000, 16_000, 21_000]);
    expect(pollPacer.polls).toBe(6);
  });

  it("waits for a busy pool by what its state's operation is expected to take", async () => {
    const clock = virtualClock(0);
    const durations = createOperationDurations();
    durations.record({
      cluster,
      pool: 'manualpool2',
      direction: 'up',
      nodes: 8,
      durationInMs: 100_000,
      endedAt: 0,
    });
    durations.record({
      cluster,
      pool: 'manualpool2',
      direction: 'down',
      nodes: 8,
      durationInMs: 40_000,
      endedAt: 0,
    });
    const scaling = { ...pool, provisioningState: 'Scaling' };
    const { writer, calls } = fakeSdk(clock, {
      reads: [scaling, scaling, pool],
      schedule: {},
      durations,
    });
    await Promise.all([writer.waitForPool(toNodePool(cluster, scaling), {}).pollUntilDone(), clock.run()]);
    // The longer of a scale-up and a scale-down: half of 100 s is more than the longest wait, 30 s.
    expect(calls.map((c) => c.at)).toEqual([30_000, 60_000, 80_000]);

    const upgrading = { ...pool, provisioningState: 'Upgrading' };
    const other = fakeSdk(clock, { reads: [upgrading, pool], schedule: {}, durations });
    const start = clock.now();
    await Promise.all([
      other.writer.waitForPool(toNodePool(cluster, upgrading), {}).pollUntilDone(),
      clock.run(),
    ]);
    expect(other.calls.map((c) => c.at - start)).toEqual([2000, 4000]);
  });
});
