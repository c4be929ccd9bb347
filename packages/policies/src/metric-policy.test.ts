import type { NodePool, PolicyContext } from '@aks-scaler/core';
import { AbortedError, ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { runningPool, TEST_CLUSTER } from '../test/policy-context.js';
import { type MetricPolicyOptions, metricPolicy } from './metric-policy.js';
import type { MetricSource } from './metric-source.js';

const cluster = TEST_CLUSTER;
const T0 = Date.parse('2026-11-30T12:00:00Z');

const pool = (name: string, count: number): NodePool => runningPool(name, count);

/** A source that returns scripted values; an Error entry makes that read fail. */
function scripted(...values: Array<number | Error>): MetricSource & { reads: Date[] } {
  const reads: Date[] = [];
  return {
    name: 'queue',
    reads,
    async read(ctx) {
      reads.push(ctx.now);
      const next = values.length > 1 ? values.shift() : values[0];
      if (next instanceof Error) throw next;
      return next as number;
    },
  };
}

function ctxAt(offsetInMs: number, counts: Record<string, number>): PolicyContext {
  return {
    now: new Date(T0 + offsetInMs),
    cluster,
    pools: Object.entries(counts).map(([name, count]) => pool(name, count)),
  };
}

async function run(options: MetricPolicyOptions, steps: Array<[number, Record<string, number>]>) {
  const policy = metricPolicy(options);
  const out = [];
  for (const [offset, counts] of steps) out.push(await policy.evaluate(ctxAt(offset, counts)));
  return { policy, out };
}

describe('metricPolicy: targetPerNode', () => {
  it.each([
    [523, 100, {}, 6],
    [500, 100, {}, 5],
    [0, 100, {}, 0],
    [0, 100, { min: 1 }, 1],
    [5000, 100, { max: 20 }, 20],
    [0.5, 1, {}, 1],
    [1.1, 0.1, {}, 11],
  ])('value %d / %d per node with %j -> %i', async (value, targetPerNode, bounds, expected) => {
    // The rule alone: no stabilization window (a fresh window would hold a scale-down at the current count).
    const { out } = await run(
      { source: scripted(value), pools: ['a'], targetPerNode, scaleDownStabilizationInMs: 0, ...bounds },
      [[0, { a: 3 }]],
    );
    expect(out[0]?.[0]?.count).toBe(expected);
  });

  it('explains the arithmetic and the clamp', async () => {
    const { out } = await run({ source: scripted(5000), pools: ['a'], targetPerNode: 100, max: 20 }, [
      [0, { a: 3 }],
    ]);
    expect(out[0]?.[0]?.reason).toBe(
      'metric queue = 5000: ceil(5000 / 100 per node) = 50 (capped at max 20)',
    );
  });

  it('sizes pools absent from the cluster too (no current count needed)', async () => {
    const { out } = await run({ source: scripted(250), pools: ['a', 'b'], targetPerNode: 100 }, [
      [0, { a: 1 }],
    ]);
    expect(out[0]?.map((d) => [d.pool, d.count])).toEqual([
      ['a', 3],
      ['b', 3],
    ]);
  });
});

describe('metricPolicy: targetValue (HPA rule)', () => {
  it.each([
    [4, 0.9, 0.6, 6], // ceil(4 * 1.5)
    [4, 0.65, 0.6, 4], // within 10%: unchanged
    [4, 0.66, 0.6, 4], // exactly 10%: unchanged
    [4, 0.67, 0.6, 5], // beyond: ceil(4 * 1.1167)
    [10, 0.3, 0.6, 5],
    [0, 1.2, 0.6, 2], // from zero, one node carries the load
    [0, 0, 0.6, 0],
  ])('current %i, value %d, target %d -> %i', async (current, value, targetValue, expected) => {
    const { out } = await run(
      { source: scripted(value), pools: ['a'], targetValue, scaleDownStabilizationInMs: 0 },
      [[0, { a: current }]],
    );
    expect(out[0]?.[0]?.count).toBe(expected);
  });

  it('honours a custom tolerance', async () => {
    const { out } = await run({ source: scripted(0.7), pools: ['a'], targetValue: 0.6, tolerance: 0.2 }, [
      [0, { a: 4 }],
    ]);
    expect(out[0]?.[0]).toMatchObject({
      count: 4,
      reason: expect.stringContaining('within 20% of target 0.6'),
    });
  });

  it('has no opinion on a pool it cannot see (no current count)', async () => {
    const { out } = await run({ source: scripted(1), pools: ['a'], targetValue: 0.5 }, [[0, {}]]);
    expect(out[0]).toEqual([]);
  });
});

describe('metricPolicy: scale-down stabilization', () => {
  it('scales up at once and down only to the highest recommendation in the window', async () => {
    const source = scripted(1000, 200, 300, 100, 100);
    const minute = 60_000;
    const { out } = await run({ source, pools: ['a'], targetPerNode: 100 }, [
      [0, { a: 2 }], // up to 10 at once
      [1 * minute, { a: 10 }], // 2 wanted; 10 in the window
      [2 * minute, { a: 10 }], // 3 wanted; 10 still in window
      [5 * minute + 1, { a: 10 }], // 1 wanted; the 10 aged out; highest is 3
      [8 * minute, { a: 3 }], // 1 wanted; window holds 3 (at 2m? no: aged out) -> 1
    ]);
    expect(out.map((decisions) => decisions[0]?.count)).toEqual([10, 10, 10, 3, 1]);
    expect(out[1]?.[0]?.reason).toContain('scale-down held at 10 (highest recommendation in the last 5m)');
  });

  it('never holds above the current count', async () => {
    const { out } = await run({ source: scripted(900, 100), pools: ['a'], targetPerNode: 100 }, [
      [0, { a: 9 }],
      [1000, { a: 4 }], // someone else scaled to 4: 1 wanted, window says 9, but never above current
    ]);
    expect(out[1]?.[0]?.count).toBe(4);
  });

  it('a zero window disables it', async () => {
    const { out } = await run(
      { source: scripted(900, 100), pools: ['a'], targetPerNode: 100, scaleDownStabilizationInMs: 0 },
      [
        [0, { a: 9 }],
        [1000, { a: 9 }],
      ],
    );
    expect(out[1]?.[0]?.count).toBe(1);
  });

  it('keeps its state explicit: toJSON and initialState survive a restart', async () => {
    const first = await run({ source: scripted(900), pools: ['a'], targetPerNode: 100 }, [[0, { a: 9 }]]);
    const saved = JSON.parse(JSON.stringify(first.policy.toJSON()));
    expect(saved).toEqual({ consecutiveFailures: 0, recommendations: { a: [{ at: T0, count: 9 }] } });
    const restarted = await run(
      { source: scripted(100), pools: ['a'], targetPerNode: 100, initialState: saved },
      [[60_000, { a: 9 }]],
    );
    expect(restarted.out[0]?.[0]?.count).toBe(9);
    // Without a saved state the current count stands in for the lost history: a restart does not scale down at
    // once either.
    const fresh = await run({ source: scripted(100), pools: ['a'], targetPerNode: 100 }, [
      [60_000, { a: 9 }],
    ]);
    expect(fresh.out[0]?.[0]?.count).toBe(9);
  });

  it('a fresh policy treats the current count as its recent history: no scale-down in its first window', async () => {
    const minute = 60_000;
    const { out, policy } = await run({ source: scripted(100), pools: ['a', 'gone'], targetPerNode: 100 }, [
      [0, { a: 9 }], // started (or restarted) now: 1 wanted, 9 running
      [5 * minute - 1, { a: 9 }], // still inside the first window
      [5 * minute, { a: 9 }], // 5m later the start has left the window: down to what the metric asks
    ]);
    expect(out.map((decisions) => decisions.find((d) => d.pool === 'a')?.count)).toEqual([9, 9, 1]);
    expect(out[0]?.[0]?.reason).toBe(
      'metric queue = 100: ceil(100 / 100 per node) = 1; scale-down held at 9 (highest recommendation in the last 5m)',
    );
    // A pool absent from the cluster has no current count to hold.
    expect(out[0]?.find((d) => d.pool === 'gone')?.count).toBe(1);
    expect(policy.toJSON().recommendations.a).toEqual([
      { at: T0 + 5 * minute - 1, count: 1 },
      { at: T0 + 5 * minute, count: 1 },
    ]);
  });

  it('a restored state decides instead of the current count', async () => {
    const saved = { consecutiveFailures: 0, recommendations: { a: [{ at: T0, count: 4 }] } };
    const { out } = await run(
      { source: scripted(100), pools: ['a'], targetPerNode: 100, initialState: saved },
      [[60_000, { a: 9 }]],
    );
    expect(out[0]?.[0]?.count).toBe(4);
  });

  it('ignores a saved state that does not fit, and says so', async () => {
    const warnings: string[] = [];
    const { out, policy } = await run(
      {
        source: scripted(100),
        pools: ['a'],
        targetPerNode: 100,
        initialState: { recommendations: 'not a history' } as never,
        onWarning: (message) => warnings.push(message),
      },
      [[0, { a: 1 }]],
    );
    expect(warnings).toEqual([expect.stringContaining('the saved state does not fit metric queue')]);
    expect(out[0]?.[0]?.count).toBe(1);
    expect(policy.toJSON()).toEqual({
      consecutiveFailures: 0,
      recommendations: { a: [{ at: T0, count: 1 }] },
    });
  });
});

describe('metricPolicy: source failures', () => {
  it('holds the current count by default and never scales down on missing data', async () => {
    const down = new Error('connection refused');
    const { out, policy } = await run(
      { source: scripted(down, down, down, down, 300), pools: ['a', 'gone'], targetPerNode: 100 },
      [
        [0, { a: 7 }],
        [1000, { a: 7 }],
        [2000, { a: 7 }],
        [3000, { a: 7 }],
      ],
    );
    for (const decisions of out)
      expect(decisions).toEqual([
        { pool: 'a', count: 7, reason: expect.stringContaining('holding current count 7') },
      ]);
    expect(out[3]?.[0]?.reason).toContain('failed (4 in a row: connection refused)');
    expect(policy.toJSON().consecutiveFailures).toBe(4);
  });

  it('uses the fallback count after N consecutive failures, and resets on success', async () => {
    const down = new Error('timeout');
    const { out, policy } = await run(
      {
        source: scripted(down, down, 500, down),
        pools: ['a'],
        targetPerNode: 100,
        fallback: { afterFailures: 2, count: 3 },
        scaleDownStabilizationInMs: 0, // the fallback alone (a fresh window would hold 7 after the first success)
      },
      [
        [0, { a: 7 }],
        [1000, { a: 7 }],
        [2000, { a: 7 }],
        [3000, { a: 5 }],
      ],
    );
    expect(out.map((decisions) => decisions[0]?.count)).toEqual([7, 3, 5, 5]);
    expect(out[1]?.[0]?.reason).toContain('fallback count 3');
    expect(policy.toJSON().consecutiveFailures).toBe(1);
  });

  it('treats a non-number as a failure', async () => {
    const source: MetricSource = { name: 'bad', read: async () => Number.NaN };
    const { out } = await run({ source, pools: ['a'], targetPerNode: 1 }, [[0, { a: 2 }]]);
    expect(out[0]?.[0]).toMatchObject({ count: 2, reason: expect.stringContaining('not a finite number') });
  });

  it('does not swallow aborts', async () => {
    const source: MetricSource = { name: 'slow', read: async () => Promise.reject(new AbortedError()) };
    await expect(run({ source, pools: ['a'], targetPerNode: 1 }, [[0, { a: 2 }]])).rejects.toBeInstanceOf(
      AbortedError,
    );
  });
});

describe('metricPolicy: validation', () => {
  it.each([
    [{ targetPerNode: 1, targetValue: 1 }, 'exactly one'],
    [{}, 'exactly one'],
    [{ targetPerNode: 0 }, 'greater than 0'],
    [{ targetPerNode: 1, min: 5, max: 2 }, 'greater than max'],
    [{ targetPerNode: 1, pools: [] }, 'at least one pool'],
    [{ targetPerNode: 1, pools: ['Bad'] }, 'not a valid AKS pool name'],
    [{ targetPerNode: 1, tolerance: 1 }, 'tolerance'],
    [{ targetPerNode: 1, fallback: { afterFailures: 0 } }, 'afterFailures'],
  ])('rejects %j', (options, message) => {
    expect(() => metricPolicy({ source: scripted(1), pools: ['a'], ...options })).toThrow(ConfigError);
    expect(() => metricPolicy({ source: scripted(1), pools: ['a'], ...options })).toThrow(message);
  });
});
