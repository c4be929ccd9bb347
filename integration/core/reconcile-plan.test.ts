import type { ClusterRef, Policy, ReconcilePlan, ScalerEvent } from '@aks-scaler/core';
import { ConfigError, reconcile, reconcileFleet } from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER, FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { virtualClock } from '../../packages/core/test/virtual-clock.js';

const cluster = DEFAULT_TEST_CLUSTER;
const seedPools = (c: ClusterRef = cluster) =>
  ['nodepool1', 'manualpool2', 'manualpool3'].map((name) =>
    nodePool({ name, cluster: c, mode: name === 'nodepool1' ? 'System' : 'User' }),
  );

/** A static policy that counts its evaluations. */
function counting(counts: Record<string, number>) {
  const policy = {
    evaluations: 0,
    name: 'static',
    evaluate() {
      policy.evaluations++;
      return Object.entries(counts).map(([pool, count]) => ({
        pool,
        count,
        reason: `static ${pool}=${count}`,
      }));
    },
  };
  return policy;
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('unknown pools', () => {
  it('warn (the default): a warned skip naming the closest pool, no count claimed, ok unaffected, nothing written', async () => {
    const client = new FakeNodePoolClient({ pools: seedPools() });
    const events: ScalerEvent[] = [];
    const report = await reconcile({
      client,
      cluster,
      policy: counting({ manualpool9: 5 }),
      onEvent: (e) => events.push(e),
    });
    expect(report.ok).toBe(true);
    expect(report.pools).toEqual([
      {
        pool: 'manualpool9',
        action: 'skip',
        outcome: 'skipped',
        warning: true,
        unknownPool: true,
        suggestion: 'manualpool2',
        reason: expect.stringMatching(/has no pool named 'manualpool9' \(did you mean 'manualpool2'\?\)/),
      },
    ]);
    expect(report.pools[0]).not.toHaveProperty('from');
    expect(report.pools[0]).not.toHaveProperty('to');
    expect(report.ignored).toEqual([
      expect.objectContaining({ pool: 'manualpool9', suggestion: 'manualpool2' }),
    ]);
    expect(events.filter((e) => e.type === 'planned')).toEqual([]);
    expect(events.some((e) => e.type === 'skipped' && e.pool === 'manualpool9')).toBe(true);
    expect(client.writes).toBe(0);
  });

  it("names the cluster's pools when no name is close", async () => {
    const client = new FakeNodePoolClient({ pools: seedPools() });
    const report = await reconcile({ client, cluster, policy: counting({ gpu: 1 }) });
    expect(report.pools[0]?.reason).toMatch(/its pools are 'nodepool1', 'manualpool2', 'manualpool3'/);
    expect(report.pools[0]).not.toHaveProperty('suggestion');
  });

  it('error: a ConfigError naming the cluster, the pool and the suggestion, before anything is written', async () => {
    const client = new FakeNodePoolClient({ pools: seedPools() });
    const onPlan = () => {
      throw new Error('onPlan must not be reached');
    };
    const events: ScalerEvent[] = [];
    const error = await reconcile({
      client,
      cluster,
      unknownPools: 'error',
      policy: counting({ manualpool2: 4, manualpool9: 5 }),
      onPlan,
      onEvent: (e) => events.push(e),
    }).catch((e: unknown) => e);
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      {
        path: `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.clusterName}/manualpool9`,
        message: expect.stringMatching(
          new RegExp(
            `cluster '${cluster.clusterName}' .*has no pool named 'manualpool9'; did you mean 'manualpool2'\\?`,
          ),
        ),
      },
    ]);
    expect((error as Error).message).toMatch(/nothing was written/);
    expect(client.writes).toBe(0);
    expect(client.log).toEqual([]);
  });

  it("fleet: every cluster is planned first; an unknown pool in a target with 'error' throws before any cluster is written", async () => {
    const a: ClusterRef = { ...cluster, clusterName: 'a' };
    const b: ClusterRef = { ...cluster, clusterName: 'b' };
    const client = new FakeNodePoolClient({ pools: [...seedPools(a), ...seedPools(b)] });
    const error = await reconcileFleet({
      client,
      targets: [
        { cluster: a, policy: counting({ manualpool2: 4 }) },
        { cluster: b, policy: counting({ manualpool33: 4 }), unknownPools: 'error' },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path)).toEqual([
      `${cluster.subscriptionId}/${cluster.resourceGroup}/b/manualpool33`,
    ]);
    expect((error as ConfigError).issues[0]?.message).toMatch(/did you mean 'manualpool3'\?/);
    expect(client.writes).toBe(0);

    // The fleet-wide default applies to targets that do not choose.
    const fleetWide = await reconcileFleet({
      client,
      unknownPools: 'error',
      targets: [{ cluster: a, policy: counting({ ghost: 1 }) }],
    }).catch((e: unknown) => e);
    expect(fleetWide).toBeInstanceOf(ConfigError);
    expect(client.writes).toBe(0);
  });
});

