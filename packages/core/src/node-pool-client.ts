import type { Deadline } from './deadline.js';
import type { OperationDurations } from './operation-durations.js';
import type { ClusterListScope, ClusterRef, ManagedCluster, NodePool } from './types.js';

/** Options for one write to a pool. */
export interface WriteOptions {
  /** Cancels waiting; an operation ARM already accepted keeps running server-side. */
  abortSignal?: AbortSignal | undefined;
  /**
   * How long the write may take in all: waiting for a busy pool, conflicts, and the operation itself. Ignored when
   * `deadline` is given.
   * @default the client's operationTimeoutInMs (30 minutes)
   */
  operationTimeoutInMs?: number | undefined;
  /**
   * The operation's deadline, computed once by the caller (`reconcile` passes what is left of the pool's operation
   * timeout after it waited for the pool). The client times the write by it instead of starting a timeout of its
   * own; its `signal` is also part of `abortSignal`.
   */
  deadline?: Deadline | undefined;
  /** Called with the pool as ARM reports it while the operation runs (from each poll). */
  onProgress?: ((pool: NodePool) => void) | undefined;
  /** Called when the write waits for the pool's current operation (non-terminal state, or ARM answered 409). */
  onWaiting?: ((info: { provisioningState: string; reason: string }) => void) | undefined;
  /** Called before the write is sent again (after a 409 wait, or a throttle the SDK did not absorb). */
  onRetry?: ((info: { reason: string; delayInMs: number }) => void) | undefined;
}

/** Options for {@link NodePoolClient.waitForPool}. */
export interface WaitOptions {
  /** Cancels waiting. */
  abortSignal?: AbortSignal | undefined;
  /**
   * How long to wait at most; then `OperationTimeoutError`. Ignored when `deadline` is given.
   * @default the client's operationTimeoutInMs (30 minutes)
   */
  timeoutInMs?: number | undefined;
  /** The operation's deadline, computed once by the caller; the client waits within it instead of `timeoutInMs`. */
  deadline?: Deadline | undefined;
  /** Called with the pool as read on each poll. */
  onProgress?: ((pool: NodePool) => void) | undefined;
}

/** Options of the reads of a {@link NodePoolClient}. */
export interface ReadOptions {
  /** Cancels the read. */
  abortSignal?: AbortSignal | undefined;
}

/**
 * A narrow, safe client for AKS agent pools. Writes send the full pool body with `If-Match`, wait for busy pools,
 * and resolve when the operation is terminal.
 *
 * Writes reject with `OperationConflictError` whose `reason` is `changed` when the pool changed since it was read
 * (ARM 412, or a foreign operation changed it while the write waited); callers re-read and re-plan.
 */
export interface NodePoolClient {
  /** Lists the cluster's pools. */
  listPools(cluster: ClusterRef, options?: ReadOptions): Promise<NodePool[]>;
  /** Reads one pool; throws `PoolNotFoundError` when it does not exist. */
  getPool(cluster: ClusterRef, name: string, options?: ReadOptions): Promise<NodePool>;
  /**
   * Reads the managed cluster itself (its region, tags and state); throws `ClusterNotFoundError` when it does not
   * exist or the identity cannot see it. Optional, so clients written before it stay valid: `reconcile` never calls
   * it; the pod's location check needs it (`createNodePoolClient`'s client has it).
   */
  getCluster?(cluster: ClusterRef, options?: ReadOptions): Promise<ManagedCluster>;
  /**
   * Lists the managed clusters of a subscription, or of one of its resource groups, with their tags (ARM's
   * `managedClusters.list` / `listByResourceGroup`, every page). Needs `Microsoft.ContainerService/managedClusters/read`
   * at that scope: a 403 is an `AuthorizationError` naming the action and the scope; a resource group or
   * subscription that does not exist is a `ClusterNotFoundError`. Optional, so clients written before it stay
   * valid: `reconcile` never calls it; `discoverClusters` (fleets by tag) needs it (`createNodePoolClient`'s client
   * has it).
   */
  listClusters?(scope: ClusterListScope, options?: ReadOptions): Promise<ManagedCluster[]>;
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
  /**
   * Sets and removes some of a pool's Azure tags, keeping every other tag and setting: each key of `changes` with a
   * string is set, each with `null` removed. Written like every other change (the full body as read with only
   * `tags` changed, `If-Match`, after waiting for a busy pool); when the pool changed since it was read (ARM 412, or
   * an operation that ran while the write waited), the tags are applied once more to the pool as read again, since
   * they do not depend on the rest of it. A tag name or value Azure would refuse is a `ConfigError` and nothing is
   * written.
   *
   * Optional, so clients written before it stay valid; `createNodePoolClient`'s and the testkit's fake have it.
   *
   * @example
   * ```ts
   * await client.updateTags?.(pool, { 'aks-scaler-override': 'pause', 'aks-scaler-until': '2026-12-07T08:00:00Z' });
   * ```
   */
  updateTags?(
    pool: NodePool,
    changes: Readonly<Record<string, string | null>>,
    options?: WriteOptions,
  ): Promise<NodePool>;
  /**
   * Waits until the pool's `provisioningState` is terminal and resolves with the pool as then read.
   * Optional: without it, reconcile waits with the same core-lro pool poller over `getPool`, on its own clock.
   * `createNodePoolClient`'s returns that poller (a `PollerLike`: awaitable, abortable, serializable).
   */
  waitForPool?(pool: NodePool, options?: WaitOptions): Promise<NodePool>;
  /**
   * The durations this client learns from its own writes. Optional: `reconcile` reads expectations from it (unless
   * given `durations` of its own), and times each write itself only into a store that is not the client's.
   */
  readonly durations?: OperationDurations | undefined;
}
