import {
  type ClusterListScope,
  type ClusterRef,
  isTerminalProvisioningState,
  type ManagedCluster,
  type NodePool,
  type NodePoolClient,
  type ReadOptions,
  type WaitOptions,
  type WriteOptions,
} from '@aks-scaler/core';
import { type FakeClusterSpec, FakeClusters } from './fake-clusters.js';
import {
  type FakeFault,
  type FakeOperation,
  type FakeOperationKind,
  operationFailure,
  playFaultBeforeWrite,
} from './fake-faults.js';
import type { FakeNodePoolClientOptions } from './fake-options.js';
import { checkWrite, type FakeStoppedWith, powerChange, storedForm } from './fake-power.js';
import {
  clusterKey,
  defaultSleep,
  ETags,
  findPool,
  InFlight,
  key,
  race,
  Settlements,
  throwIfAborted,
} from './fake-support.js';
import { updateFakeTags } from './fake-tags.js';

/**
 * An in-memory {@link NodePoolClient} for unit tests. It keeps an ordering log
 * (`"START scale manualpool2 1->5"`, `"END scale manualpool2 1->5"`, `"FAIL ..."`, `"WAIT ..."`), counts reads,
 * writes and operations in flight (overall and per pool), enforces `If-Match` like ARM (a stale `eTag` is a
 * `changed` conflict), and plays scripted faults. Power states behave as in AKS (and the emulator): a stopped pool
 * shows count 0 with its autoscaler paused and gets both back when it starts; a System pool is never stopped, a
 * pool is stopped or started only from `Succeeded`, a stopped pool is not scaled and an autoscaler pool gets no
 * manual count (each refused with `OperationFailedError`, logged as `REFUSED ...`).
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
  /** Reads served (`getCluster`, `listClusters`, `listPools`, `getPool` and the read that ends a `waitForPool`). */
  reads = 0;
  /** Writes attempted (each `scalePool`, `setAutoscalerBounds`, `setPowerState`, `updateTags` write that reached the fake). */
  writes = 0;
  readonly #inFlight = new InFlight();
  /** Operations running now. */
  get inFlight(): number {
    return this.#inFlight.now;
  }
  /** The most operations that ran at once. */
  get maxInFlight(): number {
    return this.#inFlight.max;
  }
  /** The most operations that ran at once on one pool. */
  get maxInFlightPerPool(): number {
    return this.#inFlight.maxPerPool;
  }

  readonly #pools = new Map<string, NodePool>();
  readonly #clusters = new FakeClusters();
  readonly #faults = new Map<string, FakeFault[]>();
  readonly #settled = new Settlements();
  readonly #eTags = new ETags();
  readonly #stoppedWith = new Map<string, FakeStoppedWith>();
  readonly #duration: (operation: FakeOperation) => number;
  readonly #sleep: (ms: number, abortSignal?: AbortSignal) => Promise<void>;

  constructor(options: FakeNodePoolClientOptions = {}) {
    const duration = options.operationDurationInMs ?? 0;
    this.#duration = typeof duration === 'function' ? duration : () => duration;
    const clock = options.clock;
    this.#sleep = options.sleep ?? (clock ? (ms, signal) => clock.sleep(ms, signal) : defaultSleep);
    for (const spec of options.clusters ?? []) this.setCluster(spec);
    for (const pool of options.pools ?? []) this.setPool(pool);
  }

  /** Adds a cluster, or changes what `getCluster` reports about it. */
  setCluster(spec: FakeClusterSpec): void {
    this.#clusters.set(spec);
  }

  /** Removes a cluster and its pools, as if it were deleted: it leaves `listClusters`, and reading it fails. */
  removeCluster(cluster: ClusterRef): void {
    this.#clusters.delete(cluster);
    const prefix = `${clusterKey(cluster)}/`;
    for (const k of [...this.#pools.keys()]) {
      if (!k.startsWith(prefix)) continue;
      this.#pools.delete(k);
      this.#stoppedWith.delete(k);
    }
  }

  /** Scripts errors for the next `listClusters` calls, in order (one per call), e.g. an `AuthorizationError`. */
  failNextListings(...errors: Error[]): void {
    this.#clusters.failNextListings(errors);
  }

  /**
   * Adds or replaces a pool. A non-terminal pool stays busy until {@link settlePool} (or `settleAfterInMs`). A pool
   * given `powerState: 'Stopped'` shows count 0 and starts with its `count` (and autoscaler), as in the emulator.
   */
  setPool(pool: NodePool, options: { settleAfterInMs?: number | undefined } = {}): void {
    const k = key(pool.cluster, pool.name);
    if (!this.#clusters.has(pool.cluster)) this.setCluster({ cluster: pool.cluster });
    this.#pools.set(k, storedForm(pool, this.#stoppedWith, k));
    if (!isTerminalProvisioningState(pool.provisioningState) && options.settleAfterInMs !== undefined) {
      void this.#sleep(options.settleAfterInMs).then(() => this.settlePool(pool.name, pool.cluster));
    }
  }

  /** The pool as stored now. */
  pool(name: string, cluster?: ClusterRef): NodePool {
    return { ...findPool(this.#pools, name, cluster) };
  }

  /** Every stored pool. */
  pools(): NodePool[] {
    return [...this.#pools.values()].map((p) => ({ ...p }));
  }

  /** Ends a pool's foreign operation: `Succeeded` (or `state`) and a new eTag. */
  settlePool(name: string, cluster?: ClusterRef, state = 'Succeeded'): void {
    const pool = findPool(this.#pools, name, cluster);
    const k = key(pool.cluster, pool.name);
    this.#pools.set(k, { ...pool, provisioningState: state, eTag: this.#eTags.next(pool) });
    this.#settled.resolve(k);
  }

  /** Scripts faults for the next writes of a pool, in order (one fault per write). */
  inject(pool: string, ...faults: FakeFault[]): void {
    const list = this.#faults.get(pool) ?? [];
    list.push(...faults);
    this.#faults.set(pool, list);
  }

  async getCluster(cluster: ClusterRef, options: ReadOptions = {}): Promise<ManagedCluster> {
    throwIfAborted(options.abortSignal);
    this.reads++;
    return this.#clusters.get(cluster);
  }

  async listClusters(scope: ClusterListScope, options: ReadOptions = {}): Promise<ManagedCluster[]> {
    throwIfAborted(options.abortSignal);
    this.reads++;
    return this.#clusters.list(scope);
  }

  async listPools(cluster: ClusterRef, options: ReadOptions = {}): Promise<NodePool[]> {
    throwIfAborted(options.abortSignal);
    this.reads++;
    this.#clusters.get(cluster);
    const prefix = `${clusterKey(cluster)}/`;
    return [...this.#pools.entries()].filter(([k]) => k.startsWith(prefix)).map(([, p]) => ({ ...p }));
  }

  async getPool(cluster: ClusterRef, name: string, options: ReadOptions = {}): Promise<NodePool> {
    throwIfAborted(options.abortSignal);
    this.reads++;
    return { ...findPool(this.#pools, name, cluster) };
  }

  async waitForPool(pool: NodePool, options: WaitOptions = {}): Promise<NodePool> {
    const k = key(pool.cluster, pool.name);
    const stored = findPool(this.#pools, pool.name, pool.cluster);
    if (!isTerminalProvisioningState(stored.provisioningState)) {
      this.log.push(`WAIT ${pool.name} ${stored.provisioningState}`);
      await race(this.#settled.wait(k), options.abortSignal);
    }
    this.reads++;
    const fresh = { ...findPool(this.#pools, pool.name, pool.cluster) };
    options.onProgress?.(fresh);
    return fresh;
  }

  scalePool(pool: NodePool, count: number, options: WriteOptions = {}): Promise<NodePool> {
    const from = String(pool.count);
    return this.#write(pool, 'scale', from, String(count), (p) => ({ ...p, count }), 'Scaling', options);
  }

  setAutoscalerBounds(
    pool: NodePool,
    bounds: { minCount: number; maxCount: number },
    options: WriteOptions = {},
  ): Promise<NodePool> {
    const from = `${pool.minCount ?? '?'}..${pool.maxCount ?? '?'}`;
    const to = `${bounds.minCount}..${bounds.maxCount}`;
    return this.#write(pool, 'bounds', from, to, (p) => ({ ...p, ...bounds }), 'Updating', options);
  }

  setPowerState(pool: NodePool, state: 'Running' | 'Stopped', options: WriteOptions = {}): Promise<NodePool> {
    const change = powerChange(state, this.#stoppedWith, key(pool.cluster, pool.name));
    const kind = state === 'Running' ? 'start' : 'stop';
    const busy = state === 'Running' ? 'Starting' : 'Stopping';
    return this.#write(pool, kind, pool.powerState, state, change, busy, options);
  }

  /** Sets and removes tags like the real client (see `updateFakeTags`): logged `START tags <pool> ->name=value,...`. */
  readonly updateTags: NonNullable<NodePoolClient['updateTags']> = (pool, changes, options = {}) =>
    updateFakeTags(pool, changes, {
      stored: (current) => findPool(this.#pools, current.name, current.cluster),
      write: (current, change, label) =>
        this.#write(current, 'tags', '', label, (p) => ({ ...p, ...change }), 'Updating', options),
    });

  async #write(
    pool: NodePool,
    kind: FakeOperationKind,
    from: string,
    to: string,
    change: (stored: NodePool) => NodePool,
    busyState: string,
    options: WriteOptions,
  ): Promise<NodePool> {
    const signal = options.abortSignal;
    throwIfAborted(signal);
    this.writes++;
    const k = key(pool.cluster, pool.name);
    const label = `${kind} ${pool.name} ${from}->${to}`;
    const fault = this.#faults.get(pool.name)?.shift();
    let stored = findPool(this.#pools, pool.name, pool.cluster);
    stored = await playFaultBeforeWrite(fault, {
      pool: stored,
      label,
      log: this.log,
      sleep: this.#sleep,
      options,
      changeTo: (update) => {
        const changed = {
          ...findPool(this.#pools, pool.name, pool.cluster),
          ...update,
          eTag: this.#eTags.next(stored),
        };
        this.#pools.set(k, changed);
        return { ...changed };
      },
    });
    if (!isTerminalProvisioningState(stored.provisioningState)) {
      options.onWaiting?.({ provisioningState: stored.provisioningState, reason: 'the pool is busy' });
      stored = await this.waitForPool(stored, signal ? { abortSignal: signal } : {});
    }
    checkWrite(stored, pool.eTag, kind, label, this.log);
    const running: NodePool = {
      ...change(stored),
      provisioningState: busyState,
      eTag: this.#eTags.next(stored),
    };
    this.#pools.set(k, running);
    this.#inFlight.enter(k);
    this.log.push(`START ${label}`);
    options.onProgress?.({ ...running });
    const operation = this.#sleep(this.#duration({ kind, pool: pool.name, from, to }));
    const finished = fault?.type === 'hang' ? new Promise<void>(() => {}) : operation;
    try {
      await race(finished, signal);
    } catch (error) {
      this.#inFlight.leave(k);
      this.log.push(`ABORT ${label}`);
      void finished.then(() => this.#settleOwn(k, fault));
      throw error;
    }
    this.#inFlight.leave(k);
    const ended = this.#settleOwn(k, fault);
    const failed = operationFailure(fault, pool.name);
    if (failed) {
      this.log.push(`FAIL ${label} ${failed.armCode}`);
      throw failed;
    }
    this.log.push(`END ${label}`);
    return ended;
  }

  #settleOwn(k: string, fault: FakeFault | undefined): NodePool {
    const current = this.#pools.get(k);
    if (!current) throw new Error(`pool ${k} vanished`);
    const ended = { ...current, provisioningState: fault?.type === 'fail' ? 'Failed' : 'Succeeded' };
    this.#pools.set(k, ended);
    this.#settled.resolve(k);
    return { ...ended };
  }
}
