import {
  type ClusterRef,
  discoverClusters,
  type FleetReport,
  type NodePoolClient,
  reconcileFleet,
  subscriptionShard,
} from '@aks-scaler/core';
import { fromNodePoolsAmount } from '@aks-scaler/policies';

/**
 * Every cluster of these subscriptions tagged fleet=shop (listed again at each call: tags change), each with a
 * policy of its own, under one limit of operations in flight. With `shard`, only the subscriptions that hash to
 * it, as `SCALER_SHARD` does in the pod.
 */
export async function scaleTaggedFleet(
  client: NodePoolClient,
  subscriptions: string[],
  shard?: { index: number; count: number },
): Promise<FleetReport> {
  const mine = subscriptions.filter(
    (id) => shard === undefined || subscriptionShard(id, shard.count) === shard.index,
  );
  const clusters: ClusterRef[] = [];
  for (const subscriptionId of mine) {
    const found = await discoverClusters({ client, scope: { subscriptionId }, tags: { fleet: 'shop' } });
    clusters.push(...found.map((managed) => managed.cluster));
  }
  return reconcileFleet({
    client,
    concurrency: 8,
    targets: clusters.map((cluster) => ({ cluster, policy: fromNodePoolsAmount('{ "manualpool2": 3 }') })),
  });
}
