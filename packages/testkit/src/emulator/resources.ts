import { cloneJson, type PoolProperties } from './pool-model.js';
import type { StoppedSettings } from './power-state.js';
import type { ManualScaleProfile } from './types.js';
import { isVirtualMachines, manualOf } from './virtual-machines.js';

/** A stored agent pool. */
export interface PoolRecord {
  name: string;
  eTag: string;
  properties: PoolProperties;
  provisioningState: string;
  /** The operation running on it, if any. */
  operationId?: string;
  /** What a stopped pool gets back when it starts. */
  stoppedWith?: StoppedSettings | undefined;
  /** The nodes a `VirtualMachines` pool runs, by size, as of its last finished operation. */
  nodesStatus?: ManualScaleProfile[] | undefined;
}

/** A stored managed cluster. */
export interface ClusterRecord {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  kubernetesVersion: string;
  eTag: string;
  /** Azure tags of the managed cluster. */
  tags: Record<string, string>;
  pools: Map<string, PoolRecord>;
  /** The cluster-level operation running, if any. */
  operationId?: string;
}

const NODE_IMAGE_VERSION = 'AKSUbuntu-2204gen2containerd-202511.07.0';

/** The cluster's ARM id (ARM returns `resourcegroups` in lower case). */
export function clusterId(cluster: ClusterRecord): string {
  return `/subscriptions/${cluster.subscriptionId}/resourcegroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.name}`;
}

/** The nodes a `VirtualMachines` pool runs now: its profiles with the counts of its last finished operation. */
export function currentNodesStatus(record: PoolRecord): ManualScaleProfile[] {
  const manual = manualOf(record.properties);
  return cloneJson(record.nodesStatus ?? (Array.isArray(manual) ? (manual as ManualScaleProfile[]) : []));
}

/** An agent pool's `properties` as ARM returns them (read-only fields included). */
export function poolProperties(cluster: ClusterRecord, pool: PoolRecord): Record<string, unknown> {
  return {
    eTag: pool.eTag,
    ...cloneJson(pool.properties),
    provisioningState: pool.provisioningState,
    currentOrchestratorVersion: pool.properties.orchestratorVersion ?? cluster.kubernetesVersion,
    nodeImageVersion: NODE_IMAGE_VERSION,
    ...(isVirtualMachines(pool.properties) ? { virtualMachineNodesStatus: currentNodesStatus(pool) } : {}),
  };
}

/** The agent pool resource as ARM returns it (`eTag` inside `properties`, where the 2026 API declares it, and on top). */
export function poolBody(cluster: ClusterRecord, pool: PoolRecord): Record<string, unknown> {
  return {
    id: `${clusterId(cluster)}/agentPools/${pool.name}`,
    name: pool.name,
    type: 'Microsoft.ContainerService/managedClusters/agentPools',
    eTag: pool.eTag,
    properties: poolProperties(cluster, pool),
  };
}
