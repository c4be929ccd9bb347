import type { IgnoredDecision, PlanOperation } from './plan.js';
import type { AutoscalerBounds, ClusterRef, DecisionOverride, PolicyNotice, PowerState } from './types.js';

/**
 * What the plan does with a pool. A write names its first operation: `scale` (a new node count), `start` (a stopped
 * pool starts, maybe followed by a scale or a range: see `operations`), `stop`, `bounds` (the autoscaler's range).
 * Otherwise `none` (already there) or `skip` (not allowed, not safe, or paused).
 */
export type PlanAction = 'scale' | 'start' | 'stop' | 'bounds' | 'none' | 'skip';

/** How a pool's step ended: `planned` is a dry run's outcome. */
export type PoolOutcome = 'succeeded' | 'failed' | 'skipped' | 'planned';

/**
 * The result for one pool in scope: a pool of the cluster ({@link ExistingPoolReport}), or a decision that named
 * a pool the cluster does not have ({@link UnknownPoolReport}, `unknownPool: true`, which claims no count).
 */
export type PoolReport = ExistingPoolReport | UnknownPoolReport;

/** The result for one pool of the cluster that a decision named. */
export interface ExistingPoolReport {
  /** The pool's name. */
  pool: string;
  /** The count before (as read). */
  from: number;
  /** The count the plan asked for (after clamping). */
  to: number;
  /** What the plan did. */
  action: PlanAction;
  /** Why, in words an operator reads. */
  reason: string;
  /** How it ended. */
  outcome: PoolOutcome;
  /** The failure, when `outcome` is `failed`. Redacted: never a token. */
  error?: { code: string; message: string } | undefined;
  /** How long the operation took, when one ran. */
  durationInMs?: number | undefined;
  /** The writes the plan made (or, in a dry run, would make), in order. */
  operations?: PlanOperation[] | undefined;
  /** The autoscaler bounds written (or planned), for autoscaler pools reconciled with `bounds`. */
  bounds?: AutoscalerBounds | undefined;
  /** Whether the step deserves an operator's attention (clamped, autoscaler pool skipped, refused count). */
  warning?: boolean | undefined;
  /** The pool's power state after the step (in a dry run: as planned). */
  power?: PowerState | undefined;
  /** The override the decision came from, when one was active (the status ConfigMap shows it). */
  override?: DecisionOverride | undefined;
  /** Absent: the pool exists. */
  unknownPool?: undefined;
}

/**
 * A decision that named a pool the cluster does not have (with `unknownPools: 'warn'`): skipped with a warning,
 * never written, and without `from` or `to`, so metrics and status never show a count for a pool that is not there.
 */
export interface UnknownPoolReport {
  /** The pool the decision named. */
  pool: string;
  /** Always `skip`. */
  action: 'skip';
  /** Always `skipped`: it never changes `ok`. */
  outcome: 'skipped';
  /** What is missing and the pool it most likely meant (`did you mean 'manualpool2'?`), or the pools there are. */
  reason: string;
  /** Always `true`. */
  warning: true;
  /** The marker: the cluster has no such pool. */
  unknownPool: true;
  /** The existing pool the name most likely meant, when one is close. */
  suggestion?: string | undefined;
  /** Absent: there is no count to report. */
  from?: undefined;
  /** Absent: there is no count to report. */
  to?: undefined;
  /** Absent. */
  error?: undefined;
  /** Absent. */
  durationInMs?: undefined;
  /** Absent. */
  operations?: undefined;
  /** Absent. */
  bounds?: undefined;
  /** Absent. */
  power?: undefined;
  /** Absent. */
  override?: undefined;
}

/** The result of one reconcile of one cluster. */
export interface ReconcileReport {
  /** The cluster reconciled. */
  cluster?: ClusterRef | undefined;
  /** The policy's name. */
  policy?: string | undefined;
  /** Decisions that named pools the cluster does not have (never acted on); each is also in `pools`. */
  ignored?: IgnoredDecision[] | undefined;
  /**
   * What the policy told the operator while it decided (`PolicyContext.notify`): overrides in force, expired or
   * ignored. Notices never change `ok`.
   */
  notices?: PolicyNotice[] | undefined;
  /** `true` when every pool in scope converged (or, in a dry run, was planned). */
  ok: boolean;
  /**
   * One entry per pool in scope: each pool of the cluster a decision named, in the cluster's order, then one
   * `unknownPool` entry per decision that named a pool the cluster does not have.
   */
  pools: PoolReport[];
  /** Whether nothing was written. */
  dryRun: boolean;
  /** When the reconcile started and ended (from the injected clock). */
  startedAt: Date;
  /** When the reconcile ended. */
  finishedAt: Date;
}

/** The result for one cluster of a fleet reconcile. */
export interface FleetClusterReport {
  /** The cluster. */
  cluster: ClusterRef;
  /** The cluster's report, when its pools could be read and its policy evaluated. */
  report?: ReconcileReport | undefined;
  /** Why the cluster could not be reconciled at all (redacted). */
  error?: { code: string; message: string } | undefined;
  /**
   * With `error`: where it happened, `read` (its pools could not be read from ARM) or `evaluate` (its policy
   * failed after the pools were read).
   */
  stage?: 'read' | 'evaluate' | undefined;
}

/** The result of {@link reconcileFleet}: one entry per target, in the order given. */
export interface FleetReport {
  /** `true` when every cluster's report is ok. */
  ok: boolean;
  /** One entry per target. */
  clusters: FleetClusterReport[];
  /** Whether nothing was written. */
  dryRun: boolean;
  /** When the fleet reconcile started (from the injected clock). */
  startedAt: Date;
  /** When it ended. */
  finishedAt: Date;
}
