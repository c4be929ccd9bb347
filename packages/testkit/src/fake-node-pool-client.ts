import {
  AbortedError,
  ClusterNotFoundError,
  type ClusterRef,
  isTerminalProvisioningState,
  type NodePool,
  type NodePoolClient,
  OperationConflictError,
  OperationFailedError,
  OperationTimeoutError,
  PoolNotFoundError,
  ThrottledError,
  type WaitOptions,
  type WriteOptions,
} from '@aks-scaler/core';

/** The kind of a write the fake performs. */
export type FakeOperationKind = 'scale' | 'bounds' | 'start' | 'stop';

/** A write as the fake sees it, for scripted durations. */
export interface FakeOperation {
  /** What the write changes. */
  kind: FakeOperationKind;
  /** The pool's name. */
  pool: string;
  /** The value before, as logged (`1`, `1..3`, `Running`). */
  from: string;
  /** The value after, as logged. */
  to: string;
}

/**
 * A scripted failure for the next write(s) of a pool.
 * - `fail`: the operation runs, then ends `Failed` (`OperationFailedError` with `armCode`).
 * - `busy`: the pool is busy with a foreign operation (409) for `durationInMs`; the write waits, then retries,
 *   or, with `changesPool`, finds the pool changed (`OperationConflictError` reason `changed` with `latest`).
 * - `changed`: the pool's eTag changes just before the write (412): `OperationConflictError` reason `changed`.
 * - `throttled`: `ThrottledError`, as after the SDK's retries.
 * - `hang`: the operation never finishes (until aborted).
 * - `error`: throws `error` as is.
 */
export type FakeFault =
  | { type: 'fail'; armCode?: string | undefined; message?: string | undefined }
  | {
      type: 'busy';
      durationInMs?: number | undefined;
      provisioningState?: string | undefined;
      changesPool?: boolean | undefined;
    }
  | { type: 'changed'; update?: Partial<NodePool> | undefined }
  | { type: 'throttled'; retryAfterInMs?: number | undefined }
  | { type: 'hang' }
  | { type: 'error'; error: Error };

/** Options of {@link FakeNodePoolClient}. */
export interface FakeNodePoolClientOptions {
  /** The pools it starts with (clusters are taken from each pool's `cluster`). */
  pools?: readonly NodePool[] | undefined;
  /**
   * How long each write runs, fixed or per operation.
   * @default 0
   */
  operationDurationInMs?: number | ((operation: FakeOperation) => number) | undefined;
  /**
   * How the fake waits. Inject a virtual clock's sleep to control time in tests.
   * @default Node's timers
   */
  sleep?: ((ms: number, abortSignal?: AbortSignal) => Promise<void>) | undefined;
}

function key(cluster: ClusterRef, name: string): string {
  return `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.clusterName}/${name}`.toLowerCase();
}

function clusterKey(cluster: ClusterRef): string {
  return `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.clusterName}`.toLowerCase();
}

const defaultSleep = (ms: number, abortSignal?: AbortSignal): Promise<void> =>
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

/**
 * An in-memory {@link NodePoolClient} for unit tests. It keeps an ordering log
 * (`"START scale manualpool2 1->5"`, `"END scale manualpool2 1->5"`, `"FAIL ..."`, `"WAIT ..."`), counts reads,
 * writes and operations in flight (overall and per pool), enforces `If-Match` like ARM (a stale `eTag` is a
 * `changed` conflict), and plays scripted faults.
 *
 * @example
 * ```ts
 * const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'manualpool2' })], operationDurationInMs: 5 });
 * client.inject('manualpool2', { type: 'fail', armCode: 'QuotaExceeded' });
 * const report = await reconcile({ client, cluster: DEFAULT_TEST_CLUSTER, policy });
 * expect(client.log).toEqual(['START scale manualpool2 1->5', 'FAIL scale manualpool2 1->5 QuotaExceeded']);
 * ```
 */
export class FakeNodePoolClient implements NodePoolClient {
  /** The ordering log. */
  readonly log: string[] = [];
  /** Reads served (`listPools` and `getPool` calls). */
  reads = 0;
  /** Writes attempted (each `scalePool`, `setAutoscalerBounds`, `setPowerState` call that reached the fake). */
  writes = 0;
  /** Operations running now. */
  inFlight = 0;
  /** The most operations that ran at once. */
  maxInFlight = 0;
  /** The most operations that ran at once on one pool. */
  maxInFlightPerPool = 0;

  readonly #pools = new Map<string, NodePool>();
  readonly #clusters = new Set<string>();
  readonly #faults = new Map<string, FakeFault[]>();
  readonly #inFlightByPool = new Map<string, number>();
  readonly #settled = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  readonly #versions = new Map<string, number>();
  readonly #duration: (operation: FakeOperation) => number;
  readonly #sleep: (ms: number, abortSignal?: AbortSignal) => Promise<void>;

