/** What the plan does with a pool: change it, leave it (already there), or skip it (not allowed or not safe). */
export type PlanAction = 'scale' | 'none' | 'skip';

/** How a pool's step ended: `planned` is a dry run's outcome. */
export type PoolOutcome = 'succeeded' | 'failed' | 'skipped' | 'planned';

/** The result for one pool in scope. */
export interface PoolReport {
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
  error?: { code: string; message: string };
  /** How long the operation took, when one ran. */
  durationInMs?: number;
}

/** The result of one reconcile of one cluster. */
export interface ReconcileReport {
  /** `true` when every pool in scope converged (or, in a dry run, was planned). */
  ok: boolean;
  /** One entry per pool in scope (named by a decision and present in the cluster). */
  pools: PoolReport[];
  /** Whether nothing was written. */
  dryRun: boolean;
  /** When the reconcile started and ended (from the injected clock). */
  startedAt: Date;
  /** When the reconcile ended. */
  finishedAt: Date;
}
