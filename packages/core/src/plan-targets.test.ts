import { describe, expect, it } from 'vitest';
import { planPool, planReconcile } from './plan.js';
import type { ClusterRef, NodePool, PoolDecision } from './types.js';

const cluster: ClusterRef = { subscriptionId: 'sub', resourceGroup: 'rg', clusterName: 'aks' };

function pool(overrides: Partial<NodePool> = {}): NodePool {
  return {
    cluster,
    name: 'np',
    count: 3,
    mode: 'User',
    enableAutoScaling: false,
    powerState: 'Running',
    provisioningState: 'Succeeded',
    eTag: '"e1"',
    ...overrides,
  };
}

const decide = (target: Omit<PoolDecision, 'pool' | 'reason'>): PoolDecision => ({
  pool: 'np',
  reason: 'test',
  ...target,
});
const autoscaled = (extra: Partial<NodePool> = {}) =>
  pool({ enableAutoScaling: true, minCount: 1, maxCount: 5, ...extra });

describe('planPool: stop', () => {
  it('stops a running User pool: one stop write, 0 nodes after, power Stopped', () => {
    expect(planPool(pool(), decide({ power: 'Stopped' }))).toMatchObject({
      action: 'stop',
      operations: ['stop'],
      from: 3,
      to: 0,
      power: 'Stopped',
      warning: false,
      waitFirst: false,
      reason: 'test; stop the pool (3 nodes now)',
    });
  });

  it('never stops a System pool: a skip with the reason, never waited for even when busy', () => {
    const step = planPool(
      pool({ mode: 'System', provisioningState: 'Upgrading' }),
      decide({ power: 'Stopped' }),
    );
    expect(step).toMatchObject({ action: 'skip', operations: [], warning: true, waitFirst: false, to: 3 });
    expect(step.reason).toMatch(/System pools cannot be stopped/);
  });

  it('leaves a stopped pool as it is, and waits for a busy pool before stopping it', () => {
    expect(planPool(pool({ powerState: 'Stopped', count: 0 }), decide({ power: 'Stopped' }))).toMatchObject({
      action: 'none',
      reason: 'test; already stopped',
    });
    const busy = planPool(pool({ provisioningState: 'Scaling' }), decide({ power: 'Stopped' }));
    expect(busy).toMatchObject({ action: 'stop', waitFirst: true });
    expect(busy.reason).toMatch(/Scaling: reconcile waits/);
  });

  it('skips a stop of a pool that ended Failed, which AKS refuses, saying what to do', () => {
    const step = planPool(pool({ provisioningState: 'Failed' }), decide({ power: 'Stopped' }));
    expect(step).toMatchObject({ action: 'skip', waitFirst: false, warning: true });
    expect(step.reason).toMatch(/stops only a pool whose provisioning state is Succeeded.*Failed.*repair it/);
  });

  it('stops an autoscaler pool too: the stop is an explicit target, whatever autoscalerPools says', () => {
    expect(planPool(autoscaled(), decide({ power: 'Stopped' }))).toMatchObject({ action: 'stop' });
  });
});

