import { MetricStore } from './metric-store.js';
import { type EmulatorOperation, newOperation } from './operations.js';
import { cloneJson } from './pool-model.js';
import { clusterSnapshot, poolKey, quotedGuid, snapshot } from './pool-snapshot.js';
import type { ClusterRecord, PoolRecord } from './resources.js';
import { changePool, clusterFromSpec, endOnRecords, insertPool, locateCluster } from './state-clusters.js';
import type {
  ClusterOperationOptions,
  EmulatorClusterSnapshot,
  EmulatorPoolSnapshot,
  EmulatorState,
  OperationOutcome,
  PlannedOutcome,
  PoolWriteRecord,
} from './state-types.js';
import type { EmulatorClock, EmulatorClusterSpec, EmulatorPoolSpec } from './types.js';

type Locator = { cluster: ClusterRecord; pool: string };

/** The store behind {@link EmulatorState}, with the accessors the ARM handlers use. */
export class StateStore implements EmulatorState {
  /** Every pool body written, in order. */
  readonly history: PoolWriteRecord[] = [];
  /** The most operations observed running at once (across all pools). */
  maxInFlightObserved = 0;
  readonly #clusters: ClusterRecord[] = [];
  readonly #operations: EmulatorOperation[] = [];
  readonly #planned = new Map<string, PlannedOutcome[]>();
  readonly #metrics = new MetricStore();
  readonly #clock: EmulatorClock;

  /** @internal */
  constructor(
    clusters: EmulatorClusterSpec[],
    readonly defaultSubscriptionId: string,
    clock: EmulatorClock,
  ) {
    this.#clock = clock;
    for (const spec of clusters) {
      const cluster = clusterFromSpec(spec, defaultSubscriptionId);
      this.#clusters.push(cluster);
      for (const pool of spec.pools) insertPool(cluster, pool);
    }
  }

  /** Every operation so far (finished ones too), after settling those that are due. */
  get operations(): readonly EmulatorOperation[] {
    this.settle();
    return this.#operations;
  }

  /** The number of operations running now. */
  inFlight(): number {
    this.settle();
    return this.#running();
  }

  /** A pool's snapshot, or undefined when the cluster has no such pool. */
  getPool(...args: string[]): EmulatorPoolSnapshot | undefined {
    this.settle();
    const { cluster, pool } = this.#locate(args);
    const record = cluster.pools.get(pool);
    return record ? snapshot(cluster, record) : undefined;
  }

  /** All pools of a cluster (the first cluster when none is named). */
  listPools(...args: string[]): EmulatorPoolSnapshot[] {
    this.settle();
    const { cluster } = this.#locate([...args, '']);
    return [...cluster.pools.values()].map((record) => snapshot(cluster, record));
  }

  /** Changes a pool out of band (no operation), bumping its eTag, as another client would. */
  setPool(...args: unknown[]): EmulatorPoolSnapshot {
    this.settle();
    const changes = args.pop() as Partial<EmulatorPoolSpec>;
    const { cluster, pool } = this.#locate(args as string[]);
    const record = this.#require(cluster, pool);
    changePool(record, changes);
    return snapshot(cluster, record);
  }

  /** Every managed cluster, in the order of the options. */
  listClusters(): EmulatorClusterSnapshot[] {
    return this.#clusters.map(clusterSnapshot);
  }

  /** Replaces a cluster's Azure tags (the first cluster when none is named). */
  setClusterTags(...args: unknown[]): EmulatorClusterSnapshot {
    const tags = args.pop() as Record<string, string>;
    const { cluster } = this.#locate([...(args as string[]), '']);
    cluster.tags = { ...tags };
    cluster.eTag = quotedGuid();
    return clusterSnapshot(cluster);
  }

  /** Adds a pool to a cluster (the first cluster when none is named). */
  addPool(...args: unknown[]): EmulatorPoolSnapshot {
    const spec = args.pop() as EmulatorPoolSpec;
    const { cluster } = this.#locate([...(args as string[]), spec.name]);
    return snapshot(cluster, insertPool(cluster, spec));
  }

  /** Removes a pool; returns whether it existed. */
  deletePool(...args: string[]): boolean {
    const { cluster, pool } = this.#locate(args);
    return cluster.pools.delete(pool);
  }

  /** Sets the value Azure Monitor reports for `metricName` on `resourceUri` (e.g. the cluster's ARM id). */
  setMetric(resourceUri: string, metricName: string, value: number, options: { unit?: string } = {}): void {
    this.#metrics.set(resourceUri, metricName, value, options.unit);
  }

  /** Ends a running operation now, e.g. one a fault made never end. */
  finishOperation(operationId: string, outcome: OperationOutcome = {}): void {
    const operation = this.#operations.find((candidate) => candidate.id === operationId);
    if (operation?.status !== 'InProgress') return;
    operation.plannedStatus = outcome.status ?? 'Succeeded';
    if (outcome.error) operation.error = outcome.error;
    this.#end(operation, this.#clock.now());
  }

  /** Finishes every operation that is due by the emulator clock. */
  settle(): void {
    const now = this.#clock.now();
    for (const operation of this.#operations) {
      if (operation.status === 'InProgress' && operation.endsAt !== undefined && operation.endsAt <= now) {
        this.#end(operation, operation.endsAt);
      }
    }
  }

