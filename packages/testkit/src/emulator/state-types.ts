import type { EmulatorOperation, OperationStatus } from './operations.js';
import type { EmulatorPoolSpec, ManualScaleProfile } from './types.js';

/** A pool as the emulator holds it, flattened for assertions. */
export interface EmulatorPoolSnapshot {
  /** The subscription of the pool's cluster. */
  subscriptionId: string;
  /** The resource group of the pool's cluster. */
  resourceGroup: string;
  /** The cluster's name. */
  clusterName: string;
  /** The pool's name. */
  name: string;
  /** The current eTag, a quoted GUID. */
  eTag: string;
  /**
   * The node count (already the new one while a scale runs): 0 while the pool is stopped; for a `VirtualMachines`
   * pool the sum of its `manualScale` counts.
   */
  count: number;
  /**
   * The sizes and counts of a `VirtualMachines` pool (`properties.virtualMachinesProfile.scale.manual`; the pool
   * type is `properties.type`).
   */
  manualScale?: ManualScaleProfile[] | undefined;
  /** The count a stopped pool gets back when it starts. */
  countOnStart?: number | undefined;
  /** `System` or `User`. */
  mode: string;
  /** Whether the cluster autoscaler owns the count. */
  enableAutoScaling: boolean;
  /** The autoscaler's lower bound. */
  minCount?: number | undefined;
  /** The autoscaler's upper bound. */
  maxCount?: number | undefined;
  /** `Running` or `Stopped`. */
  powerState: 'Running' | 'Stopped';
  /** `Succeeded`, `Failed`, `Canceled`, or the state of the running operation (`Scaling`, `Updating`...). */
  provisioningState: string;
  /** The VM size. */
  vmSize?: string | undefined;
  /** Kubernetes labels. */
  nodeLabels?: Record<string, string> | undefined;
  /** Kubernetes taints. */
  nodeTaints?: string[] | undefined;
  /** Azure tags. */
  tags?: Record<string, string> | undefined;
  /** Surge and drain settings. */
  upgradeSettings?: Record<string, unknown> | undefined;
  /** `Delete` or `Deallocate`. */
  scaleDownMode?: string | undefined;
  /** The Kubernetes version of the pool. */
  orchestratorVersion?: string | undefined;
  /** The operation running on the pool, if any. */
  operationId?: string | undefined;
  /** Every stored ARM property (a copy). */
  properties: Record<string, unknown>;
}

/** A managed cluster as the emulator holds it. */
export interface EmulatorClusterSnapshot {
  /** The cluster's subscription. */
  subscriptionId: string;
  /** The cluster's resource group. */
  resourceGroup: string;
  /** The cluster's name. */
  name: string;
  /** The cluster's region. */
  location: string;
  /** The cluster's Kubernetes version. */
  kubernetesVersion: string;
  /** The cluster's Azure tags (a copy). */
  tags: Record<string, string>;
  /** The cluster's ARM id. */
  id: string;
}

/** One pool body written by a PUT, to assert that no setting was lost. */
export interface PoolWriteRecord {
  /** Emulator-clock epoch ms of the write. */
  at: number;
  /** The subscription of the pool's cluster. */
  subscriptionId: string;
  /** The resource group of the pool's cluster. */
  resourceGroup: string;
  /** The cluster's name. */
  clusterName: string;
  /** The pool written. */
  pool: string;
  /** The operation the write started. */
  operationId: string;
  /** `create` for a new pool, `update` otherwise. */
  kind: 'create' | 'update';
  /** Top-level property names the body sent. */
  sentFields: string[];
  /** Properties that had a value before and were reset because the body omitted them. */
  droppedFields: string[];
  /** Stored properties before the write (undefined for a create). */
  before?: Record<string, unknown> | undefined;
  /** Stored properties after the write. */
  after: Record<string, unknown>;
}

/** Where the next operation on a pool ends, set by faults. */
export interface PlannedOutcome {
  /** How it ends; `never` keeps it running. */
  status: 'Failed' | 'Canceled' | 'never';
  /** The error it ends with. */
  error?: { code: string; message: string };
}

/**
 * Inspection and mutation of the emulator's clusters, pools, operations and metrics, for tests. Pool helpers take
 * `(pool)` for the first cluster, `(resourceGroup, cluster, pool)`, or `(subscriptionId, resourceGroup, cluster, pool)`.
 *
 * @example
 * ```ts
 * emulator.state.setPool('manualpool2', { nodeLabels: { team: 'web' } });
 * expect(emulator.state.history.every((write) => write.droppedFields.length === 0)).toBe(true);
 * expect(emulator.state.maxInFlightObserved).toBeLessThanOrEqual(4);
 * ```
 */
