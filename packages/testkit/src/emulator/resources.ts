import { cloneJson, type PoolProperties } from './pool-model.js';

/** A stored agent pool. */
export interface PoolRecord {
  name: string;
  eTag: string;
  properties: PoolProperties;
  provisioningState: string;
  /** The operation running on it, if any. */
  operationId?: string;
}

/** A stored managed cluster. */
export interface ClusterRecord {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  kubernetesVersion: string;
  eTag: string;
  pools: Map<string, PoolRecord>;
  /** The cluster-level operation running, if any. */
  operationId?: string;
}

const NODE_IMAGE_VERSION = 'AKSUbuntu-2204gen2containerd-202511.07.0';

/** The cluster's ARM id (ARM returns `resourcegroups` in lower case). */
export function clusterId(cluster: ClusterRecord): string {
  return `/subscriptions/${cluster.subscriptionId}/resourcegroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.name}`;
}

/** The agent pool resource as ARM returns it (`eTag` inside `properties`, where the 2026 API declares it, and on top). */
export function poolBody(cluster: ClusterRecord, pool: PoolRecord): Record<string, unknown> {
  return {
    id: `${clusterId(cluster)}/agentPools/${pool.name}`,
    name: pool.name,
    type: 'Microsoft.ContainerService/managedClusters/agentPools',
    eTag: pool.eTag,
    properties: {
      eTag: pool.eTag,
      ...cloneJson(pool.properties),
      provisioningState: pool.provisioningState,
      currentOrchestratorVersion: pool.properties.orchestratorVersion ?? cluster.kubernetesVersion,
      nodeImageVersion: NODE_IMAGE_VERSION,
    },
  };
}

/** The managed cluster resource as ARM returns it. */
export function clusterBody(
  cluster: ClusterRecord,
  issuerUrl: string,
  clusterOperationKind?: string,
): Record<string, unknown> {
  const pools = [...cluster.pools.values()];
  const busy = pools.find((pool) => pool.operationId !== undefined);
  return {
    id: clusterId(cluster),
    location: cluster.location,
    name: cluster.name,
    type: 'Microsoft.ContainerService/ManagedClusters',
    eTag: cluster.eTag,
    sku: { name: 'Base', tier: 'Free' },
    identity: { type: 'SystemAssigned' },
    properties: {
      provisioningState: clusterOperationKind ?? (busy ? busy.provisioningState : 'Succeeded'),
      powerState: { code: 'Running' },
      kubernetesVersion: cluster.kubernetesVersion,
      currentKubernetesVersion: cluster.kubernetesVersion,
      dnsPrefix: `${cluster.name}-dns`,
      fqdn: `${cluster.name.toLowerCase()}-dns-00000000.hcp.${cluster.location}.azmk8s.io`,
      agentPoolProfiles: pools.map((pool) => ({
        name: pool.name,
        eTag: pool.eTag,
        ...cloneJson(pool.properties),
        provisioningState: pool.provisioningState,
        nodeImageVersion: NODE_IMAGE_VERSION,
      })),
      nodeResourceGroup: `MC_${cluster.resourceGroup}_${cluster.name}_${cluster.location}`,
      enableRBAC: true,
      maxAgentPools: 100,
      oidcIssuerProfile: { enabled: true, issuerURL: issuerUrl },
      securityProfile: { workloadIdentity: { enabled: true } },
    },
  };
}
