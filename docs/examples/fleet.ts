import { type ClusterRef, type FleetReport, type NodePoolClient, reconcileFleet } from '@aks-scaler/core';
import { fromNodePoolsAmount, schedulePolicy } from '@aks-scaler/policies';

/** Two clusters, each with its own policy, one shared limit of operations in flight. */
export function scaleFleet(
  client: NodePoolClient,
  prod: ClusterRef,
  staging: ClusterRef,
): Promise<FleetReport> {
  return reconcileFleet({
    client,
    concurrency: 6, // across both clusters
    targets: [
      { cluster: prod, policy: fromNodePoolsAmount('{ "manualpool2": 5, "manualpool3": 5 }') },
      {
        cluster: staging,
        policy: schedulePolicy({
          timezone: 'Europe/Berlin',
          rules: [{ when: 'Mon-Fri 08:00-18:00', counts: { manualpool2: 2 } }],
          otherwise: { manualpool2: 0 },
        }),
        autoscalerPools: 'bounds', // this cluster's autoscaler pools get the decision as min/max
      },
    ],
  });
}
