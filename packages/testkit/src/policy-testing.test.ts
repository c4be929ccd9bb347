import type { Policy } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { countsOf, evaluateAt, fakeClock, parseInstant } from './policy-testing.js';
import { DEFAULT_TEST_CLUSTER } from './pool-builder.js';

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
