/**
 * The managed cluster a pool belongs to.
 *
 * @example
 * ```ts
 * const cluster: ClusterRef = { subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroup: 'rg', clusterName: 'aks' };
 * ```
 */
export interface ClusterRef {
  /** Azure subscription id (a UUID). */
  subscriptionId: string;
  /** The resource group that holds the managed cluster. */
  resourceGroup: string;
  /** The managed cluster's name. */
  clusterName: string;
}

/** An AKS agent pool as read from Azure Resource Manager, flattened to what scaling needs. */
export interface NodePool {
  /** The cluster the pool belongs to. */
  cluster: ClusterRef;
  /** The pool's name (`^[a-z][a-z0-9]{0,11}$`). */
  name: string;
  /** The pool's node count as ARM reports it (already the new count while a scale runs). */
  count: number;
  /** `System`, `User`, or another mode ARM may add. */
  mode: 'System' | 'User' | (string & {});
  /** Whether the cluster autoscaler owns this pool's count. */
  enableAutoScaling: boolean;
  /** The autoscaler's lower bound, when autoscaling is enabled. */
  minCount?: number | undefined;
  /** The autoscaler's upper bound, when autoscaling is enabled. */
  maxCount?: number | undefined;
  /** Whether the pool's nodes are running or the pool is stopped. */
  powerState: PowerState;
  /** ARM's provisioning state; `Succeeded`, `Failed` and `Canceled` are terminal, anything else is in progress. */
  provisioningState: string;
  /** The VM size of the pool's nodes. */
  vmSize?: string | undefined;
  /** The optimistic-concurrency tag sent back as `If-Match` on writes. */
  eTag?: string | undefined;
  /**
   * How the pool's nodes are provisioned (ARM's `properties.type`): `VirtualMachineScaleSets` (the default, and what
   * ARM means when it sends none), `VirtualMachines`, or `AvailabilitySet`.
   */
  type?: 'VirtualMachineScaleSets' | 'VirtualMachines' | 'AvailabilitySet' | (string & {}) | undefined;
  /**
   * The fixed sizes of a `VirtualMachines` pool (`virtualMachinesProfile.scale.manual`: up to five VM sizes, each with
   * its node count); `count` is their sum. Absent for other pool types.
   */
  manualScaleProfiles?: readonly ManualScaleProfile[] | undefined;
  /**
   * The pool's Azure tags (ARM's `properties.tags`), as read; absent when it has none. Policies may read them (the
   * overrides of `@aks-scaler/policies` do); `NodePoolClient.updateTags` changes them.
   */
  tags?: Readonly<Record<string, string>> | undefined;
}

/** One VM size of a `VirtualMachines` pool with its node count. */
export interface ManualScaleProfile {
  /** The VM size, e.g. `Standard_D4s_v5`. */
  size: string;
  /** The number of nodes of that size. */
  count: number;
}

/** A managed cluster as read from Azure Resource Manager, flattened to what the scaler needs. */
export interface ManagedCluster {
  /** The cluster's reference (as asked for). */
  cluster: ClusterRef;
  /** The Azure region the cluster runs in, as ARM spells it (e.g. `westeurope`). */
  location: string;
  /** The cluster's Azure tags (empty when it has none). */
  tags: Record<string, string>;
  /** ARM's provisioning state of the cluster, e.g. `Succeeded` or `Upgrading`. */
  provisioningState?: string | undefined;
  /** Whether the cluster is running or stopped. */
  powerState?: 'Running' | 'Stopped' | undefined;
  /** The Kubernetes version the control plane runs (ARM's `currentKubernetesVersion`, else `kubernetesVersion`). */
  kubernetesVersion?: string | undefined;
  /** The cluster's OIDC issuer URL, when the issuer is enabled (what Workload Identity federates with). */
  oidcIssuerUrl?: string | undefined;
}

/**
 * Where to list managed clusters: a whole subscription, or one of its resource groups.
 *
 * @example
 * ```ts
 * const scope: ClusterListScope = { subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroup: 'rg-shop' };
 * ```
 */
