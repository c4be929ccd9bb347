import { randomUUID } from 'node:crypto';
import { cloneJson, type PoolProperties, powerStateOf } from './pool-model.js';
import type { ClusterRecord, PoolRecord } from './resources.js';
import type { EmulatorPoolSnapshot } from './state-types.js';

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
    count: Number(properties.count ?? 0),
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
