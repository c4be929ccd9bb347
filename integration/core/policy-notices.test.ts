import {
  type Policy,
  type PolicyNotice,
  type ReconcilePlan,
  reconcile,
  reconcileFleet,
  type ScalerEvent,
} from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER, FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';

const cluster = DEFAULT_TEST_CLUSTER;
const expired: PolicyNotice = {
  level: 'warning',
  code: 'override-expired',
  pool: 'manualpool2',
  message: 'override for manualpool2 expired at 2026-12-05T17:00:00Z; remove it',
  details: { until: '2026-12-05T17:00:00Z', source: 'config' },
};

/** A policy that tells the operator something while it decides, and asks for 3 nodes. */
const telling: Policy = {
  name: 'telling',
  evaluate(ctx) {
    ctx.notify?.(expired);
    ctx.notify?.({ level: 'info', code: 'hello', message: 'about no pool' });
    return [{ pool: 'manualpool2', count: 3, reason: 'static' }];
  },
};

describe('policy notices', () => {
  it('become notice events before the planned ones, and are listed in the plan and the report; ok is unaffected', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'manualpool2' })] });
    const events: ScalerEvent[] = [];
    const plans: ReconcilePlan[] = [];
    const report = await reconcile({
      client,
      cluster,
      policy: telling,
      onEvent: (event) => events.push(event),
      onPlan: (plan) => {
        plans.push(plan);
      },
    });
    expect(report.ok).toBe(true);
    expect(events.map((e) => e.type)).toEqual([
      'notice',
      'notice',
      'planned',
      'started',
      'progress',
      'succeeded',
      'finished',
    ]);
    expect(events[0]).toMatchObject({ type: 'notice', cluster, ...expired });
    expect(events[1]).toMatchObject({ type: 'notice', level: 'info', code: 'hello' });
    expect(events[1]).not.toHaveProperty('pool');
    expect(plans[0]?.notices).toEqual([expired, { level: 'info', code: 'hello', message: 'about no pool' }]);
    expect(report.notices).toEqual(plans[0]?.notices);
  });

  it('a policy evaluated in a fleet tells each cluster apart', async () => {
    const other = { ...cluster, clusterName: 'other' };
    const client = new FakeNodePoolClient({
      pools: [nodePool({ name: 'manualpool2' }), nodePool({ name: 'manualpool2', cluster: other })],
    });
    const events: ScalerEvent[] = [];
    const fleet = await reconcileFleet({
      client,
      dryRun: true,
      targets: [
        { cluster, policy: telling },
        { cluster: other, policy: { name: 'quiet', evaluate: () => [] } },
      ],
      onEvent: (event) => events.push(event),
    });
    const notices = events.filter((e) => e.type === 'notice');
    expect(notices.map((e) => [e.cluster.clusterName, e.type === 'notice' && e.code])).toEqual([
      ['myManagedCluster', 'override-expired'],
      ['myManagedCluster', 'hello'],
    ]);
    expect(fleet.clusters.map((c) => c.report?.notices?.length)).toEqual([2, 0]);
  });
});
