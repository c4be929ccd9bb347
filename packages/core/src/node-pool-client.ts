import type { ClusterRef, NodePool } from './types.js';

/** Options for one write to a pool. */
export interface WriteOptions {
  /** Cancels waiting; an operation ARM already accepted keeps running server-side. */
  abortSignal?: AbortSignal;
  /**
   * How long the write may take in all: waiting for a busy pool, conflicts, and the operation itself.
   * @default 1_800_000 (30 minutes)
   */
  operationTimeoutInMs?: number;
  /** Called with the pool as ARM reports it while the operation runs (from each poll). */
  onProgress?: (pool: NodePool) => void;
}

/**
 * A narrow, safe client for AKS agent pools. Writes send the full pool body with `If-Match`, wait for busy pools,
 * and resolve when the operation is terminal.
 */
export interface NodePoolClient {
  /** Lists the cluster's pools. */
  listPools(cluster: ClusterRef, options?: { abortSignal?: AbortSignal }): Promise<NodePool[]>;
  /** Reads one pool; throws `PoolNotFoundError` when it does not exist. */
  getPool(cluster: ClusterRef, name: string, options?: { abortSignal?: AbortSignal }): Promise<NodePool>;
  /** Sets a manual pool's node count. */
  scalePool(pool: NodePool, count: number, options?: WriteOptions): Promise<NodePool>;
  /** Sets an autoscaler-enabled pool's `minCount` / `maxCount`. */
  setAutoscalerBounds(
    pool: NodePool,
    bounds: { minCount: number; maxCount: number },
    options?: WriteOptions,
  ): Promise<NodePool>;
  /** Starts or stops a pool. */
  setPowerState(pool: NodePool, state: 'Running' | 'Stopped', options?: WriteOptions): Promise<NodePool>;
}
