import { reconcile, type ScalerEvent } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { closedAfterEach, counts, type Fixture, poolsWithSettings, puts, rgAks } from './emulator-fixture.js';

const fixtures = closedAfterEach();
let fixture: Fixture | undefined;

const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'];

/** An emulator whose AKS agent-pool PUT limit is 3, then 20 a second (the real one is 20, then 1 a minute). */
function startThrottled() {
  return fixtures.start({
    throttling: { putAgentPool: { capacity: 3, refillPerSecond: 20 } },
    clusters: rgAks(poolsWithSettings(names)),
  });
}

const policy = counts(Object.fromEntries(names.map((name) => [name, 3])));

describe('write pacing against the emulator with throttling on', () => {
  it('paced like the limit: every pool converges with zero 429s, and the waits are reported', async () => {
    fixture = await startThrottled();
    const { emulator, cluster } = fixture;
    const client = fixture.newClient({ writePacing: { burst: 3, refillPerMinute: 1200 } });
    const events: ScalerEvent[] = [];
    const report = await reconcile({
      client,
      cluster,
      policy,
      concurrency: 8,
      onEvent: (e) => events.push(e),
    });
    expect(report.pools.map((p) => p.outcome)).toEqual(names.map(() => 'succeeded'));
    expect(emulator.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(puts(emulator)).toHaveLength(8);
    for (const name of names) expect(emulator.state.getPool(name)?.count).toBe(3);
    const waits = events.filter((e) => e.type === 'waiting');
    expect(waits.length).toBeGreaterThanOrEqual(5);
    expect(waits[0]).toMatchObject({
      reason: expect.stringMatching(
        /^pacing writes: AKS allows 3 agent-pool PUTs, then 1200 a minute, per subscription; waiting \d+s$/,
      ),
    });
    expect(events.some((e) => e.type === 'failed')).toBe(false);
  });

  it('unpaced: the same writes run into the limit (429), and without retries those pools fail', async () => {
    fixture = await startThrottled();
    const { emulator, cluster } = fixture;
    const client = fixture.newClient({ writePacing: false, throttleGate: false, retry: { maxRetries: 0 } });
    const report = await reconcile({ client, cluster, policy, concurrency: 8 });
    const throttled = emulator.requests.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(report.ok).toBe(false);
    expect(report.pools.filter((p) => p.error?.code === 'THROTTLED')).toHaveLength(throttled.length);
  });

  it('a turn that would come after the operation timeout fails fast with ThrottledError; nothing is sent', async () => {
    fixture = await startThrottled();
    const { emulator, cluster } = fixture;
    const client = fixture.newClient({ writePacing: { burst: 1, refillPerMinute: 1 } });
    const report = await reconcile({
      client,
      cluster,
      policy: counts({ p1: 3, p2: 3 }),
      concurrency: 2,
      operationTimeoutInMs: 5000,
    });
    expect(report.pools.map((p) => [p.pool, p.outcome, p.error?.code])).toEqual([
      ['p1', 'succeeded', undefined],
      ['p2', 'failed', 'THROTTLED'],
    ]);
    expect(report.pools[1]?.error?.message).toMatch(
      /^Writing pool 'p2' of cluster 'aks' would wait 1m \(AKS allows 1 agent-pool PUTs, then 1 a minute, per subscription\), longer than the 5s left of its operation timeout/,
    );
    expect(puts(emulator)).toHaveLength(1);
  });
});