  /** @internal */
  get metrics(): MetricStore {
    return this.#metrics;
  }

  /** @internal The cluster for ARM path segments (case-insensitive), or undefined. */
  findCluster(subscriptionId: string, resourceGroup: string, name: string): ClusterRecord | undefined {
    return this.#clusters.find(
      (cluster) =>
        cluster.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() &&
        cluster.resourceGroup.toLowerCase() === resourceGroup.toLowerCase() &&
        cluster.name.toLowerCase() === name.toLowerCase(),
    );
  }

  /** @internal The subscriptions the emulator serves: the default one and every cluster's. */
  subscriptionIds(): string[] {
    const ids = [this.defaultSubscriptionId, ...this.#clusters.map((cluster) => cluster.subscriptionId)];
    return ids.filter(
      (id, index) => ids.findIndex((other) => other.toLowerCase() === id.toLowerCase()) === index,
    );
  }

  /** @internal */
  hasSubscription(subscriptionId: string): boolean {
    return this.subscriptionIds().some((id) => id.toLowerCase() === subscriptionId.toLowerCase());
  }

  /** @internal */
  hasResourceGroup(subscriptionId: string, resourceGroup: string): boolean {
    return this.#clusters.some(
      (cluster) =>
        cluster.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() &&
        cluster.resourceGroup.toLowerCase() === resourceGroup.toLowerCase(),
    );
  }

  /** @internal */
  get clusters(): readonly ClusterRecord[] {
    return this.#clusters;
  }

  /** @internal */
  findOperation(id: string): EmulatorOperation | undefined {
    this.settle();
    return this.#operations.find((operation) => operation.id.toLowerCase() === id.toLowerCase());
  }

  /** @internal Makes the next operation on a pool end as planned (a fault). */
  planNextOperation(cluster: ClusterRecord, pool: string, outcome: PlannedOutcome): void {
    const key = poolKey(cluster, pool);
    this.#planned.set(key, [...(this.#planned.get(key) ?? []), outcome]);
  }

  /** @internal Starts an operation on a pool and marks the pool busy with `kind`. */
  startOperation(
    cluster: ClusterRecord,
    record: PoolRecord,
    kind: string,
    durationInMs: number,
    foreign = false,
  ) {
    const now = this.#clock.now();
    const planned = this.#planned.get(poolKey(cluster, record.name))?.shift();
    const operation = newOperation(cluster, {
      pool: record.name,
      scope: 'pool',
      kind,
      startedAt: now,
      plannedStatus: planned && planned.status !== 'never' ? planned.status : 'Succeeded',
      foreign,
    });
    if (planned?.status !== 'never') operation.endsAt = now + Math.max(0, durationInMs);
    if (planned?.error) operation.error = planned.error;
    this.#operations.push(operation);
    record.operationId = operation.id;
    record.provisioningState = kind;
    this.maxInFlightObserved = Math.max(this.maxInFlightObserved, this.#running());
    return operation;
  }

  startClusterOperation(options: ClusterOperationOptions = {}): EmulatorOperation {
    this.settle();
    const first = this.#clusters[0];
    const cluster =
      options.cluster === undefined
        ? first
        : this.findCluster(
            options.subscriptionId ?? first?.subscriptionId ?? '',
            options.resourceGroup ?? first?.resourceGroup ?? '',
            options.cluster,
          );
    if (!cluster) throw new Error(`The emulator has no cluster '${options.cluster ?? ''}'.`);
    const now = this.#clock.now();
    const operation = newOperation(cluster, {
      pool: '',
      scope: 'cluster',
      kind: options.kind ?? 'Updating',
      startedAt: now,
      plannedStatus: 'Succeeded',
      foreign: true,
    });
    if (options.durationInMs !== undefined) operation.endsAt = now + Math.max(0, options.durationInMs);
    this.#operations.push(operation);
    cluster.operationId = operation.id;
    return operation;
  }

  /** @internal The cluster-level operation running on a cluster, if any. */
  clusterOperation(cluster: ClusterRecord): EmulatorOperation | undefined {
    if (!cluster.operationId) return undefined;
    return this.findOperation(cluster.operationId);
  }

  #running(): number {
    return this.#operations.filter((candidate) => candidate.status === 'InProgress' && !candidate.foreign)
      .length;
  }

  /** @internal Records a PUT's write. */
  recordWrite(entry: Omit<PoolWriteRecord, 'at'>): void {
    this.history.push({ at: this.#clock.now(), ...cloneJson(entry) });
  }

  #end(operation: EmulatorOperation, at: number): void {
    operation.status = operation.plannedStatus;
    operation.endedAt = at;
    if (operation.status !== 'Succeeded' && !operation.error) {
      operation.error = { code: operation.status, message: `The operation ended ${operation.status}.` };
    }
    endOnRecords(
      this.findCluster(operation.subscriptionId, operation.resourceGroup, operation.clusterName),
      operation,
    );
  }

  #require(cluster: ClusterRecord, pool: string): PoolRecord {
    const record = cluster.pools.get(pool);
    if (!record) throw new Error(`The emulator has no pool '${pool}' in cluster '${cluster.name}'.`);
    return record;
  }

  #locate(args: string[]): Locator {
    return locateCluster(this.#clusters, args, (subscriptionId, resourceGroup, name) =>
      this.findCluster(subscriptionId, resourceGroup, name),
    );
  }
}