describe('planPool: start', () => {
  const stopped = pool({ powerState: 'Stopped', count: 0 });

  it("starts a stopped pool with power 'Running' alone, and leaves a running one", () => {
    expect(planPool(stopped, decide({ power: 'Running' }))).toMatchObject({
      action: 'start',
      operations: ['start'],
      power: 'Running',
    });
    expect(planPool(pool(), decide({ power: 'Running' }))).toMatchObject({
      action: 'none',
      power: 'Running',
    });
  });

  it("starts then scales with power 'Running' and a count, whatever stoppedPools says", () => {
    for (const stoppedPools of [undefined, 'skip', 'start'] as const) {
      expect(planPool(stopped, decide({ power: 'Running', count: 4 }), { stoppedPools })).toMatchObject({
        action: 'start',
        operations: ['start', 'scale'],
        to: 4,
        power: 'Running',
        reason: 'test; start the stopped pool, then scale to 4',
      });
    }
    expect(planPool(pool({ count: 2 }), decide({ power: 'Running', count: 4 }))).toMatchObject({
      action: 'scale',
      operations: ['scale'],
    });
  });

  it("skips a count for a stopped pool by default, naming stoppedPools; stoppedPools 'start' starts it", () => {
    const skipped = planPool(stopped, decide({ count: 4 }));
    expect(skipped).toMatchObject({ action: 'skip', warning: true, power: 'Stopped' });
    expect(skipped.reason).toMatch(/stoppedPools 'start'/);
    expect(planPool(stopped, decide({ count: 4 }), { stoppedPools: 'start' })).toMatchObject({
      action: 'start',
      operations: ['start', 'scale'],
    });
    // stoppedPools wins over the older startStoppedPools.
    expect(
      planPool(stopped, decide({ count: 4 }), { stoppedPools: 'skip', startStoppedPools: true }).action,
    ).toBe('skip');
  });

  it('skips a start of a pool that ended Canceled', () => {
    const step = planPool(
      pool({ powerState: 'Stopped', provisioningState: 'Canceled' }),
      decide({ power: 'Running' }),
    );
    expect(step).toMatchObject({ action: 'skip', waitFirst: false });
    expect(step.reason).toMatch(/starts only a pool whose provisioning state is Succeeded/);
  });
});

describe('planPool: autoscaler range', () => {
  const range = (minCount: number, maxCount: number) => decide({ autoscaler: { minCount, maxCount } });

  it('writes both bounds of an autoscaler pool, leaving its count to the autoscaler', () => {
    expect(planPool(autoscaled({ count: 2 }), range(2, 10))).toMatchObject({
      action: 'bounds',
      operations: ['bounds'],
      bounds: { minCount: 2, maxCount: 10 },
      from: 2,
      to: 2,
      reason: 'test; set the autoscaler range 1..5 -> 2..10',
    });
  });

  it('needs no autoscalerPools option: an explicit range is not a count', () => {
    expect(planPool(autoscaled(), range(2, 10), { autoscalerPools: 'skip' }).action).toBe('bounds');
  });

  it('does nothing when the range is already set', () => {
    expect(planPool(autoscaled(), range(1, 5))).toMatchObject({
      action: 'none',
      reason: 'test; autoscaler range already 1..5',
    });
  });

  it('skips a range for a pool without the autoscaler, with what to do', () => {
    const step = planPool(pool({ provisioningState: 'Scaling' }), range(2, 10));
    expect(step).toMatchObject({ action: 'skip', warning: true, waitFirst: false, operations: [] });
    expect(step.reason).toMatch(
      /no cluster autoscaler.*--enable-cluster-autoscaler --min-count 2 --max-count 10/,
    );
  });

  it('refuses a range whose minimum is above its maximum, or that is not two integers', () => {
    expect(planPool(autoscaled(), range(5, 2))).toMatchObject({
      action: 'skip',
      warning: true,
      reason:
        'test; refused: the autoscaler range 5..2 has its minimum above its maximum; the pool is left alone',
    });
    expect(planPool(autoscaled(), range(1.5, 3)).reason).toMatch(/not two integers/);
  });

  it("clamps each bound to the pool's mode: a System pool's minimum is at least 1", () => {
    const step = planPool(autoscaled({ mode: 'System' }), range(0, 4000));
    expect(step.bounds).toEqual({ minCount: 1, maxCount: 1000 });
    expect(step.warning).toBe(true);
    expect(planPool(autoscaled(), range(0, 0)).bounds).toEqual({ minCount: 0, maxCount: 1 });
  });

  it("starts a stopped pool and then sets its range with stoppedPools 'start', else skips it", () => {
    const stopped = pool({ powerState: 'Stopped', count: 0 });
    expect(planPool(stopped, range(2, 10)).action).toBe('skip');
    expect(planPool(stopped, range(2, 10), { stoppedPools: 'start' })).toMatchObject({
      action: 'start',
      operations: ['start', 'bounds'],
      bounds: { minCount: 2, maxCount: 10 },
    });
  });
});