  constructor(options: FakeNodePoolClientOptions = {}) {
    const duration = options.operationDurationInMs ?? 0;
    this.#duration = typeof duration === 'function' ? duration : () => duration;
    this.#sleep = options.sleep ?? defaultSleep;
    for (const pool of options.pools ?? []) this.setPool(pool);
  }

  /** Adds or replaces a pool. A non-terminal pool stays busy until {@link settlePool} (or `settleAfterInMs`). */
  setPool(pool: NodePool, options: { settleAfterInMs?: number | undefined } = {}): void {
    const k = key(pool.cluster, pool.name);
    this.#clusters.add(clusterKey(pool.cluster));
    this.#pools.set(k, { ...pool });
    if (!isTerminalProvisioningState(pool.provisioningState) && options.settleAfterInMs !== undefined) {
      void this.#sleep(options.settleAfterInMs).then(() => this.settlePool(pool.name, pool.cluster));
    }
  }

  /** The pool as stored now. */
  pool(name: string, cluster?: ClusterRef): NodePool {
    return { ...this.#find(name, cluster) };
  }

  /** Every stored pool. */
  pools(): NodePool[] {
    return [...this.#pools.values()].map((p) => ({ ...p }));
  }

  /** Ends a pool's foreign operation: `Succeeded` (or `state`) and a new eTag. */
  settlePool(name: string, cluster?: ClusterRef, state = 'Succeeded'): void {
    const pool = this.#find(name, cluster);
    const k = key(pool.cluster, pool.name);
    this.#pools.set(k, { ...pool, provisioningState: state, eTag: this.#nextETag(pool) });
    this.#settled.get(k)?.resolve();
    this.#settled.delete(k);
  }

  /** Scripts faults for the next writes of a pool, in order (one fault per write). */
  inject(pool: string, ...faults: FakeFault[]): void {
    const list = this.#faults.get(pool) ?? [];
    list.push(...faults);
    this.#faults.set(pool, list);
  }

  async listPools(
    cluster: ClusterRef,
    options: { abortSignal?: AbortSignal | undefined } = {},
  ): Promise<NodePool[]> {
    this.#throwIfAborted(options.abortSignal);
    this.reads++;
    if (!this.#clusters.has(clusterKey(cluster))) {
      throw new ClusterNotFoundError(`Cluster '${cluster.clusterName}' not found.`);
    }
    const prefix = `${clusterKey(cluster)}/`;
    return [...this.#pools.entries()].filter(([k]) => k.startsWith(prefix)).map(([, p]) => ({ ...p }));
  }

  async getPool(
    cluster: ClusterRef,
    name: string,
    options: { abortSignal?: AbortSignal | undefined } = {},
  ): Promise<NodePool> {
    this.#throwIfAborted(options.abortSignal);
    this.reads++;
    return { ...this.#find(name, cluster) };
  }

  async waitForPool(pool: NodePool, options: WaitOptions = {}): Promise<NodePool> {
    const k = key(pool.cluster, pool.name);
    const stored = this.#find(pool.name, pool.cluster);
    if (!isTerminalProvisioningState(stored.provisioningState)) {
      this.log.push(`WAIT ${pool.name} ${stored.provisioningState}`);
      let settled = this.#settled.get(k);
      if (!settled) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => {
          resolve = r;
        });
        settled = { promise, resolve };
        this.#settled.set(k, settled);
      }
      await this.#race(settled.promise, options.abortSignal);
    }
    this.reads++;
    const fresh = { ...this.#find(pool.name, pool.cluster) };
    options.onProgress?.(fresh);
    return fresh;
  }

  scalePool(pool: NodePool, count: number, options: WriteOptions = {}): Promise<NodePool> {
    return this.#write(pool, 'scale', String(pool.count), String(count), { count }, 'Scaling', options);
  }

  setAutoscalerBounds(
    pool: NodePool,
    bounds: { minCount: number; maxCount: number },
    options: WriteOptions = {},
  ): Promise<NodePool> {
    const from = `${pool.minCount ?? '?'}..${pool.maxCount ?? '?'}`;
    const to = `${bounds.minCount}..${bounds.maxCount}`;
    return this.#write(pool, 'bounds', from, to, { ...bounds }, 'Updating', options);
  }

  setPowerState(pool: NodePool, state: 'Running' | 'Stopped', options: WriteOptions = {}): Promise<NodePool> {
    const change: Partial<NodePool> = { powerState: state };
    if (state === 'Stopped') change.count = 0;
    const kind = state === 'Running' ? 'start' : 'stop';
    const busy = state === 'Running' ? 'Starting' : 'Stopping';
    return this.#write(pool, kind, pool.powerState, state, change, busy, options);
  }

  async #write(
    pool: NodePool,
    kind: FakeOperationKind,
    from: string,
    to: string,
    change: Partial<NodePool>,
    busyState: string,
    options: WriteOptions,
  ): Promise<NodePool> {
    const signal = options.abortSignal;
    this.#throwIfAborted(signal);
    this.writes++;
    const k = key(pool.cluster, pool.name);
    const label = `${kind} ${pool.name} ${from}->${to}`;
    const fault = this.#faults.get(pool.name)?.shift();
    let stored = this.#find(pool.name, pool.cluster);
    if (fault?.type === 'error') throw fault.error;
    if (fault?.type === 'throttled') {
      throw new ThrottledError(`ARM throttled writes to pool '${pool.name}'.`, {
        retryAfterInMs: fault.retryAfterInMs ?? 1000,
      });
    }
    if (fault?.type === 'changed') {
      this.#pools.set(k, { ...stored, ...fault.update, eTag: this.#nextETag(stored) });
      this.log.push(`CONFLICT ${label} 412`);
      throw new OperationConflictError(`Pool '${pool.name}' changed since it was read (412).`, {
        reason: 'changed',
      });
    }
    if (fault?.type === 'busy') {
      const state = fault.provisioningState ?? 'Updating';
      this.log.push(`BUSY ${label} 409`);
      options.onWaiting?.({ provisioningState: state, reason: 'another operation is in progress (409)' });
      await this.#sleep(fault.durationInMs ?? 0, signal);
      options.onRetry?.({ reason: 'the pool finished its other operation', delayInMs: 0 });
      if (fault.changesPool) {
        stored = { ...stored, eTag: this.#nextETag(stored) };
        this.#pools.set(k, stored);
        throw new OperationConflictError(`Pool '${pool.name}' changed while another operation ran.`, {
          reason: 'changed',
          latest: { ...stored },
        });
      }
    }
    if (!isTerminalProvisioningState(stored.provisioningState)) {
      options.onWaiting?.({ provisioningState: stored.provisioningState, reason: 'the pool is busy' });
      stored = await this.waitForPool(stored, signal ? { abortSignal: signal } : {});
    }
    if (stored.eTag !== pool.eTag) {
      this.log.push(`CONFLICT ${label} 412`);
      throw new OperationConflictError(`Pool '${pool.name}' changed since it was read (412).`, {
        reason: 'changed',
      });
    }

    const running: NodePool = {
      ...stored,
      ...change,
      provisioningState: busyState,
      eTag: this.#nextETag(stored),
    };
    this.#pools.set(k, running);
    this.#enter(k);
    this.log.push(`START ${label}`);
    options.onProgress?.({ ...running });
    const operation = this.#sleep(this.#duration({ kind, pool: pool.name, from, to }));
    const finished = fault?.type === 'hang' ? new Promise<void>(() => {}) : operation;
    try {
      await this.#race(finished, signal);
    } catch (error) {
      this.#leave(k);
      this.log.push(`ABORT ${label}`);
      void finished.then(() => this.#settleOwn(k, fault));
      throw error;
    }
    this.#leave(k);
    const ended = this.#settleOwn(k, fault);
    if (fault?.type === 'fail') {
      const armCode = fault.armCode ?? 'OperationFailed';
      this.log.push(`FAIL ${label} ${armCode}`);
      throw new OperationFailedError(
        `The operation on pool '${pool.name}' failed: ${armCode}. ${fault.message ?? ''}`.trim(),
        { armCode },
      );
    }
    this.log.push(`END ${label}`);
    return ended;
  }

  #settleOwn(k: string, fault: FakeFault | undefined): NodePool {
    const current = this.#pools.get(k);
    if (!current) throw new Error(`pool ${k} vanished`);
    const ended = { ...current, provisioningState: fault?.type === 'fail' ? 'Failed' : 'Succeeded' };
    this.#pools.set(k, ended);
    this.#settled.get(k)?.resolve();
    this.#settled.delete(k);
    return { ...ended };
  }

  #enter(k: string): void {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const perPool = (this.#inFlightByPool.get(k) ?? 0) + 1;
    this.#inFlightByPool.set(k, perPool);
    this.maxInFlightPerPool = Math.max(this.maxInFlightPerPool, perPool);
  }

  #leave(k: string): void {
    this.inFlight--;
    this.#inFlightByPool.set(k, (this.#inFlightByPool.get(k) ?? 1) - 1);
  }

  #nextETag(pool: NodePool): string {
    const k = key(pool.cluster, pool.name);
    const version = (this.#versions.get(k) ?? 1) + 1;
    this.#versions.set(k, version);
    return `"${pool.name}-${version}"`;
  }

  #find(name: string, cluster?: ClusterRef): NodePool {
    if (cluster) {
      const pool = this.#pools.get(key(cluster, name));
      if (!pool) throw new PoolNotFoundError(name, `Pool '${name}' not found in '${cluster.clusterName}'.`);
      return pool;
    }
    for (const pool of this.#pools.values()) if (pool.name === name) return pool;
    throw new PoolNotFoundError(name, `Pool '${name}' not found.`);
  }

  #throwIfAborted(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw abortReason(signal);
  }

  async #race(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
    if (!signal) return promise;
    this.#throwIfAborted(signal);
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
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof AbortedError || reason instanceof OperationTimeoutError) return reason;
  return new AbortedError();
}