export interface EmulatorState {
  /** Every pool body written by a PUT, in order. */
  readonly history: readonly PoolWriteRecord[];
  /** The most PUT-started operations observed running at once (across all pools; foreign ones are not counted). */
  readonly maxInFlightObserved: number;
  /** Every operation so far (finished ones too), after settling those that are due. */
  readonly operations: readonly EmulatorOperation[];
  /** The number of operations started by PUTs that are running now (foreign ones from faults are not counted). */
  inFlight(): number;
  /** A pool's snapshot, or undefined when the cluster has no such pool. */
  getPool(pool: string): EmulatorPoolSnapshot | undefined;
  /** A pool's snapshot in the named cluster. */
  getPool(resourceGroup: string, cluster: string, pool: string): EmulatorPoolSnapshot | undefined;
  /** A pool's snapshot in the named cluster of a subscription. */
  getPool(
    subscriptionId: string,
    resourceGroup: string,
    cluster: string,
    pool: string,
  ): EmulatorPoolSnapshot | undefined;
  /** All pools of the first cluster. */
  listPools(): EmulatorPoolSnapshot[];
  /** All pools of the named cluster. */
  listPools(resourceGroup: string, cluster: string): EmulatorPoolSnapshot[];
  /** All pools of the named cluster of a subscription. */
  listPools(subscriptionId: string, resourceGroup: string, cluster: string): EmulatorPoolSnapshot[];
  /**
   * Changes a pool out of band (no operation), bumping its eTag, as another client would. A change of
   * `powerState` stops or starts it the way AKS does (count 0 while stopped, the count given back at start).
   */
  setPool(pool: string, changes: Partial<EmulatorPoolSpec>): EmulatorPoolSnapshot;
  /** Changes a pool of the named cluster out of band. */
  setPool(
    resourceGroup: string,
    cluster: string,
    pool: string,
    changes: Partial<EmulatorPoolSpec>,
  ): EmulatorPoolSnapshot;
  /** Changes a pool of the named cluster of a subscription out of band. */
  setPool(
    subscriptionId: string,
    resourceGroup: string,
    cluster: string,
    pool: string,
    changes: Partial<EmulatorPoolSpec>,
  ): EmulatorPoolSnapshot;
  /** Adds a pool to the first cluster. */
  addPool(spec: EmulatorPoolSpec): EmulatorPoolSnapshot;
  /** Adds a pool to the named cluster. */
  addPool(resourceGroup: string, cluster: string, spec: EmulatorPoolSpec): EmulatorPoolSnapshot;
  /** Adds a pool to the named cluster of a subscription. */
  addPool(
    subscriptionId: string,
    resourceGroup: string,
    cluster: string,
    spec: EmulatorPoolSpec,
  ): EmulatorPoolSnapshot;
  /** Removes a pool of the first cluster; returns whether it existed. */
  deletePool(pool: string): boolean;
  /** Removes a pool of the named cluster. */
  deletePool(resourceGroup: string, cluster: string, pool: string): boolean;
  /** Removes a pool of the named cluster of a subscription. */
  deletePool(subscriptionId: string, resourceGroup: string, cluster: string, pool: string): boolean;
  /** Every managed cluster, in the order of the options. */
  listClusters(): EmulatorClusterSnapshot[];
  /** Replaces the Azure tags of the first cluster (as `az aks update --tags` would). */
  setClusterTags(tags: Record<string, string>): EmulatorClusterSnapshot;
  /** Replaces the Azure tags of the named cluster. */
  setClusterTags(
    resourceGroup: string,
    cluster: string,
    tags: Record<string, string>,
  ): EmulatorClusterSnapshot;
  /** Replaces the Azure tags of the named cluster of a subscription. */
  setClusterTags(
    subscriptionId: string,
    resourceGroup: string,
    cluster: string,
    tags: Record<string, string>,
  ): EmulatorClusterSnapshot;
  /** Sets the value Azure Monitor reports for `metricName` on `resourceUri` (e.g. the cluster's ARM id). */
  setMetric(
    resourceUri: string,
    metricName: string,
    value: number,
    options?: { unit?: string | undefined },
  ): void;
  /**
   * Starts a cluster-level operation (e.g. a cluster upgrade): while it runs, every agent-pool PUT of that cluster
   * gets 409 `OperationNotAllowed`. Without `durationInMs` it runs until {@link EmulatorState.finishOperation}.
   */
  startClusterOperation(options?: ClusterOperationOptions): EmulatorOperation;
  /** Ends a running operation now (e.g. one a fault made never end), `Succeeded` unless told otherwise. */
  finishOperation(operationId: string, outcome?: OperationOutcome): void;
}

/** How {@link EmulatorState.finishOperation} ends an operation. */
export interface OperationOutcome {
  /** @default 'Succeeded' */
  status?: Exclude<OperationStatus, 'InProgress'> | undefined;
  /** The error of a `Failed` or `Canceled` operation. */
  error?: { code: string; message: string } | undefined;
}

/** Options of {@link EmulatorState.startClusterOperation}. */
export interface ClusterOperationOptions {
  /** @default the first cluster's */
  subscriptionId?: string | undefined;
  /** @default the first cluster's */
  resourceGroup?: string | undefined;
  /** The cluster's name. @default the first cluster */
  cluster?: string | undefined;
  /** The cluster's provisioning state while it runs. @default 'Updating' */
  kind?: string | undefined;
  /** How long it runs by the emulator clock. @default until finished by the test */
  durationInMs?: number | undefined;
}
