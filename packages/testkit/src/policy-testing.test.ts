import { type Clock, type Policy, reconcile } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import type { EmulatorClock } from './emulator/types.js';
import { FakeNodePoolClient } from './fake-node-pool-client.js';
import { countsOf, evaluateAt, fakeClock, parseInstant, targetsOf } from './policy-testing.js';
import { DEFAULT_TEST_CLUSTER, nodePool } from './pool-builder.js';

describe('fakeClock', () => {
  it('moves only when told', () => {
    const clock = fakeClock('2026-11-30T07:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(clock.advance(90 * 60_000).toISOString()).toBe('2026-11-30T08:30:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-11-30T08:30:00.000Z');
    expect(clock.set('2026-12-24T00:00:00+01:00').toISOString()).toBe('2026-12-23T23:00:00.000Z');
    expect(clock.advance(-1000).toISOString()).toBe('2026-12-23T22:59:59.000Z');
  });

  it('hands out copies', () => {
    const clock = fakeClock('2026-11-30T07:00:00Z');
    clock.now().setTime(0);
    expect(clock.now().toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });

  it.each(['2026-11-30T07:00:00', 'tomorrow', '', '2026-13-01T00:00:00Z'])(
    'rejects %j (no offset or invalid)',
    (iso) => {
      expect(() => fakeClock(iso)).toThrow(ConfigError);
    },
  );

  it('rejects a non-finite advance', () => {
    expect(() => fakeClock('2026-11-30T07:00:00Z').advance(Number.NaN)).toThrow(ConfigError);
  });

  it('wakes sleeps only when moved past them, in order; an aborted sleep rejects and is forgotten', async () => {
    const clock = fakeClock('2026-11-30T07:00:00Z');
    const woken: string[] = [];
    const late = clock.sleep(2000).then(() => woken.push('late'));
    const early = clock.sleep(1000).then(() => woken.push('early'));
    const controller = new AbortController();
    const aborted = clock.sleep(1500, controller.signal).catch((e: unknown) => e);
    expect(clock.pendingSleeps).toBe(3);
    clock.advance(999);
    await Promise.resolve();
    expect(woken).toEqual([]);
    controller.abort();
    expect(await aborted).toMatchObject({ code: 'ABORTED' });
    clock.advance(5000);
    await Promise.all([late, early]);
    expect(woken).toEqual(['early', 'late']);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('is a core Clock and an emulator clock: one fake time for reconcile and the fake client', async () => {
    const time = fakeClock('2026-11-30T07:00:00Z');
    const clock: Clock & EmulatorClock = time.clock;
    expect(clock.now()).toBe(Date.parse('2026-11-30T07:00:00Z'));
    const client = new FakeNodePoolClient({
      pools: [nodePool({ name: 'a' })],
      operationDurationInMs: 60_000,
      clock,
    });
    const running = reconcile({
      client,
      cluster: DEFAULT_TEST_CLUSTER,
      clock,
      policy: { name: 'one', evaluate: () => [{ pool: 'a', count: 3, reason: 'r' }] },
    });
    while (client.inFlight === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    time.advance(60_000);
    const report = await running;
    expect(report.pools[0]).toMatchObject({ outcome: 'succeeded', durationInMs: 60_000 });
    expect(report.finishedAt.toISOString()).toBe('2026-11-30T07:01:00.000Z');
  });
});

describe('evaluateAt', () => {
  const echo: Policy = {
    name: 'echo',
    evaluate: ({ now, pools, cluster }) =>
      pools.map((pool) => ({
        pool: pool.name,
        count: pool.count + 1,
        reason: `${cluster.clusterName} ${now.toISOString()} ${pool.mode}`,
      })),
  };

  it('passes the instant, the cluster and pools built with nodePool', async () => {
    const decisions = await evaluateAt(echo, '2026-11-30T07:30:00+01:00', [
      { name: 'a', count: 2 },
      { name: 'b', mode: 'System' },
    ]);
    expect(decisions).toEqual([
      { pool: 'a', count: 3, reason: 'myManagedCluster 2026-11-30T06:30:00.000Z User' },
      { pool: 'b', count: 2, reason: 'myManagedCluster 2026-11-30T06:30:00.000Z System' },
    ]);
  });

  it('takes a name -> count map and another cluster', async () => {
    const cluster = { ...DEFAULT_TEST_CLUSTER, clusterName: 'other' };
    const decisions = await evaluateAt(echo, '2026-11-30T06:30:00Z', { a: 4 }, cluster);
    expect(countsOf(decisions)).toEqual({ a: 5 });
    expect(decisions[0]?.reason).toContain('other');
  });

  it('accepts stops, starts and autoscaler ranges, and shows them with targetsOf', async () => {
    const targets: Policy = {
      name: 'targets',
      evaluate: () => [
        { pool: 'a', count: 5, reason: 'r' },
        { pool: 'b', power: 'Stopped', reason: 'r' },
        { pool: 'c', autoscaler: { minCount: 2, maxCount: 10 }, reason: 'r' },
        { pool: 'd', power: 'Running', count: 3, reason: 'r' },
      ],
    };
    const decisions = await evaluateAt(targets, '2026-11-30T06:30:00Z');
    expect(targetsOf(decisions)).toEqual({ a: '5', b: 'stop', c: '2..10', d: 'start, 3' });
    expect(countsOf(decisions)).toEqual({ a: 5, d: 3 });
  });

  it('forwards the abort signal', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const spy: Policy = {
      name: 'spy',
      evaluate: ({ abortSignal }) => {
        seen = abortSignal;
        return [];
      },
    };
    await evaluateAt(spy, '2026-11-30T06:30:00Z', [], undefined, { abortSignal: controller.signal });
    expect(seen).toBe(controller.signal);
  });

  it.each([
    [
      'a duplicate pool',
      [
        { pool: 'a', count: 1, reason: 'r' },
        { pool: 'a', count: 2, reason: 'r' },
      ],
      'more than once',
    ],
    ['a negative count', [{ pool: 'a', count: -1, reason: 'r' }], 'integers >= 0'],
    ['a fractional count', [{ pool: 'a', count: 1.5, reason: 'r' }], 'integers >= 0'],
    ['no reason', [{ pool: 'a', count: 1, reason: ' ' }], 'no reason'],
    ['no pool', [{ count: 1, reason: 'r' }], 'no pool name'],
    ['no target', [{ pool: 'a', reason: 'r' }], 'no single target'],
    ['a stop with a count', [{ pool: 'a', power: 'Stopped', count: 2, reason: 'r' }], 'no single target'],
    [
      'a range with min above max',
      [{ pool: 'a', autoscaler: { minCount: 5, maxCount: 2 }, reason: 'r' }],
      '0 <= min <= max',
    ],
  ])('fails a policy that returns %s', async (_name, decisions, message) => {
    const broken = { name: 'broken', evaluate: () => decisions } as unknown as Policy;
    await expect(evaluateAt(broken, '2026-11-30T06:30:00Z')).rejects.toThrow(message);
  });

  it('parseInstant copies dates and refuses invalid ones', () => {
    const date = new Date('2026-11-30T06:30:00Z');
    expect(parseInstant(date)).not.toBe(date);
    expect(() => parseInstant(new Date(Number.NaN))).toThrow(ConfigError);
  });
});
