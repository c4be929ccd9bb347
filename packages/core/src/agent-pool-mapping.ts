import type { AgentPool } from '@azure/arm-containerservice';
import { ArmRequestError, ConfigError } from './errors.js';
import { applyTagChanges } from './pool-tags.js';
import type { ClusterRef, ManualScaleProfile, NodePool } from './types.js';

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

const VIRTUAL_MACHINES = 'VirtualMachines';

/** The `{ size, count }` list of a profile list ARM sent (`scale.manual` or `virtualMachineNodesStatus`). */
function sizeCounts(cluster: ClusterRef, name: string, field: string, value: unknown): ManualScaleProfile[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw malformed(cluster, name, field, value);
  return value.map((entry: unknown, i) => {
    const item = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const count = optionalCount(cluster, name, `${field}[${i}].count`, item.count);
    if (count === undefined) throw malformed(cluster, name, `${field}[${i}].count`, item.count);
    const size = optionalString(cluster, name, `${field}[${i}].size`, item.size) ?? '';
    return { size, count };
  });
}

/**
 * The node count of a `VirtualMachines` pool, which keeps it per VM size instead of in `count`: the sum of its
 * manual profiles; for a pool scaled by autoscale profiles, ARM's `count`, else the nodes ARM reports per size.
 */
function virtualMachinesCount(
  cluster: ClusterRef,
  name: string,
  raw: Record<string, unknown>,
  manual: readonly ManualScaleProfile[],
): number {
  if (manual.length > 0) return manual.reduce((sum, profile) => sum + profile.count, 0);
  const count = optionalCount(cluster, name, 'count', raw.count);
  if (count !== undefined) return count;
  const status = sizeCounts(cluster, name, 'virtualMachineNodesStatus', raw.virtualMachineNodesStatus);
  if (status.length > 0) return status.reduce((sum, nodes) => sum + nodes.count, 0);
  throw malformed(cluster, name, 'virtualMachinesProfile.scale.manual', manual);
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
  const type = optionalString(cluster, name, 'type', raw.typePropertiesType);
  const scale = agentPool.virtualMachinesProfile?.scale as Record<string, unknown> | undefined;
  const manual = type === VIRTUAL_MACHINES ? sizeCounts(cluster, name, 'scale.manual', scale?.manual) : [];
  const autoscaleProfiles =
    type === VIRTUAL_MACHINES && Array.isArray(scale?.autoscale) && scale.autoscale.length > 0;
  const count =
    type === VIRTUAL_MACHINES
      ? virtualMachinesCount(cluster, name, raw, manual)
      : optionalCount(cluster, name, 'count', raw.count);
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
    enableAutoScaling: raw.enableAutoScaling === true || autoscaleProfiles,
    powerState: agentPool.powerState?.code === 'Stopped' ? 'Stopped' : 'Running',
    provisioningState,
  };
  const minCount = optionalCount(cluster, name, 'minCount', raw.minCount);
  const maxCount = optionalCount(cluster, name, 'maxCount', raw.maxCount);
  const vmSize =
    optionalString(cluster, name, 'vmSize', raw.vmSize) ??
    (manual.length === 1 ? manual[0]?.size : undefined);
  const eTag = optionalString(cluster, name, 'eTag', raw.eTag);
  if (minCount !== undefined) pool.minCount = minCount;
  if (maxCount !== undefined) pool.maxCount = maxCount;
  if (vmSize) pool.vmSize = vmSize;
  if (eTag !== undefined) pool.eTag = eTag;
  if (type !== undefined) pool.type = type;
  if (type === VIRTUAL_MACHINES) pool.manualScaleProfiles = manual;
  const tags = stringTags(cluster, name, raw.tags);
  if (tags !== undefined) pool.tags = tags;
  return pool;
}

/** The pool's tags: a map of strings, or undefined when ARM sent none; any other shape is malformed. */
function stringTags(cluster: ClusterRef, name: string, value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw malformed(cluster, name, 'tags', value);
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return undefined;
  const tags: Record<string, string> = {};
  for (const [key, tag] of entries) {
    if (typeof tag !== 'string') throw malformed(cluster, name, `tags.${key}`, tag);
    tags[key] = tag;
  }
  return tags;
}

/**
 * The change that sets and removes tags of a pool as read: each key of `changes` with a string is set, each with
 * `null` is removed, and every other tag the pool has is kept.
 */
export function tagsChange(
  read: AgentPool,
  changes: Readonly<Record<string, string | null>>,
): Partial<AgentPool> {
  return { tags: applyTagChanges(read.tags, changes) };
}

/**
 * The body for a write: the pool exactly as read, with only `change` applied. Every writable property ARM
 * returned (labels, taints, tags, upgrade settings, VM size, OS, mode, orchestrator version, scale-down mode...)
 * is sent back, so nothing is reset.
 */
export function writeBody(read: AgentPool, change: Partial<AgentPool>): AgentPool {
  return { ...structuredClone(read), ...change };
}

/**
 * The change that scales a pool as read to `count` nodes. A `VirtualMachines` pool keeps its size in
 * `virtualMachinesProfile.scale.manual[]`, not in `count`: with one manual profile, the whole `scale` field is
 * written with that profile's count changed (AKS replaces `scale` as a whole). A pool with several sizes (or none)
 * cannot be scaled to one count: `ConfigError`, nothing is written.
 */
export function scaleChange(cluster: ClusterRef, read: AgentPool, count: number): Partial<AgentPool> {
  if (read.typePropertiesType !== VIRTUAL_MACHINES) return { count };
  const profile = read.virtualMachinesProfile ?? {};
  const manual = profile.scale?.manual ?? [];
  const [only] = manual;
  if (manual.length !== 1 || !only) {
    const name = read.name ?? '(no name)';
    throw new ConfigError(
      `Pool '${name}' of cluster '${cluster.clusterName}' is a VirtualMachines pool with ${manual.length === 0 ? 'no manual scale profile' : `${manual.length} VM sizes (${describeSizes(manual)})`}, so it has no single count to set; nothing was written. Scale it per size with 'az aks nodepool manual-scale update', or keep one VM size per pool.`,
      {
        issues: [
          {
            path: `${name}.virtualMachinesProfile.scale.manual`,
            message: 'expected exactly one manual scale profile',
          },
        ],
      },
    );
  }
  return {
    virtualMachinesProfile: {
      ...structuredClone(profile),
      scale: { ...structuredClone(profile.scale), manual: [{ ...only, count }] },
    },
  };
}

/** `Standard_D4s_v5 x2, Standard_D8s_v5 x1`, for reasons and messages. */
export function describeSizes(
  profiles: ReadonlyArray<{ size?: string | undefined; count?: number | undefined }>,
): string {
  return profiles.map((p) => `${p.size || '?'} x${p.count ?? '?'}`).join(', ');
}

/** The pool's ARM resource id; with `endpoint`, its URL (what a pool waiter names as its operation location). */
export function poolUrl(endpoint: string, cluster: ClusterRef, name: string): string {
  return `${endpoint}/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.clusterName}/agentPools/${name}`;
}
