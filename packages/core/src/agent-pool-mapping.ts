import type { AgentPool } from '@azure/arm-containerservice';
import type { ClusterRef, NodePool } from './types.js';

/** Flattens an ARM agent pool (as the SDK deserializes it) into a {@link NodePool}. */
export function toNodePool(cluster: ClusterRef, agentPool: AgentPool, fallbackName = ''): NodePool {
  const pool: NodePool = {
    cluster,
    name: agentPool.name ?? fallbackName,
    count: agentPool.count ?? 0,
    mode: agentPool.mode ?? 'User',
    enableAutoScaling: agentPool.enableAutoScaling === true,
    powerState: agentPool.powerState?.code === 'Stopped' ? 'Stopped' : 'Running',
    provisioningState: agentPool.provisioningState ?? 'Succeeded',
  };
  if (agentPool.minCount !== undefined && agentPool.minCount !== null) pool.minCount = agentPool.minCount;
  if (agentPool.maxCount !== undefined && agentPool.maxCount !== null) pool.maxCount = agentPool.maxCount;
  if (agentPool.vmSize) pool.vmSize = agentPool.vmSize;
  if (agentPool.eTag) pool.eTag = agentPool.eTag;
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
