import {
  AbortedError,
  type ClusterRef,
  type NodePool,
  OperationTimeoutError,
  PoolNotFoundError,
} from '@aks-scaler/core';
import { clusterKey, poolKey } from '@aks-scaler/core/common';

/** The fake's key of a pool (core's {@link poolKey}). */
export const key: (cluster: ClusterRef, name: string) => string = poolKey;

export { clusterKey };

/** Node's timers, the fake's default way to wait. */
export const defaultSleep = (ms: number, abortSignal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (abortSignal?.aborted) return reject(new AbortedError());
    const timer = setTimeout(() => {
      abortSignal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    abortSignal?.addEventListener('abort', onAbort, { once: true });
  });

/** The error a fake operation rejects with when its signal aborts: a timeout or abort of ours, else `AbortedError`. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof AbortedError || reason instanceof OperationTimeoutError) return reason;
  return new AbortedError();
}

/** Throws the abort reason when `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/** Waits for `promise`, or rejects with the abort reason when `signal` aborts first. */
export async function race(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  if (signal.aborted) throw abortReason(signal);
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Counts operations in flight, overall and per pool, and the most seen at once. */
export class InFlight {
  now = 0;
  max = 0;
  maxPerPool = 0;
  readonly #byPool = new Map<string, number>();

  enter(poolKey: string): void {
    this.now++;
    this.max = Math.max(this.max, this.now);
    const perPool = (this.#byPool.get(poolKey) ?? 0) + 1;
    this.#byPool.set(poolKey, perPool);
    this.maxPerPool = Math.max(this.maxPerPool, perPool);
  }

  leave(poolKey: string): void {
    this.now--;
    this.#byPool.set(poolKey, (this.#byPool.get(poolKey) ?? 1) - 1);
  }
}

/** Promises that resolve when a pool's current operation ends (what `waitForPool` waits on). */
export class Settlements {
  readonly #pending = new Map<string, { promise: Promise<void>; resolve: () => void }>();

  /** Resolves when {@link resolve} is called for the pool. */
  wait(poolKey: string): Promise<void> {
    let entry = this.#pending.get(poolKey);
    if (!entry) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      entry = { promise, resolve };
      this.#pending.set(poolKey, entry);
    }
    return entry.promise;
  }

  /** The pool's operation ended: every waiter resumes. */
  resolve(poolKey: string): void {
    this.#pending.get(poolKey)?.resolve();
    this.#pending.delete(poolKey);
  }
}

/** The stored pool by name (in `cluster`, else the first of that name); `PoolNotFoundError` when there is none. */
export function findPool(pools: ReadonlyMap<string, NodePool>, name: string, cluster?: ClusterRef): NodePool {
  if (cluster) {
    const pool = pools.get(key(cluster, name));
    if (!pool) throw new PoolNotFoundError(name, `Pool '${name}' not found in '${cluster.clusterName}'.`);
    return pool;
  }
  for (const pool of pools.values()) if (pool.name === name) return pool;
  throw new PoolNotFoundError(name, `Pool '${name}' not found.`);
}

/** The fake's eTags: `"<pool>-<version>"`, a new version per change of the pool. */
export class ETags {
  readonly #versions = new Map<string, number>();

  /** The next eTag of the pool. */
  next(pool: NodePool): string {
    const k = key(pool.cluster, pool.name);
    const version = (this.#versions.get(k) ?? 1) + 1;
    this.#versions.set(k, version);
    return `"${pool.name}-${version}"`;
  }
}