export interface ClusterListScope {
  /** Azure subscription id (a UUID). */
  subscriptionId: string;
  /** Only the clusters of this resource group; without it, every cluster of the subscription. */
  resourceGroup?: string | undefined;
}

/** What a policy sees when it is asked for decisions. */
export interface PolicyContext {
  /** The instant to decide for. Policies never read the wall clock themselves. */
  now: Date;
  /** The cluster being reconciled. */
  cluster: ClusterRef;
  /** The cluster's pools as just read from ARM. */
  pools: readonly NodePool[];
  /** Aborted when the reconcile is cancelled; sources that do I/O must honour it. */
  abortSignal?: AbortSignal | undefined;
  /**
   * What an operation taking `pool` from `from` to `to` nodes is expected to take, in milliseconds: learned from
   * the pool's last operations in that direction (the median of the last five, or a per-node line when they were
   * of different sizes), else 10 minutes; a start when the pool is stopped and `to > 0`; `0` when `from === to`.
   * `reconcile` always gives it; a context built elsewhere (a test, a preview) may not, and a policy that needs it
   * then uses its own documented default (a schedule's `leadTime: auto` takes 10 minutes).
   *
   * @example
   * ```ts
   * const leadInMs = ctx.expectedOperationInMs?.('manualpool2', 2, 10) ?? 600_000;
   * ```
   */
  expectedOperationInMs?: ((pool: string, from: number, to: number) => number) | undefined;
  /**
   * How often the policy is evaluated when it runs in a loop (the pod's `SCALER_INTERVAL`), in milliseconds;
   * absent for a single run. A policy that starts work early uses it as its margin: the evaluation before the last
   * moment to start may come up to one interval before it (a schedule's `leadTime: auto` adds it).
   */
  evaluationIntervalInMs?: number | undefined;
  /**
   * Tells the operator something while the policy decides (an override in force, an override that expired, a tag
   * that is ignored): `reconcile` turns each notice into a `notice` event (so the pod logs it and its sinks see it)
   * and lists it in the plan and the report. Absent when nobody listens (e.g. a policy evaluated on its own):
   * call it as `ctx.notify?.(notice)`. Combinators pass it on with the rest of the context.
   */
  notify?: ((notice: PolicyNotice) => void) | undefined;
}

/**
 * Something a policy tells the operator while it decides, through {@link PolicyContext.notify}.
 *
 * @example
 * ```ts
 * ctx.notify?.({
 *   level: 'warning',
 *   code: 'override-expired',
 *   pool: 'manualpool2',
 *   message: 'override for manualpool2 expired at 2026-12-05T17:00:00Z; remove it',
 * });
 * ```
 */
export interface PolicyNotice {
  /** `info` for what is as meant (an override in force), `warning` for what someone should fix. */
  level: 'info' | 'warning';
  /**
   * A stable kebab-case name of what happened, for sinks to tell notices apart (the overrides of
   * `@aks-scaler/policies` use `override-active`, `override-expired` and `override-ignored`).
   */
  code: string;
  /** The pool it is about, when it is about one. */
  pool?: string | undefined;
  /** What happened and what to do about it, in words an operator reads. */
  message: string;
  /** Plain-JSON details for sinks (an override's `target`, `until`, `reason` and `source`, say). */
  details?: Readonly<Record<string, string | number | boolean>> | undefined;
}

/** A pool's power state: its nodes run, or the pool is stopped (no nodes, nothing billed for VMs). */
export type PowerState = 'Running' | 'Stopped';

/** The cluster autoscaler's range of a pool: its lower and upper node count. */
export interface AutoscalerBounds {
  /** The autoscaler's lower bound. */
  minCount: number;
  /** The autoscaler's upper bound. */
  maxCount: number;
}

/**
 * A temporary, human decision about a pool that beats the policy until `until` (config `overrides`, or the
 * `aks-scaler-override` tags of the agent pool).
 */