describe('bad options', () => {
  it('an unknownPools value that is neither warn nor error is a ConfigError naming where it was given', async () => {
    const client = new FakeNodePoolClient({ pools: seedPools() });
    const policy = counting({ manualpool2: 1 });
    const single = await reconcile({
      client,
      cluster,
      policy,
      unknownPools: 'ignore' as never,
    }).catch((e: unknown) => e);
    expect(single).toBeInstanceOf(ConfigError);
    expect((single as ConfigError).issues).toEqual([
      { path: 'unknownPools', message: `expected 'warn' or 'error', got "ignore"` },
    ]);
    const fleet = await reconcileFleet({
      client,
      targets: [{ cluster, policy, unknownPools: 'fail' as never }],
    }).catch((e: unknown) => e);
    expect((fleet as ConfigError).issues.map((i) => i.path)).toEqual(['targets[0].unknownPools']);
    expect(client.reads).toBe(0);
    expect(policy.evaluations).toBe(0);
  });
});

describe('one evaluation per reconcile, and onPlan', () => {
  it('hands each plan to onPlan before any write; the policy is evaluated once', async () => {
    const client = new FakeNodePoolClient({ pools: seedPools() });
    const policy = counting({ manualpool2: 4, manualpool3: 2 });
    const seen: Array<{ plan: ReconcilePlan; writes: number }> = [];
    const report = await reconcile({
      client,
      cluster,
      policy,
      onPlan: async (plan) => {
        await turns(3);
        seen.push({ plan, writes: client.writes });
      },
    });
    expect(report.ok).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.writes).toBe(0);
    expect(seen[0]?.plan).toMatchObject({ cluster, policy: 'static', dryRun: false });
    expect(seen[0]?.plan.plan.steps.map((s) => [s.pool, s.to, s.action])).toEqual([
      ['manualpool2', 4, 'scale'],
      ['manualpool3', 2, 'scale'],
    ]);
    expect(seen[0]?.plan.decisions).toHaveLength(2);
    expect(policy.evaluations).toBe(1);
    expect(client.writes).toBe(2);
  });

  it('a throw in onPlan stops the run before any write', async () => {
    const client = new FakeNodePoolClient({ pools: seedPools() });
    await expect(
      reconcile({
        client,
        cluster,
        policy: counting({ manualpool2: 4 }),
        onPlan: () => {
          throw new Error('the operator said no');
        },
      }),
    ).rejects.toThrow('the operator said no');
    expect(client.writes).toBe(0);
  });

  it('a wait for a busy pool and a 412 re-plan from the same decisions: never a second evaluation', async () => {
    const clock = virtualClock(0);
    const client = new FakeNodePoolClient({ clock });
    client.setPool(nodePool({ name: 'a', provisioningState: 'Upgrading' }), { settleAfterInMs: 50 });
    client.setPool(nodePool({ name: 'b' }));
    client.inject('b', { type: 'changed', update: { count: 2 } });
    const policy = counting({ a: 3, b: 4 });
    const running = reconcile({ client, cluster, policy, clock });
    await clock.run();
    const report = await running;
    expect(report.pools.map((p) => [p.pool, p.outcome])).toEqual([
      ['a', 'succeeded'],
      ['b', 'succeeded'],
    ]);
    expect(client.log).toContain('CONFLICT scale b 1->4 412');
    expect(client.log).toContain('WAIT a Upgrading');
    expect(policy.evaluations).toBe(1);
  });

  it('fleet: reads and evaluations run concurrently, and every onPlan comes before any write', async () => {
    const a: ClusterRef = { ...cluster, clusterName: 'a' };
    const b: ClusterRef = { ...cluster, clusterName: 'b' };
    const client = new FakeNodePoolClient({ pools: [...seedPools(a), ...seedPools(b)] });
    let started = 0;
    let release!: () => void;
    const bothStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gated = (counts: Record<string, number>): Policy => ({
      name: 'gated',
      async evaluate() {
        if (++started === 2) release();
        await Promise.race([
          bothStarted,
          turns(100).then(() => {
            throw new Error('the clusters were evaluated one after the other');
          }),
        ]);
        return Object.entries(counts).map(([pool, count]) => ({ pool, count, reason: 'gated' }));
      },
    });
    const writesAtPlan: number[] = [];
    const report = await reconcileFleet({
      client,
      targets: [
        { cluster: a, policy: gated({ manualpool2: 3 }) },
        { cluster: b, policy: gated({ manualpool3: 3 }) },
      ],
      onPlan: () => {
        writesAtPlan.push(client.writes);
      },
    });
    expect(report.clusters.map((c) => c.report?.ok)).toEqual([true, true]);
    expect(writesAtPlan).toEqual([0, 0]);
    expect(client.writes).toBe(2);
  });
});
