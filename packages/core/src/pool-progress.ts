import type { AgentPool } from '@azure/arm-containerservice';
import { toNodePool } from './agent-pool-mapping.js';
import type { ClusterRef, NodePool } from './types.js';

/** Flattens a raw ARM body (`{ name, properties: {...} }`) into the SDK's model shape, for progress reports. */
export function fromRawBody(body: unknown): AgentPool | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const raw = body as { name?: string; properties?: Record<string, unknown> };
  if (!raw.properties) return undefined;
  return { ...(raw.properties as AgentPool), ...(raw.name !== undefined && { name: raw.name }) };
}

/** Progress is informational: a body too malformed to flatten is not reported, and the final read decides. */
export function reportProgress(
  onProgress: ((pool: NodePool) => void) | undefined,
  cluster: ClusterRef,
  body: AgentPool,
  name: string,
): void {
  if (!onProgress) return;
  let pool: NodePool;
  try {
    pool = toNodePool(cluster, body, name);
  } catch {
    return;
  }
  onProgress(pool);
}