export interface DecisionOverride {
  /** Where it comes from: the config's `overrides`, or the agent pool's tags. */
  source: 'config' | 'tag';
  /** When it ends: an ISO 8601 instant with `Z` or an offset. */
  until: string;
  /** Why, in the operator's words. */
  reason?: string | undefined;
  /**
   * Write nothing to the pool while the override lasts: the plan skips it (`paused until <until> (<reason>)`).
   * @default false
   */
  pause?: boolean | undefined;
}

/**
 * A policy's wish for one pool. Pools a policy does not name are pools it has no opinion on.
 *
 * A decision has a target: a `count`, or `power: 'Stopped'`, or an `autoscaler` range. `power: 'Running'` with a
 * `count` starts a stopped pool and then scales it (two writes, start first); `power: 'Running'` alone starts it
 * with the nodes it had.
 *
 * @example
 * ```ts
 * const decisions: PoolDecision[] = [
 *   { pool: 'manualpool2', count: 5, reason: 'business hours' },
 *   { pool: 'batch', power: 'Stopped', reason: 'night' },
 *   { pool: 'web', autoscaler: { minCount: 2, maxCount: 10 }, reason: 'weekday range' },
 *   { pool: 'gpu', power: 'Running', count: 3, reason: 'training window' },
 * ];
 * ```
 */
export interface PoolDecision {
  /** The pool's name. */
  pool: string;
  /** Why, in words an operator reads in logs and `plan` output. */
  reason: string;
  /** The desired node count (0..1000; System pools at least 1). */
  count?: number | undefined;
  /**
   * The desired power state. `Stopped` stops the pool (its count is left as it is; AKS shows 0 nodes while it is
   * stopped); `Running` with a `count` starts a stopped pool whatever the cluster's `stoppedPools` option says.
   * System pools are never stopped.
   */
  power?: PowerState | undefined;
  /**
   * The cluster-autoscaler range of a pool that has the autoscaler on: both bounds are written. A pool without the
   * autoscaler is skipped with a reason.
   */
  autoscaler?: AutoscalerBounds | undefined;
  /**
   * With a `count`, for autoscaler-enabled pools reconciled with `autoscalerPools: 'bounds'`: the lower bound.
   * @default count
   */
  minCount?: number | undefined;
  /**
   * With a `count`, for autoscaler-enabled pools reconciled with `autoscalerPools: 'bounds'`: the upper bound.
   * @default the larger of the lower bound and the pool's current `maxCount`
   */
  maxCount?: number | undefined;
  /** The override this decision comes from, when a human override beats the policy. */
  override?: DecisionOverride | undefined;
}

/**
 * Decides the desired node counts. A policy decides; it never calls Azure, sleeps, or clamps to Azure's limits.
 *
 * @example
 * ```ts
 * const nightly: Policy = {
 *   name: 'nightly',
 *   evaluate: ({ now }) => [{ pool: 'batch', count: now.getUTCHours() < 6 ? 10 : 0, reason: 'night batch window' }],
 * };
 * ```
 */
export interface Policy {
  /** A short name used in reasons and logs. */
  readonly name: string;
  /** Returns decisions for the pools this policy has an opinion on. */
  evaluate(ctx: PolicyContext): PoolDecision[] | Promise<PoolDecision[]>;
}

/** Provisioning states after which a pool may be written again. */
export const TERMINAL_PROVISIONING_STATES: readonly string[] = ['Succeeded', 'Failed', 'Canceled'];

/** Whether ARM considers a provisioning state finished (`Succeeded`, `Failed` or `Canceled`, case-insensitive). */
export function isTerminalProvisioningState(state: string | undefined): boolean {
  if (state === undefined || state === '') return true;
  if (typeof state !== 'string') return false; // not a state ARM defines: never treat it as idle
  const lower = state.toLowerCase();
  return TERMINAL_PROVISIONING_STATES.some((s) => s.toLowerCase() === lower);
}
