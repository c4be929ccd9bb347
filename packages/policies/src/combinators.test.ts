import type { Policy, PolicyContext, PoolDecision } from '@aks-scaler/core';
import { AbortedError, ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { policyContext } from '../test/policy-context.js';
import { firstOf, maxOf, minOf } from './combine.js';
import { schedulePolicy } from './schedule-policy.js';
import { staticPolicy } from './static-policy.js';
import { withBounds } from './with-bounds.js';
import { withFallback } from './with-fallback.js';
import { withStabilization } from './with-stabilization.js';
import { withStepLimit } from './with-step-limit.js';

function ctx(counts: Record<string, number> = {}, iso = '2026-11-30T10:00:00Z'): PolicyContext {
  return policyContext(new Date(iso), counts);
}

function fixed(name: string, decisions: Record<string, number>): Policy {
  return {
    name,
    evaluate: () =>
      Object.entries(decisions).map(([pool, count]) => ({ pool, count, reason: `${name} says ${count}` })),
  };
}

function failing(name: string, error: Error): Policy {
  return { name, evaluate: async () => Promise.reject(error) };
}

const counts = (decisions: PoolDecision[]) => Object.fromEntries(decisions.map((d) => [d.pool, d.count]));

describe('maxOf / minOf / firstOf', () => {
  const a = fixed('a', { p1: 5, p2: 1 });
  const b = fixed('b', { p1: 10, p3: 2 });
  const c = fixed('c', { p1: 7, p2: 1 });

  it.each([
    ['maxOf', maxOf(a, b, c), { p1: 10, p2: 1, p3: 2 }],
    ['minOf', minOf(a, b, c), { p1: 5, p2: 1, p3: 2 }],
    ['firstOf', firstOf(b, a, c), { p1: 10, p2: 1, p3: 2 }],
    ['firstOf reversed', firstOf(c, b, a), { p1: 7, p2: 1, p3: 2 }],
    ['maxOf of nothing', maxOf(), {}],
  ])('%s combines per pool', async (_name, policy, expected) => {
    expect(counts(await policy.evaluate(ctx()))).toEqual(expected);
  });

  it('says which policy won and lists the votes', async () => {
    const schedule = schedulePolicy({
      timezone: 'Europe/Berlin',
      rules: [{ when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10 } }],
    });
    const [decision] = await maxOf(staticPolicy({ manualpool2: 5 }), schedule).evaluate(ctx());
    expect(decision).toEqual({
      pool: 'manualpool2',
      count: 10,
      reason: "max of [static=5, schedule=10]: schedule rule 1 'Mon-Fri 07:30-20:30' (Europe/Berlin)",
    });
    const [single] = await maxOf(a, b).evaluate(ctx());
    expect((await maxOf(a, b).evaluate(ctx())).find((d) => d.pool === 'p3')?.reason).toBe('b says 2');
    expect(single?.reason).toBe('max of [a=5, b=10]: b says 10');
  });

  it('ties go to the first policy', async () => {
    const [decision] = await maxOf(fixed('x', { p: 3 }), fixed('y', { p: 3 })).evaluate(ctx());
    expect(decision?.reason).toBe('max of [x=3, y=3]: x says 3');
  });

  it('nests, and names itself after its members', async () => {
    const policy = maxOf(minOf(a, b), c);
    expect(policy.name).toBe('max(min(a, b), c)');
    expect(counts(await policy.evaluate(ctx()))).toEqual({ p1: 7, p2: 1, p3: 2 });
  });

  it('propagates a member failure', async () => {
    await expect(maxOf(a, failing('m', new Error('down'))).evaluate(ctx())).rejects.toThrow('down');
  });
});

