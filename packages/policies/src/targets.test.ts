import type { NodePool, Policy, PolicyContext, PoolDecision } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { firstOf, maxOf, minOf } from './combine.js';
import { parseNodePoolsAmount } from './node-pools-amount.js';
import { parseScalerConfig } from './parse-scaler-config.js';
import { policyFromConfig } from './policy-from-config.js';
import { schedulePolicy } from './schedule-policy.js';
import { scheduleTransitions } from './schedule-transitions.js';
import { staticPolicy } from './static-policy.js';
import { withBounds } from './with-bounds.js';
import { withStabilization } from './with-stabilization.js';
import { withStepLimit } from './with-step-limit.js';

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' };
const pool = (name: string, extra: Partial<NodePool> = {}): NodePool => ({
  cluster,
  name,
  count: 3,
  mode: 'User',
  enableAutoScaling: false,
  powerState: 'Running',
  provisioningState: 'Succeeded',
  ...extra,
});
const ctx = (pools: NodePool[] = [], iso = '2026-11-30T10:00:00Z'): PolicyContext => ({
  now: new Date(iso),
  cluster,
  pools,
});
const fixed = (name: string, ...decisions: Array<Omit<PoolDecision, 'reason'>>): Policy => ({
  name,
  evaluate: () => decisions.map((d) => ({ ...d, reason: `${name} says so` })),
});
const targetOf = ({ reason: _, pool: __, ...target }: PoolDecision) => target;

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('no ConfigError');
}

describe('targets in static maps and schedules', () => {
  it("turns a count, 'stop' and { min, max } into decisions, with the target in the reason", async () => {
    const decisions = await staticPolicy({ a: 5, b: 'stop', c: { min: 2, max: 10 } }).evaluate(ctx());
    expect(decisions).toEqual([
      { pool: 'a', count: 5, reason: 'static a=5' },
      { pool: 'b', power: 'Stopped', reason: 'static b=stop' },
      { pool: 'c', autoscaler: { minCount: 2, maxCount: 10 }, reason: 'static c=2..10' },
    ]);
  });

  it('takes targets in rules and otherwise, and lists them as transitions', async () => {
    const spec = {
      timezone: 'UTC',
      rules: [{ when: 'Mon-Fri 08:00-18:00', counts: { batch: 4, web: { min: 3, max: 20 } } }],
      otherwise: { batch: 'stop' as const, web: { min: 1, max: 4 } },
    };
    const day = await schedulePolicy(spec).evaluate(ctx([], '2026-11-30T09:00:00Z'));
    const night = await schedulePolicy(spec).evaluate(ctx([], '2026-11-30T22:00:00Z'));
    expect(day.map(targetOf)).toEqual([{ count: 4 }, { autoscaler: { minCount: 3, maxCount: 20 } }]);
    expect(night.map(targetOf)).toEqual([{ power: 'Stopped' }, { autoscaler: { minCount: 1, maxCount: 4 } }]);
    const transitions = scheduleTransitions(spec, {
      from: new Date('2026-11-30T17:00:00Z'),
      to: new Date('2026-11-30T19:00:00Z'),
    });
    expect(transitions.map((t) => t.counts)).toEqual([
      { batch: 4, web: { min: 3, max: 20 } },
      { batch: 'stop', web: { min: 1, max: 4 } },
    ]);
  });

  it('refuses bad targets naming the path: min above max, unknown words, half a range', () => {
    const error = configError(() =>
      parseScalerConfig(
        JSON.stringify({
          clusters: [
            { subscription: '00000000-0000-0000-0000-000000000000', resourceGroup: 'rg', name: 'aks' },
          ],
          policy: {
            max: [
              { static: { web: { min: 5, max: 2 }, batch: 'banana' } },
              { schedule: { timezone: 'UTC', rules: [], otherwise: { api: { min: 1 } } } },
            ],
          },
        }),
        { source: 'scaler.yaml' },
      ),
    );
    expect(error.issues).toEqual([
      {
        path: 'policy.max[0].static.web',
        message:
          'min 5 is greater than max 2: an autoscaler range needs min <= max, e.g. { min: 2, max: 5 } (found { min: 5, max: 2 })',
      },
      {
        path: 'policy.max[0].static.batch',
        message: `must be a node count (an integer from 0 to 1000), 'stop', or an autoscaler range such as { min: 2, max: 10 } (found "banana")`,
      },
      {
        path: 'policy.max[1].schedule.otherwise.api',
        message:
          'an autoscaler range needs min and max, integers from 0 to 1000, e.g. { min: 2, max: 10 } (found { min: 1 })',
      },
    ]);
    expect(configError(() => staticPolicy({ web: { min: 5, max: 2 } })).issues[0]?.path).toBe('static.web');
  });

  it('keeps NODE_POOLS_AMOUNT to integers', () => {
    expect(configError(() => parseNodePoolsAmount('{ "a": "stop" }')).issues[0]).toMatchObject({
      path: 'NODE_POOLS_AMOUNT.a',
      message: expect.stringMatching(/integer from 0 to 1000/),
    });
  });

  it('reads a config with targets and stoppedPools into a policy', async () => {
    const config = parseScalerConfig(
      [
        'clusters:',
        '  - { subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg, name: aks, stoppedPools: start }',
        'policy:',
        '  static: { batch: stop, web: { min: 2, max: 8 } }',
      ].join('\n'),
    );
    expect(config.clusters[0]?.stoppedPools).toBe('start');
    expect((await policyFromConfig(config).evaluate(ctx())).map(targetOf)).toEqual([
      { power: 'Stopped' },
      { autoscaler: { minCount: 2, maxCount: 8 } },
    ]);
  });
});

