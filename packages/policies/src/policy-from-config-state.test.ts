import type { ClusterRef, PolicyContext } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { policyContext } from '../test/policy-context.js';
import { parseScalerConfig } from './parse-scaler-config.js';
import { policyFromConfig } from './policy-from-config.js';

const T0 = Date.parse('2026-11-30T10:00:00Z');
const MINUTE = 60_000;
const clusterA: ClusterRef = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'a' };
const clusterB: ClusterRef = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'b' };

/** A clock the test moves by hand: every evaluation is at `T0 + offset`. */
function ctx(cluster: ClusterRef, offsetInMs: number, counts: Record<string, number>): PolicyContext {
  return policyContext(new Date(T0 + offsetInMs), counts, cluster);
}

/** A Prometheus that answers `values[cluster]` for each query (the cluster is in the query's label). */
function prometheus(values: () => Record<string, number>): typeof fetch {
  return (async (url: string | URL | Request) => {
    const query = new URL(String(url)).searchParams.get('query') ?? '';
    const cluster = /cluster="(\w+)"/.exec(query)?.[1] ?? '';
    const value = values()[cluster];
    return new Response(
      JSON.stringify({
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {}, value: [0, String(value)] }] },
      }),
    );
  }) as typeof fetch;
}

const text = `
clusters:
  - { subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg, name: aks }
policy:
  max:
    - static: { web: 1 }
    - metric:
        prometheus: { url: "http://prometheus:9090", query: 'sum(queue{cluster="a"})' }
        pools: [web]
        targetPerNode: 100
    - stabilize:
        scaleDownWindow: 10m
        policy:
          schedule: { timezone: UTC, rules: [{ when: "Mon 10:00-10:05", counts: { web: 6 } }], otherwise: { web: 0 } }
limits: { maxStepDown: 50 }
`;

describe('policyFromConfig: one instance per call', () => {
  it('builds independent instances: what one cluster saw never decides for another', async () => {
    const config = parseScalerConfig(
      JSON.stringify({
        clusters: [{ subscription: '00000000-0000-0000-0000-000000000000', resourceGroup: 'rg', name: 'x' }],
        policy: {
          metric: {
            prometheus: { url: 'http://p:9090', query: 'q' },
            pools: ['web'],
            targetPerNode: 100,
            fallback: { afterFailures: 2, count: 3 },
          },
        },
      }),
    );
    let down = false;
    const ok = prometheus(() => ({ '': 900 }));
    const fetch = (async (url: string | URL | Request) => {
      if (down) throw new TypeError('connection refused');
      return ok(url);
    }) as typeof globalThis.fetch;
    const forA = policyFromConfig(config, { fetch });
    const forB = policyFromConfig(config, { fetch });
    expect(forA).not.toBe(forB);
    await forA.evaluate(ctx(clusterA, 0, { web: 9 })); // recorded in a's window
    down = true;
    await forA.evaluate(ctx(clusterA, MINUTE, { web: 9 }));
    expect(await forA.evaluate(ctx(clusterA, 2 * MINUTE, { web: 9 }))).toEqual([
      { pool: 'web', count: 3, reason: expect.stringContaining('(2 in a row: ') },
    ]);
    // Cluster b's first failure is its first: it holds b's count (one shared instance would count 3 failures in
    // a row and ask for the fallback count).
    expect(await forB.evaluate(ctx(clusterB, 2 * MINUTE, { web: 5 }))).toEqual([
      { pool: 'web', count: 5, reason: expect.stringContaining('(1 in a row: ') },
    ]);
    expect(forB.toJSON()).toEqual({ consecutiveFailures: 1, recommendations: {} });
    expect(forA.toJSON()).toEqual({
      consecutiveFailures: 2,
      recommendations: { web: [{ at: T0, count: 9 }] },
    });
  });
});

describe('policyFromConfig: state of a config-built tree', () => {
  it('saves the state by position and a rebuilt policy carries on from it', async () => {
    let queue = 900;
    const fetch = prometheus(() => ({ a: queue }));
    const config = parseScalerConfig(text);
    const first = policyFromConfig(config, { fetch });
    expect(first.warnings).toEqual([]);
    await first.evaluate(ctx(clusterA, 0, { web: 2 })); // Monday 10:00: metric 9, schedule 6
    const saved = JSON.parse(JSON.stringify(first.toJSON()));
    expect(saved).toEqual([
      null,
      { consecutiveFailures: 0, recommendations: { web: [{ at: T0, count: 9 }] } },
      { recommendations: { web: [{ at: T0, count: 6 }] }, policy: null },
    ]);

    // A restart 6 minutes later with 9 nodes running: the metric wants 1, the schedule window is over.
    queue = 100;
    const restarted = policyFromConfig(config, { fetch, initialState: saved });
    expect(restarted.warnings).toEqual([]);
    const [web] = await restarted.evaluate(ctx(clusterA, 6 * MINUTE, { web: 9 }));
    // The metric's own 5-minute window has passed (9 was recorded at 10:00); the stabilized schedule still
    // holds its 6 from 10:00 within its 10 minutes.
    expect(web).toMatchObject({ pool: 'web', count: 6 });
    expect(web?.reason).toContain('scale-down held at 6 (highest recommendation in the last 10m)');
  });

  it('ignores a state saved by another config, with a warning for each part, and never throws', async () => {
    const fetch = prometheus(() => ({ a: 100 }));
    const config = parseScalerConfig(text);
    const other = [{ consecutiveFailures: 'x' }, null, { recommendations: 5 }];
    const policy = policyFromConfig(config, { fetch, initialState: other });
    expect(policy.warnings).toEqual([
      { path: 'policy.max[0].static', message: expect.stringContaining('keeps none') },
      { path: 'policy.max[2].stabilize', message: expect.stringContaining('does not fit') },
    ]);
    // The metric had nothing saved at its position (null): it starts fresh; the others ignored theirs.
    const [web] = await policy.evaluate(ctx(clusterA, 0, { web: 1 }));
    expect(web).toMatchObject({
      count: 6,
      reason: expect.stringContaining('[static=1, metric=1, schedule=6]'),
    });
    expect(policy.toJSON()).toEqual([
      null,
      { consecutiveFailures: 0, recommendations: { web: [{ at: T0, count: 1 }] } },
      { recommendations: { web: [{ at: T0, count: 6 }] }, policy: null },
    ]);

    const shorter = policyFromConfig(config, { fetch, initialState: [null, null] });
    expect(shorter.warnings).toEqual([
      { path: 'policy.max', message: expect.stringContaining('does not fit') },
    ]);
    const scalar = policyFromConfig(config, { fetch, initialState: 'garbage' });
    expect(scalar.warnings).toHaveLength(1);
    await expect(scalar.evaluate(ctx(clusterA, 0, { web: 4 }))).resolves.toHaveLength(1);
  });
});
