import { directionOf, type OperationDurations } from './operation-durations.js';
import type { ClusterRef, NodePool } from './types.js';

/**
 * The `expectedOperationInMs(pool, from, to)` of a policy context: a scale-up or scale-down of `|to - from|` nodes
 * as learned for that pool and direction (else the 10-minute default), a start for a stopped pool asked for nodes,
 * and `0` when there is nothing to do.
 */
export function expectedOperation(
  durations: OperationDurations,
  cluster: ClusterRef,
  pools: readonly NodePool[],
): (pool: string, from: number, to: number) => number {
  return (pool, from, to) => {
    const stopped = pools.find((p) => p.name === pool)?.powerState === 'Stopped';
    if (stopped && to > 0) return durations.expectedInMs({ cluster, pool, direction: 'start' });
    const direction = directionOf(from, to);
    if (!direction) return 0;
    return durations.expectedInMs({ cluster, pool, direction, nodes: Math.abs(to - from) });
  };
}
