import type { Policy, PolicyContext } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { policyContext } from '../test/policy-context.js';
import { firstOf, maxOf, minOf } from './combine.js';
import { metricPolicy } from './metric-policy.js';
import type { MetricSource } from './metric-source.js';
import { staticPolicy } from './static-policy.js';
import { withBounds } from './with-bounds.js';
import { withFallback } from './with-fallback.js';
import { withStabilization } from './with-stabilization.js';
import { withStepLimit } from './with-step-limit.js';

const T0 = Date.parse('2026-11-30T10:00:00Z');

function ctx(offsetInMs: number, counts: Record<string, number>): PolicyContext {
  return policyContext(new Date(T0 + offsetInMs), counts);
}

function wanting(count: () => number): Policy {
  return { name: 'v', evaluate: () => [{ pool: 'p', count: count(), reason: `v=${count()}` }] };
}

const source = (value: number): MetricSource => ({ name: 'q', read: async () => value });

describe('combinators keep their members state', () => {
  it('maxOf, minOf and firstOf give their members states by position (null for none)', async () => {
    const metric = metricPolicy({ source: source(300), pools: ['p'], targetPerNode: 100 });
    const stabilized = withStabilization(
      wanting(() => 2),
      { scaleDownWindowInMs: 60_000 },
    );
    const tree = maxOf(staticPolicy({ p: 1 }), minOf(metric, firstOf(stabilized)));
    await tree.evaluate(ctx(0, { p: 2 }));
    expect(tree.toJSON()).toEqual([
      null,
      [
        { consecutiveFailures: 0, recommendations: { p: [{ at: T0, count: 3 }] } },
        [{ recommendations: { p: [{ at: T0, count: 2 }] }, policy: null }],
      ],
    ]);
  });

  it('withBounds and withStepLimit keep none of their own: theirs is the wrapped policy state', async () => {
    const metric = metricPolicy({ source: source(300), pools: ['p'], targetPerNode: 100 });
    const wrapped = withStepLimit(withBounds(metric, { p: { max: 2 } }), { up: 1 });
    await wrapped.evaluate(ctx(0, { p: 1 }));
    expect(wrapped.toJSON()).toEqual(metric.toJSON());
    expect(withBounds(staticPolicy({ p: 1 }), {}).toJSON()).toBeNull();
  });

  it('withStabilization restores its history and its old saved form', async () => {
    let wanted = 8;
    const first = withStabilization(
      withFallback(
        wanting(() => wanted),
        { p: 1 },
      ),
      { scaleDownWindowInMs: 600_000 },
    );
    await first.evaluate(ctx(0, { p: 2 }));
    const saved = first.toJSON();
    expect(saved).toEqual({
      recommendations: { p: [{ at: T0, count: 8 }] },
      policy: { consecutiveFailures: 0, policy: null, fallback: null },
    });
    wanted = 3;
    for (const initialState of [saved, saved.recommendations]) {
      const restored = withStabilization(
        wanting(() => wanted),
        { scaleDownWindowInMs: 600_000, initialState },
      );
      expect((await restored.evaluate(ctx(60_000, { p: 8 })))[0]?.count).toBe(8);
    }
  });

  it('a fresh withStabilization holds a scale-down at the current count during its first window', async () => {
    const policy = withStabilization(
      wanting(() => 3),
      { scaleDownWindowInMs: 600_000 },
    );
    expect(await policy.evaluate(ctx(0, { p: 8 }))).toEqual([
      { pool: 'p', count: 8, reason: 'v=3; scale-down held at 8 (highest recommendation in the last 10m)' },
    ]);
    expect((await policy.evaluate(ctx(600_000, { p: 8 })))[0]?.count).toBe(3);
  });

  it('ignores a saved state that does not fit, telling onWarning', async () => {
    const warnings: string[] = [];
    const policy = withStabilization(
      wanting(() => 3),
      {
        scaleDownWindowInMs: 600_000,
        initialState: { recommendations: { p: 'x' } } as never,
        onWarning: (message) => warnings.push(message),
      },
    );
    expect(warnings).toEqual([expect.stringContaining('does not fit withStabilization(v)')]);
    expect((await policy.evaluate(ctx(0, { p: 3 })))[0]?.count).toBe(3);
  });
});

describe('withFallback counts failures and can hand them to a function', () => {
  it('passes the failure and the count in a row; a success resets it; the count survives a restart', async () => {
    let fail = true;
    const flaky: Policy = {
      name: 'flaky',
      evaluate: async () => {
        if (fail) throw new Error('down');
        return [{ pool: 'p', count: 4, reason: 'flaky=4' }];
      },
    };
    const seen: string[] = [];
    const decide = (failure: { consecutiveFailures: number; message: string; policy: string }) => {
      seen.push(`${failure.policy}: ${failure.message} x${failure.consecutiveFailures}`);
      return [{ pool: 'p', count: failure.consecutiveFailures, reason: 'from the function' }];
    };
    const policy = withFallback(flaky, decide);
    expect((await policy.evaluate(ctx(0, {})))[0]).toEqual({
      pool: 'p',
      count: 1,
      reason: 'from the function',
    });
    await policy.evaluate(ctx(1, {}));
    expect(policy.toJSON()).toEqual({ consecutiveFailures: 2, policy: null, fallback: null });
    const restarted = withFallback(flaky, decide, { initialState: policy.toJSON() });
    await restarted.evaluate(ctx(2, {}));
    expect(seen).toEqual(['flaky: down x1', 'flaky: down x2', 'flaky: down x3']);
    fail = false;
    expect((await restarted.evaluate(ctx(3, {})))[0]?.count).toBe(4);
    expect(restarted.toJSON().consecutiveFailures).toBe(0);
  });
});