describe('planPool: decisions without one clear target', () => {
  it.each([
    ['no target', {}, /has no target/],
    ['a stop and a count', { power: 'Stopped', count: 2 }, /stops the pool and also gives it the count 2/],
    [
      'a stop and a range',
      { power: 'Stopped', autoscaler: { minCount: 1, maxCount: 2 } },
      /an autoscaler range/,
    ],
    [
      'a count and a range',
      { count: 2, autoscaler: { minCount: 1, maxCount: 2 } },
      /both a count and an autoscaler range/,
    ],
    ['an unknown power state', { power: 'Paused' }, /power "Paused" is neither/],
  ] as const)('refuses %s', (_, target, reason) => {
    const step = planPool(pool(), decide(target as Omit<PoolDecision, 'pool' | 'reason'>));
    expect(step).toMatchObject({ action: 'skip', warning: true, operations: [], waitFirst: false });
    expect(step.reason).toMatch(reason);
  });
});

describe('planPool: overrides', () => {
  const until = '2026-12-05T17:00:00Z';

  it('writes nothing to a paused pool, without a warning and without waiting', () => {
    const step = planPool(
      pool({ provisioningState: 'Scaling' }),
      decide({ count: 9, override: { source: 'tag', until, reason: 'load test', pause: true } }),
    );
    expect(step).toMatchObject({
      action: 'skip',
      operations: [],
      warning: false,
      waitFirst: false,
      reason: `paused until ${until} (load test)`,
    });
    expect(planPool(pool(), decide({ override: { source: 'config', until, pause: true } })).reason).toBe(
      `paused until ${until}`,
    );
  });

  it("shows an active override's reason in the plan, once", () => {
    const override = { source: 'config' as const, until, reason: 'load test' };
    expect(planPool(pool(), decide({ count: 5, override })).reason).toBe(
      `override until ${until} (load test); test; scale 3 -> 5`,
    );
    const worded = planPool(pool(), {
      pool: 'np',
      count: 5,
      override,
      reason: `override until ${until} (load test)`,
    });
    expect(worded.reason).toBe(`override until ${until} (load test); scale 3 -> 5`);
  });
});

describe('planReconcile: several decisions for one pool', () => {
  const plan = (p: NodePool, decisions: Array<Omit<PoolDecision, 'pool' | 'reason'>>) =>
    planReconcile([p], decisions.map(decide)).steps[0];

  it('prefers capacity: Running beats Stopped, the larger count, each bound larger', () => {
    expect(plan(pool(), [{ power: 'Stopped' }, { count: 2 }])).toMatchObject({ action: 'scale', to: 2 });
    expect(plan(pool(), [{ power: 'Stopped' }, { power: 'Stopped' }])).toMatchObject({ action: 'stop' });
    expect(
      plan(autoscaled(), [
        { autoscaler: { minCount: 2, maxCount: 4 } },
        { autoscaler: { minCount: 1, maxCount: 9 } },
      ])?.bounds,
    ).toEqual({ minCount: 2, maxCount: 9 });
  });

  it('lets a paused override win, and counts the plan changes of every write action', () => {
    const paused = {
      count: 1,
      override: { source: 'tag' as const, until: '2026-12-05T17:00:00Z', pause: true },
    };
    expect(plan(pool(), [{ count: 9 }, paused])?.action).toBe('skip');
    const pools = [
      pool({ name: 'a' }),
      pool({ name: 'b', powerState: 'Stopped', count: 0 }),
      autoscaled({ name: 'c' }),
    ];
    const result = planReconcile(pools, [
      { pool: 'a', power: 'Stopped', reason: 'r' },
      { pool: 'b', power: 'Running', reason: 'r' },
      { pool: 'c', autoscaler: { minCount: 0, maxCount: 3 }, reason: 'r' },
    ]);
    expect(result.steps.map((s) => s.action)).toEqual(['stop', 'start', 'bounds']);
    expect(result.changes).toBe(3);
  });
});
