import { randomUUID } from 'node:crypto';
import { cloneJson, type PoolProperties, powerStateOf } from './pool-model.js';
import { type ClusterRecord, clusterId, type PoolRecord } from './resources.js';
import type { EmulatorClusterSnapshot, EmulatorPoolSnapshot } from './state-types.js';
import type { ManualScaleProfile } from './types.js';
import { isVirtualMachines, manualOf, manualTotal } from './virtual-machines.js';

/** A new eTag: a quoted GUID, as AKS sends. */
export function quotedGuid(): string {
  return `"${randomUUID()}"`;
}

/** The planning key of a pool. */
export function poolKey(cluster: ClusterRecord, pool: string): string {
  return `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.name}/${pool}`.toLowerCase();
}

/** A flattened copy of a stored pool. */
export function snapshot(cluster: ClusterRecord, record: PoolRecord): EmulatorPoolSnapshot {
  const properties: PoolProperties = cloneJson(record.properties);
  return {
    subscriptionId: cluster.subscriptionId,
    resourceGroup: cluster.resourceGroup,
    clusterName: cluster.name,
    name: record.name,
    eTag: record.eTag,
    count: isVirtualMachines(properties) ? manualTotal(properties) : Number(properties.count ?? 0),
    manualScale: isVirtualMachines(properties) ? (manualOf(properties) as ManualScaleProfile[]) : undefined,
    countOnStart: record.stoppedWith?.count,
    mode: String(properties.mode ?? 'User'),
    enableAutoScaling: properties.enableAutoScaling === true,
    minCount: properties.minCount as number | undefined,
    maxCount: properties.maxCount as number | undefined,
    powerState: powerStateOf(properties),
    provisioningState: record.provisioningState,
    vmSize: properties.vmSize as string | undefined,
    nodeLabels: properties.nodeLabels as Record<string, string> | undefined,
    nodeTaints: properties.nodeTaints as string[] | undefined,
    tags: properties.tags as Record<string, string> | undefined,
    upgradeSettings: properties.upgradeSettings as Record<string, unknown> | undefined,
    scaleDownMode: properties.scaleDownMode as string | undefined,
    orchestratorVersion: properties.orchestratorVersion as string | undefined,
    operationId: record.operationId,
    properties,
  };
}

/** A copy of a stored cluster. */
export function clusterSnapshot(cluster: ClusterRecord): EmulatorClusterSnapshot {
  return {
    subscriptionId: cluster.subscriptionId,
    resourceGroup: cluster.resourceGroup,
    name: cluster.name,
    location: cluster.location,
    kubernetesVersion: cluster.kubernetesVersion,
    tags: { ...cluster.tags },
    id: clusterId(cluster),
  };
}
