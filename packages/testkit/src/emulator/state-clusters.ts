import type { EmulatorOperation } from './operations.js';
import { cloneJson, powerStateOf, propertiesFromSpec } from './pool-model.js';
import { quotedGuid } from './pool-snapshot.js';
import { applyStart, applyStop } from './power-state.js';
import type { ClusterRecord, PoolRecord } from './resources.js';
import type { EmulatorClusterSpec, EmulatorPoolSpec, ManualScaleProfile } from './types.js';
import { isVirtualMachines, manualOf, virtualMachinesProfile } from './virtual-machines.js';

/** A stored cluster (without pools) from its spec. */
export function clusterFromSpec(spec: EmulatorClusterSpec, defaultSubscriptionId: string): ClusterRecord {
  return {
    subscriptionId: spec.subscriptionId ?? defaultSubscriptionId,
    resourceGroup: spec.resourceGroup,
    name: spec.name,
    location: spec.location ?? 'westeurope',
    kubernetesVersion: spec.kubernetesVersion ?? '1.33.2',
    eTag: quotedGuid(),
    tags: { ...spec.tags },
    pools: new Map(),
  };
}

/** Adds a pool to a cluster from its spec; a `Stopped` spec shows count 0 and starts with its `count`. */
export function insertPool(cluster: ClusterRecord, spec: EmulatorPoolSpec): PoolRecord {
  const record: PoolRecord = {
    name: spec.name,
    eTag: quotedGuid(),
    properties: propertiesFromSpec(spec, cluster.kubernetesVersion),
    provisioningState: spec.provisioningState ?? 'Succeeded',
  };
  if (powerStateOf(record.properties) === 'Stopped') record.stoppedWith = applyStop(record.properties);
  if (isVirtualMachines(record.properties))
    record.nodesStatus = cloneJson(manualOf(record.properties) as ManualScaleProfile[]);
  cluster.pools.set(spec.name, record);
  return record;
}

/** Applies an out-of-band change to a stored pool (no operation), as another client would; bumps its eTag. */
export function changePool(record: PoolRecord, changes: Partial<EmulatorPoolSpec>): void {
  const { provisioningState, powerState, manualScale, name: _name, ...rest } = changes;
  if (
    isVirtualMachines(record.properties) &&
    rest.count !== undefined &&
    rest.type !== 'VirtualMachineScaleSets'
  ) {
    throw new Error(
      `Pool '${record.name}' is of type VirtualMachines: change manualScale ([{ size, count }]) instead of count.`,
    );
  }
  const wasStopped = powerStateOf(record.properties) === 'Stopped';
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) delete record.properties[key];
    else record.properties[key] = cloneJson(value);
  }
  if (manualScale) record.properties.virtualMachinesProfile = virtualMachinesProfile(manualScale);
  if (manualScale) record.nodesStatus = cloneJson(manualScale);
  if (powerState === 'Stopped' && !wasStopped) {
    record.properties.powerState = { code: 'Stopped' };
    record.stoppedWith = applyStop(record.properties);
  } else if (powerState === 'Running' && wasStopped) {
    record.properties.powerState = { code: 'Running' };
    applyStart(record.properties, record.stoppedWith);
    record.stoppedWith = undefined;
  }
  if (provisioningState) record.provisioningState = provisioningState;
  record.eTag = quotedGuid();
}

/** What an ended operation leaves on its cluster and pool: no busy marker, its end state, a deleted pool gone. */
export function endOnRecords(cluster: ClusterRecord | undefined, operation: EmulatorOperation): void {
  if (!cluster) return;
  if (cluster.operationId === operation.id) cluster.operationId = undefined;
  const record = cluster.pools.get(operation.pool);
  if (record?.operationId !== operation.id) return;
  record.operationId = undefined;
  record.provisioningState = operation.status;
  if (operation.status !== 'Succeeded') return;
  if (isVirtualMachines(record.properties)) {
    record.nodesStatus = cloneJson(manualOf(record.properties) as ManualScaleProfile[]);
  }
  if (operation.kind === 'Deleting') cluster.pools.delete(record.name);
}

/** The cluster (and pool name) that `(pool)`, `(resourceGroup, cluster, pool)` or four ids name. */
export function locateCluster(
  clusters: readonly ClusterRecord[],
  args: string[],
  find: (subscriptionId: string, resourceGroup: string, name: string) => ClusterRecord | undefined,
): { cluster: ClusterRecord; pool: string } {
  const first = clusters[0];
  if (args.length === 1) {
    if (!first) throw new Error('The emulator has no cluster; pass clusters to startEmulator.');
    return { cluster: first, pool: args[0]! };
  }
  const [subscriptionId, resourceGroup, name, pool] =
    args.length === 3 ? [undefined, ...args] : (args as [string, string, string, string]);
  const cluster =
    subscriptionId === undefined
      ? clusters.find(
          (candidate) =>
            candidate.resourceGroup.toLowerCase() === resourceGroup!.toLowerCase() &&
            candidate.name.toLowerCase() === name!.toLowerCase(),
        )
      : find(subscriptionId, resourceGroup!, name!);
  if (!cluster) {
    throw new Error(
      `The emulator has no cluster '${resourceGroup}/${name}' in '${subscriptionId ?? 'any subscription'}'.`,
    );
  }
  return { cluster, pool: pool! };
}
