import { describe, expect, it } from 'vitest';
import { planPool, planReconcile } from './plan.js';
import type { ClusterRef, NodePool, PoolDecision } from './types.js';

const cluster: ClusterRef = { subscriptionId: 'sub', resourceGroup: 'rg', clusterName: 'aks' };

function pool(overrides: Partial<NodePool> & { name: string }): NodePool {
  return {
    cluster,
    count: 1,
    mode: 'User',
    enableAutoScaling: false,
    powerState: 'Running',
    provisioningState: 'Succeeded',
    eTag: '"e1"',
    ...overrides,
  };
}

const want = (name: string, count: number, extra: Partial<PoolDecision> = {}): PoolDecision => ({
  pool: name,
  count,
  reason: 'test',
  ...extra,
});

describe('planPool', () => {
  it.each([
    { name: 'scale up', p: { count: 1 }, count: 5, action: 'scale', to: 5, ops: ['scale'], warning: false },
    { name: 'scale down', p: { count: 5 }, count: 2, action: 'scale', to: 2, ops: ['scale'], warning: false },
    { name: 'no-op', p: { count: 3 }, count: 3, action: 'none', to: 3, ops: [], warning: false },
    { name: 'User to 0', p: { count: 3 }, count: 0, action: 'scale', to: 0, ops: ['scale'], warning: false },
    {
      name: 'User below 0',
      p: { count: 3 },
      count: -2,
      action: 'scale',
      to: 0,
      ops: ['scale'],
      warning: true,
    },
    {
      name: 'above 1000',
      p: { count: 3 },
      count: 5000,
      action: 'scale',
      to: 1000,
      ops: ['scale'],
      warning: true,
    },
    {
      name: 'System min 1',
      p: { count: 3, mode: 'System' },
      count: 0,
      action: 'scale',
      to: 1,
      ops: ['scale'],
      warning: true,
    },
    {
      name: 'System at 1 asked 0',
      p: { count: 1, mode: 'System' },
      count: 0,
      action: 'none',
      to: 1,
      ops: [],
      warning: true,
    },
    { name: 'not an integer', p: { count: 3 }, count: 2.5, action: 'skip', to: 3, ops: [], warning: true },
    { name: 'NaN', p: { count: 3 }, count: Number.NaN, action: 'skip', to: 3, ops: [], warning: true },
  ] as const)('$name', ({ p, count, action, to, ops, warning }) => {
    const step = planPool(pool({ name: 'np', ...p }), want('np', count));
    expect(step).toMatchObject({ action, to, operations: ops, warning, from: p.count });
    expect(step.reason).toMatch(/^test/);
    if (warning && action !== 'skip') expect(step.reason).toMatch(/clamped/);
  });

  it('skips autoscaler pools by default, with a warning that names the option', () => {
    const step = planPool(
      pool({ name: 'auto', enableAutoScaling: true, minCount: 1, maxCount: 3 }),
      want('auto', 9),
    );
    expect(step.action).toBe('skip');
    expect(step.warning).toBe(true);
    expect(step.reason).toMatch(/autoscaler owns.*'bounds'/);
  });

  it('writes autoscaler bounds from the decision in bounds mode, never the count', () => {
    const p = pool({ name: 'auto', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 3 });
    const step = planPool(p, want('auto', 5), { autoscalerPools: 'bounds' });
    expect(step).toMatchObject({
      action: 'bounds',
      operations: ['bounds'],
      bounds: { minCount: 5, maxCount: 5 },
    });
    const explicit = planPool(p, want('auto', 2, { minCount: 2, maxCount: 10 }), {
      autoscalerPools: 'bounds',
    });
    expect(explicit.bounds).toEqual({ minCount: 2, maxCount: 10 });
    const same = planPool(p, want('auto', 1, { maxCount: 3 }), { autoscalerPools: { auto: 'bounds' } });
    expect(same).toMatchObject({ action: 'none', operations: [] });
    const keepsMax = planPool(p, want('auto', 0), { autoscalerPools: 'bounds' });
    expect(keepsMax.bounds).toEqual({ minCount: 0, maxCount: 3 });
  });

  it('chooses the autoscaler mode per pool; unnamed pools are skipped', () => {
    const p = pool({ name: 'other', enableAutoScaling: true, minCount: 1, maxCount: 3 });
    expect(planPool(p, want('other', 4), { autoscalerPools: { auto: 'bounds' } }).action).toBe('skip');
  });

  it('keeps System autoscaler bounds at least 1', () => {
    const p = pool({ name: 'sys', mode: 'System', enableAutoScaling: true, minCount: 1, maxCount: 3 });
    const step = planPool(p, want('sys', 0, { maxCount: 0 }), { autoscalerPools: 'bounds' });
    expect(step.bounds).toEqual({ minCount: 1, maxCount: 1 });
  });

  it('skips stopped pools unless starting them is allowed', () => {
    const stopped = pool({ name: 's', count: 0, powerState: 'Stopped' });
    expect(planPool(stopped, want('s', 3))).toMatchObject({ action: 'skip', warning: true });
    expect(planPool(stopped, want('s', 3)).reason).toMatch(/startStoppedPools/);
    expect(planPool(stopped, want('s', 0))).toMatchObject({ action: 'none' });
    expect(planPool(stopped, want('s', 3), { startStoppedPools: true })).toMatchObject({
      action: 'start',
      operations: ['start', 'scale'],
    });
    const restores = pool({ name: 's', count: 3, powerState: 'Stopped' });
    expect(planPool(restores, want('s', 3), { startStoppedPools: true }).operations).toEqual(['start']);
  });

  it('stops a User pool at zero with stopAtZero, never a System pool', () => {
    expect(planPool(pool({ name: 'u', count: 4 }), want('u', 0), { stopAtZero: true })).toMatchObject({
      action: 'stop',
      to: 0,
      operations: ['stop'],
    });
    const sys = planPool(pool({ name: 'y', count: 4, mode: 'System' }), want('y', 0), { stopAtZero: true });
    expect(sys.operations).toEqual(['scale']);
    expect(sys.to).toBe(1);
    expect(planPool(pool({ name: 'u', count: 0 }), want('u', 0), { stopAtZero: true }).action).toBe('none');
  });

  it("keeps a pool running at zero with stopAtZero when the decision asks for power 'Running'", () => {
    const running = want('u', 0, { power: 'Running' });
    expect(planPool(pool({ name: 'u', count: 4 }), running, { stopAtZero: true })).toMatchObject({
      action: 'scale',
      to: 0,
      operations: ['scale'],
    });
    // A stopped pool asked to run with a count below zero is started; planned again once it runs its 4 nodes, the
    // clamped 0 scales it down and never stops it again.
    const decision = want('s', -3, { power: 'Running' });
    const stopped = pool({ name: 's', count: 0, powerState: 'Stopped' });
    expect(planPool(stopped, decision, { stopAtZero: true }).operations).toEqual(['start']);
    const started = planPool(pool({ name: 's', count: 4 }), decision, { stopAtZero: true });
    expect(started).toMatchObject({ action: 'scale', to: 0, operations: ['scale'] });
  });

  it('marks busy pools to be waited for and planned again', () => {
    const step = planPool(pool({ name: 'b', provisioningState: 'Scaling' }), want('b', 2));
    expect(step.waitFirst).toBe(true);
    expect(step.reason).toMatch(/Scaling: reconcile waits/);
    expect(planPool(pool({ name: 'b', provisioningState: 'Failed' }), want('b', 2)).waitFirst).toBe(false);
  });

  it('never waits for a busy pool it skips for a reason the busy operation cannot change', () => {
    const upgrading = { provisioningState: 'Upgrading' };
    const autoscaled = planPool(
      pool({ name: 'a', enableAutoScaling: true, minCount: 1, maxCount: 3, ...upgrading }),
      want('a', 2),
    );
    expect(autoscaled).toMatchObject({ action: 'skip', waitFirst: false, warning: true });
    expect(autoscaled.reason).not.toMatch(/waits for it/);
    const refused = planPool(pool({ name: 'r', ...upgrading }), want('r', 2.5));
    expect(refused).toMatchObject({ action: 'skip', waitFirst: false });
    // A stopped pool that is busy may be starting: it is waited for and planned again.
    const stopped = planPool(pool({ name: 's', powerState: 'Stopped', ...upgrading }), want('s', 2));
    expect(stopped).toMatchObject({ action: 'skip', waitFirst: true });
    // A pool that may be written once it is idle is still waited for, autoscaler bounds included.
    const bounds = planPool(
      pool({ name: 'b', enableAutoScaling: true, minCount: 1, maxCount: 3, ...upgrading }),
      want('b', 2),
      { autoscalerPools: 'bounds' },
    );
    expect(bounds).toMatchObject({ action: 'bounds', waitFirst: true });
  });
});

