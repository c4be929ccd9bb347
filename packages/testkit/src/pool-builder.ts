import type { ClusterRef, NodePool } from '@aks-scaler/core';

/** The cluster {@link nodePool} uses when none is given. */
export const DEFAULT_TEST_CLUSTER: ClusterRef = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'myResourceGroup',
  clusterName: 'myManagedCluster',
};

/**
 * Builds a {@link NodePool} for tests: a running, idle `User` pool with manual scaling unless overridden.
 *
 * @example
 * ```ts
 * const pool = nodePool({ name: 'manualpool2', count: 1 });
 * ```
 */
export function nodePool(overrides: Partial<NodePool> & { name: string }): NodePool {
  return {
    cluster: DEFAULT_TEST_CLUSTER,
    count: 1,
    mode: 'User',
    enableAutoScaling: false,
    powerState: 'Running',
    provisioningState: 'Succeeded',
    vmSize: 'Standard_D2s_v5',
    eTag: `"${overrides.name}-1"`,
    ...overrides,
  };
}
