import type { AgentPool } from '@azure/arm-containerservice';
import { ArmRequestError } from './errors.js';
import type { ClusterRef, NodePool } from './types.js';

/** A short, safe rendering of a value ARM should not have sent, for an error message. */
function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

/** The error for a field ARM sent in a shape the write rules cannot trust. */
export function malformed(
  cluster: ClusterRef,
  name: string,
  field: string,
  value: unknown,
  what = 'agent pool',
): ArmRequestError {
  const show = what === 'agent pool' ? "'az aks nodepool show'" : "'az aks show'";
  return new ArmRequestError(
    `Azure Resource Manager returned ${what} '${name || '(no name)'}' of cluster '${cluster.clusterName}' with an invalid '${field}' (${describe(value)}). Nothing was written to it. Read it with ${show} and run again; report it if it persists.`,
  );
}

function optionalCount(cluster: ClusterRef, name: string, field: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw malformed(cluster, name, field, value);
  }
  return value;
}

/** A string field, or undefined when absent or empty; anything else is malformed. */
export function optionalString(
  cluster: ClusterRef,
  name: string,
  field: string,
  value: unknown,
  what?: string,
): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw malformed(cluster, name, field, value, what);
  return value;
}

/**
 * Flattens an ARM agent pool (as the SDK deserializes it) into a {@link NodePool}, checking what the write rules
 * depend on: a body without a whole, non-negative `count` (for a `VirtualMachines` pool: without manual profiles
 * whose counts are) or without a `provisioningState` is an {@link ArmRequestError}, never a pool that looks idle
 * or empty.
 */
export function toNodePool(cluster: ClusterRef, agentPool: AgentPool, fallbackName = ''): NodePool {
  const raw = agentPool as Record<string, unknown>;
  const name = optionalString(cluster, fallbackName, 'name', raw.name) ?? fallbackName;
  if (!name) throw malformed(cluster, name, 'name', raw.name);
  const count = optionalCount(cluster, name, 'count', raw.count);
  if (count === undefined) throw malformed(cluster, name, 'count', raw.count);
  const provisioningState = optionalString(cluster, name, 'provisioningState', raw.provisioningState);
  if (provisioningState === undefined)
    throw malformed(cluster, name, 'provisioningState', raw.provisioningState);
  const mode = optionalString(cluster, name, 'mode', raw.mode) ?? 'User';
  if (
    raw.enableAutoScaling !== undefined &&
    raw.enableAutoScaling !== null &&
    typeof raw.enableAutoScaling !== 'boolean'
  ) {
    throw malformed(cluster, name, 'enableAutoScaling', raw.enableAutoScaling);
  }
  const pool: NodePool = {
    cluster,
    name,
    count,
    mode,
    enableAutoScaling: raw.enableAutoScaling === true,
    powerState: agentPool.powerState?.code === 'Stopped' ? 'Stopped' : 'Running',
    provisioningState,
  };
  const minCount = optionalCount(cluster, name, 'minCount', raw.minCount);
  const maxCount = optionalCount(cluster, name, 'maxCount', raw.maxCount);
  const vmSize = optionalString(cluster, name, 'vmSize', raw.vmSize);
  const eTag = optionalString(cluster, name, 'eTag', raw.eTag);
  if (minCount !== undefined) pool.minCount = minCount;
  if (maxCount !== undefined) pool.maxCount = maxCount;
  if (vmSize !== undefined) pool.vmSize = vmSize;
  if (eTag !== undefined) pool.eTag = eTag;
  return pool;
}

/**
 * The body for a write: the pool exactly as read, with only `change` applied. Every writable property ARM
 * returned (labels, taints, tags, upgrade settings, VM size, OS, mode, orchestrator version, scale-down mode...)
 * is sent back, so nothing is reset.
 */
export function writeBody(read: AgentPool, change: Partial<AgentPool>): AgentPool {
  return { ...structuredClone(read), ...change };
}

/** The change that scales a pool as read to `count` nodes. */
export function scaleChange(_cluster: ClusterRef, _read: AgentPool, count: number): Partial<AgentPool> {
  return { count };
}

/** The pool's ARM resource id; with `endpoint`, its URL (what a pool waiter names as its operation location). */
export function poolUrl(endpoint: string, cluster: ClusterRef, name: string): string {
  return `${endpoint}/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.clusterName}/agentPools/${name}`;
}
