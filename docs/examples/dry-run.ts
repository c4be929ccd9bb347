import { type ClusterRef, type NodePoolClient, type Policy, reconcile } from '@aks-scaler/core';

/** What `aks-scaler plan` shows: the plan, with nothing written. */
export async function plan(client: NodePoolClient, cluster: ClusterRef, policy: Policy): Promise<string[]> {
  const report = await reconcile({ client, cluster, policy, dryRun: true });
  return report.pools.map(
    (pool) => `${pool.pool} ${pool.action} ${pool.from} -> ${pool.to} [${pool.outcome}]: ${pool.reason}`,
  );
}