describe('combinators with stops and ranges', () => {
  it('maxOf prefers capacity: Running beats Stopped, each bound larger, votes named', async () => {
    const night = fixed('night', { pool: 'a', power: 'Stopped' }, { pool: 'b', power: 'Stopped' });
    const day = fixed(
      'day',
      { pool: 'a', count: 2 },
      { pool: 'c', autoscaler: { minCount: 1, maxCount: 9 } },
    );
    const peak = fixed('peak', { pool: 'c', autoscaler: { minCount: 4, maxCount: 6 } });
    const decisions = await maxOf(night, day, peak).evaluate(ctx());
    expect(decisions).toEqual([
      { pool: 'a', count: 2, reason: 'max of [night=stop, day=2]: day says so' },
      { pool: 'b', power: 'Stopped', reason: 'night says so' },
      {
        pool: 'c',
        autoscaler: { minCount: 4, maxCount: 9 },
        reason: 'max of [day=1..9, peak=4..6]: day says so',
      },
    ]);
  });

  it('minOf does the reverse: a stop wins, each bound smaller', async () => {
    const night = fixed('night', { pool: 'a', power: 'Stopped' });
    const day = fixed(
      'day',
      { pool: 'a', count: 2 },
      { pool: 'c', autoscaler: { minCount: 1, maxCount: 9 } },
    );
    const cap = fixed('cap', { pool: 'c', autoscaler: { minCount: 4, maxCount: 6 } });
    const decisions = await minOf(night, day, cap).evaluate(ctx());
    expect(decisions.map(targetOf)).toEqual([
      { power: 'Stopped' },
      { autoscaler: { minCount: 1, maxCount: 6 } },
    ]);
  });

  it('keeps a start with the larger count, and for counts against ranges asks the pool', async () => {
    const start = fixed('start', { pool: 'a', power: 'Running', count: 2 });
    const more = fixed('more', { pool: 'a', count: 5 });
    expect((await maxOf(start, more).evaluate(ctx())).map(targetOf)).toEqual([
      { count: 5, power: 'Running' },
    ]);
    expect((await minOf(start, more).evaluate(ctx())).map(targetOf)).toEqual([{ count: 2 }]);
    const mixed = maxOf(
      fixed('n', { pool: 'w', count: 7 }),
      fixed('r', { pool: 'w', autoscaler: { minCount: 1, maxCount: 3 } }),
    );
    expect((await mixed.evaluate(ctx([pool('w')]))).map(targetOf)).toEqual([{ count: 7 }]);
    expect((await mixed.evaluate(ctx([pool('w', { enableAutoScaling: true })]))).map(targetOf)).toEqual([
      { autoscaler: { minCount: 1, maxCount: 3 } },
    ]);
  });

  it('firstOf takes the first opinion, whatever it is', async () => {
    const decisions = await firstOf(
      fixed('a', { pool: 'p', power: 'Stopped' }),
      fixed('b', { pool: 'p', count: 9 }),
    ).evaluate(ctx());
    expect(decisions.map(targetOf)).toEqual([{ power: 'Stopped' }]);
  });

  it('withBounds keeps a range within the bounds and lets a stop through', async () => {
    const policy = withBounds(
      fixed(
        'p',
        { pool: 'web', autoscaler: { minCount: 0, maxCount: 50 } },
        { pool: 'batch', power: 'Stopped' },
      ),
      { web: { min: 1, max: 20 }, batch: { min: 2 } },
    );
    const [web, batch] = await policy.evaluate(ctx());
    expect(web).toMatchObject({ autoscaler: { minCount: 1, maxCount: 20 } });
    expect(web?.reason).toMatch(/range 0\.\.50 kept within 1\.\.20: 1\.\.20/);
    expect(batch).toEqual({ pool: 'batch', power: 'Stopped', reason: 'p says so' });
  });

  it('withStepLimit and withStabilization pass stops, ranges and counts for stopped pools unchanged', async () => {
    const inner = fixed(
      'p',
      { pool: 'a', power: 'Stopped' },
      { pool: 'b', autoscaler: { minCount: 1, maxCount: 30 } },
      { pool: 'c', count: 9 },
    );
    const pools = [pool('a', { count: 8 }), pool('b'), pool('c', { count: 0, powerState: 'Stopped' })];
    const limited = await withStepLimit(inner, { up: 1, down: 1 }).evaluate(ctx(pools));
    expect(limited.map(targetOf)).toEqual([
      { power: 'Stopped' },
      { autoscaler: { minCount: 1, maxCount: 30 } },
      { count: 9 },
    ]);
    const stabilized = withStabilization(inner, { scaleDownWindowInMs: 600_000 });
    expect((await stabilized.evaluate(ctx(pools))).map(targetOf)).toEqual(limited.map(targetOf));
    expect(Object.keys(stabilized.toJSON().recommendations)).toEqual(['c']);
  });
});
