import type { ClusterRef, OperationDurations } from '@aks-scaler/core';
import { clusterKey } from '@aks-scaler/core/common';
import type { OperationDurationsState, StatePart } from './target-state.js';

const sameCluster = (a: ClusterRef, b: ClusterRef) => clusterKey(a) === clusterKey(b);

/**
 * One cluster's part of the pod's store of learned operation durations, as `state.json` keeps it: saved from the
 * store's entries of that cluster, restored into the store (for the pools and directions it has not learned yet).
 */
export function clusterDurations(
  durations: OperationDurations,
  cluster: ClusterRef,
): StatePart<OperationDurationsState> {
  return {
    toJSON: () =>
      durations
        .toJSON()
        .entries.filter((entry) => sameCluster(entry, cluster))
        .map(({ pool, direction, samples }) => ({ pool, direction, samples })),
    restore(saved) {
      const { subscriptionId, resourceGroup, clusterName } = cluster;
      durations.restore({
        version: 1,
        entries: saved.map((entry) => ({ subscriptionId, resourceGroup, clusterName, ...entry })),
      });
    },
  };
}