describe('withBounds', () => {
  it.each([
    [{ p: 5 }, { p: { min: 2, max: 8 } }, 5, undefined],
    [{ p: 1 }, { p: { min: 2 } }, 2, 'raised from 1 to min 2'],
    [{ p: 50 }, { p: { max: 20 } }, 20, 'capped from 50 to max 20'],
    [{ p: 50 }, { other: { max: 20 } }, 50, undefined],
  ])('%j with %j -> %i', async (decisions, bounds, expected, note) => {
    const [decision] = await withBounds(fixed('f', decisions), bounds).evaluate(ctx());
    expect(decision?.count).toBe(expected);
    if (note) expect(decision?.reason).toBe(`f says ${decisions.p} (${note})`);
    else expect(decision?.reason).toBe(`f says ${decisions.p}`);
  });

  it('never creates a decision', async () => {
    expect(await withBounds(fixed('f', {}), { p: { min: 3 } }).evaluate(ctx())).toEqual([]);
  });

  it('validates bounds at construction', () => {
    expect(() => withBounds(fixed('f', {}), { p: { min: 5, max: 1 } })).toThrow(ConfigError);
    expect(() => withBounds(fixed('f', {}), { Bad: { min: 1 } })).toThrow(ConfigError);
  });
});

describe('withStepLimit', () => {
  it.each([
    [{ p: 30 }, { p: 5 }, { up: 10 }, 15, 'step limited to 15, +10 from 5'],
    [{ p: 0 }, { p: 20 }, { down: 5 }, 15, 'step limited to 15, -5 from 20'],
    [{ p: 12 }, { p: 5 }, { up: 10, down: 5 }, 12, undefined],
    [{ p: 30 }, {}, { up: 10 }, 30, undefined], // pool not in the cluster: unchanged
  ])('%j from %j with %j -> %i', async (decisions, current, limit, expected, note) => {
    const [decision] = await withStepLimit(fixed('f', decisions), limit).evaluate(ctx(current));
    expect(decision?.count).toBe(expected);
    expect(decision?.reason).toBe(note ? `f says ${decisions.p} (${note})` : `f says ${decisions.p}`);
  });

  it('rejects steps below 1', () => {
    expect(() => withStepLimit(fixed('f', {}), { up: 0 })).toThrow(ConfigError);
  });
});

describe('withStabilization', () => {
  it('holds scale-down at the highest decision within the window, with serializable state', async () => {
    let wanted = 8;
    const inner: Policy = {
      name: 'v',
      evaluate: () => [{ pool: 'p', count: wanted, reason: `v=${wanted}` }],
    };
    const policy = withStabilization(inner, { scaleDownWindowInMs: 600_000 });
    expect((await policy.evaluate(ctx({ p: 2 }, '2026-11-30T10:00:00Z')))[0]?.count).toBe(8);
    wanted = 3;
    const held = (await policy.evaluate(ctx({ p: 8 }, '2026-11-30T10:05:00Z')))[0];
    expect(held).toEqual({
      pool: 'p',
      count: 8,
      reason: 'v=3; scale-down held at 8 (highest recommendation in the last 10m)',
    });
    const restored = withStabilization(inner, {
      scaleDownWindowInMs: 600_000,
      initialState: JSON.parse(JSON.stringify(policy.toJSON())),
    });
    expect((await restored.evaluate(ctx({ p: 8 }, '2026-11-30T10:09:00Z')))[0]?.count).toBe(8);
    expect((await restored.evaluate(ctx({ p: 8 }, '2026-11-30T10:15:01Z')))[0]?.count).toBe(3);
  });
});

describe('withFallback', () => {
  it('uses fixed counts when the policy throws, saying why', async () => {
    const [decision] = await withFallback(failing('custom', new Error('api down')), { p: 3 }).evaluate(ctx());
    expect(decision).toEqual({
      pool: 'p',
      count: 3,
      reason: 'custom failed (api down); fallback: fallback p=3',
    });
  });

  it('uses a fallback policy', async () => {
    expect(
      counts(await withFallback(failing('x', new Error('no')), fixed('y', { q: 4 })).evaluate(ctx())),
    ).toEqual({ q: 4 });
  });

  it('passes through when the policy works, and does not catch aborts', async () => {
    expect(counts(await withFallback(fixed('ok', { p: 1 }), { p: 3 }).evaluate(ctx()))).toEqual({ p: 1 });
    await expect(
      withFallback(failing('x', new AbortedError()), { p: 3 }).evaluate(ctx()),
    ).rejects.toBeInstanceOf(AbortedError);
  });
});
