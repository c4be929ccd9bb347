import { reconcile } from '@aks-scaler/core';
import { fromNodePoolsAmount, maxOf, schedulePolicy, staticPolicy, withBounds } from '@aks-scaler/policies';
import { FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';

/** A dry run over pools in every situation planning knows, and the reason it gives for each. */
export async function explainedPlan(): Promise<string> {
  const client = new FakeNodePoolClient({
    pools: [
      nodePool({ name: 'nodepool1', mode: 'System', count: 3 }),
      nodePool({ name: 'manualpool2', count: 1 }),
      nodePool({ name: 'manualpool3', count: 5 }),
      nodePool({ name: 'autopool', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 5 }),
      nodePool({ name: 'stopped', count: 0, powerState: 'Stopped' }),
      nodePool({ name: 'batch', count: 3 }),
      nodePool({ name: 'web', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 5 }),
    ],
  });
  const policy = maxOf(
    fromNodePoolsAmount(
      '{ "nodepool1": 0, "manualpool2": 5, "manualpool3": 5, "autopool": 4, "stopped": 2, "gone": 1 }',
    ),
    withBounds(
      schedulePolicy({
        timezone: 'Europe/Berlin',
        rules: [{ when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 60 } }],
      }),
      { manualpool2: { max: 50 } },
    ),
    staticPolicy({ batch: 'stop', web: { min: 2, max: 8 } }),
  );
  const report = await reconcile({
    client,
    cluster: nodePool({ name: 'x' }).cluster,
    policy,
    dryRun: true,
    now: () => new Date('2026-11-30T09:00:00+01:00'),
  });
  const lines = report.pools.map((pool) =>
    pool.unknownPool
      ? `${pool.pool}  ${pool.action}  (no such pool): ${pool.reason}`
      : `${pool.pool}  ${pool.action}  ${pool.from} -> ${pool.to}: ${pool.reason}`,
  );
  return ['```text', ...lines, '```'].join('\n');
}