describe('planPool: VirtualMachines pools', () => {
  const vm = (sizes: Array<{ size: string; count: number }>, extra: Partial<NodePool> = {}) =>
    pool({
      name: 'vmpool',
      type: 'VirtualMachines',
      count: sizes.reduce((sum, s) => sum + s.count, 0),
      manualScaleProfiles: sizes,
      ...extra,
    });

  it('scales a pool with one VM size like any manual pool', () => {
    const step = planPool(vm([{ size: 'Standard_D4s_v5', count: 2 }]), want('vmpool', 5));
    expect(step).toMatchObject({ action: 'scale', from: 2, to: 5, operations: ['scale'] });
  });

  it('skips a pool with several VM sizes at once, saying why and what to do', () => {
    const step = planPool(
      vm(
        [
          { size: 'Standard_D4s_v5', count: 2 },
          { size: 'Standard_D8s_v5', count: 1 },
        ],
        { provisioningState: 'Scaling' },
      ),
      want('vmpool', 5),
    );
    expect(step).toMatchObject({ action: 'skip', from: 3, warning: true, waitFirst: false, operations: [] });
    expect(step.reason).toMatch(
      /2 VM sizes \(Standard_D4s_v5 x2, Standard_D8s_v5 x1\), so no single count can be written.*az aks nodepool manual-scale update/,
    );
  });

  it('skips autoscaler bounds for an autoscaled VirtualMachines pool; without bounds it is skipped as any autoscaler pool', () => {
    const auto = vm([], { enableAutoScaling: true, count: 3 });
    expect(planPool(auto, want('vmpool', 4), { autoscalerPools: 'bounds' }).reason).toMatch(
      /autoscaler range per VM size/,
    );
    expect(planPool(auto, want('vmpool', 4)).reason).toMatch(/cluster autoscaler owns this pool's count/);
  });
});

describe('planReconcile', () => {
  it('leaves pools no decision names out, and ignores decisions for absent pools', () => {
    const pools = [pool({ name: 'a' }), pool({ name: 'b' }), pool({ name: 'c', count: 2 })];
    const plan = planReconcile(pools, [want('a', 2), want('c', 2), want('ghost', 3)]);
    expect(plan.steps.map((s) => [s.pool, s.action])).toEqual([
      ['a', 'scale'],
      ['c', 'none'],
    ]);
    expect(plan.ignored).toEqual([{ pool: 'ghost', reason: expect.stringMatching(/no pool named 'ghost'/) }]);
    expect(plan.changes).toBe(1);
  });

  it('takes the largest count when several decisions name one pool', () => {
    const plan = planReconcile([pool({ name: 'a' })], [want('a', 2), want('a', 7), want('a', 3)]);
    expect(plan.steps[0]?.to).toBe(7);
  });

  it('is pure: the inputs are not modified', () => {
    const pools = Object.freeze([Object.freeze(pool({ name: 'a' }))]);
    const decisions = Object.freeze([Object.freeze(want('a', 4))]);
    expect(() => planReconcile(pools, decisions)).not.toThrow();
    expect(pools[0]?.count).toBe(1);
  });

  it('plans 10,000 pools', () => {
    const pools = Array.from({ length: 10_000 }, (_, i) => pool({ name: `p${i}`, count: i % 7 }));
    const decisions = pools.map((p, i) => want(p.name, i % 5));
    const plan = planReconcile(pools, decisions);
    expect(plan.steps).toHaveLength(10_000);
  });
});
