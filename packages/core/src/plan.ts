import { combineDecisions } from './common/decision-targets.js';
import { stepBuilder } from './plan-step.js';
import { decisionProblem, planCount, planRange, planStart, planStop } from './plan-targets.js';
import type { PlanAction } from './report.js';
import type { AutoscalerBounds, NodePool, PoolDecision, PowerState } from './types.js';
import { closestPoolName, unknownPoolReason } from './unknown-pools.js';

export type { AutoscalerBounds } from './types.js';

/** How an autoscaler-enabled pool is treated: left alone (`skip`) or given the decision as its bounds (`bounds`). */
export type AutoscalerPoolMode = 'skip' | 'bounds';

/** What a count for a stopped pool does: nothing (`skip`) or start the pool, then scale it (`start`). */
export type StoppedPoolMode = 'skip' | 'start';

/** Options that change what a plan does with autoscaler, stopped and scale-to-zero pools. */
export interface PlanOptions {
  /**
   * Autoscaler-enabled pools: their `count` is never changed. `skip` leaves them alone (the step carries a
   * warning); `bounds` writes the decision as `minCount` / `maxCount`. A record chooses per pool; pools it does
   * not name are skipped.
   * @default 'skip'
   */
  autoscalerPools?: AutoscalerPoolMode | Readonly<Record<string, AutoscalerPoolMode>> | undefined;
  /**
   * A count (or an autoscaler range) for a stopped pool: `skip` leaves the pool stopped (the step carries a warning);
   * `start` starts it, then scales it (or sets its range) in the same step. A decision with `power: 'Running'` starts
   * the pool whatever this says.
   * @default 'skip' (or 'start' when the older `startStoppedPools` is true)
   */
  stoppedPools?: StoppedPoolMode | undefined;
  /**
   * The older form of `stoppedPools: 'start'`; ignored when `stoppedPools` is given.
   * @default false
   */
  startStoppedPools?: boolean | undefined;
  /**
   * Stop a running, manually scaled `User` pool instead of scaling it to zero (unless the decision asks for
   * `power: 'Running'`, which keeps it running).
   * @default false
   */
  stopAtZero?: boolean | undefined;
}

/** One write a step performs, in order. */
export type PlanOperation = 'start' | 'scale' | 'bounds' | 'stop';

/** What the plan does with one pool that a decision names and the cluster has. */
export interface PlanStep {
  /** The pool's name. */
  pool: string;
  /** The pool as read. */
  current: NodePool;
  /** The decision the step comes from. */
  decision: PoolDecision;
  /** The count as read. */
  from: number;
  /**
   * The node count once the step is done: the decision's count after clamping to what the pool's mode allows; 0 for
   * a stop; the count as read for a range (the autoscaler keeps the count) or a start alone (the pool gets back the
   * nodes it had, which ARM shows once it runs).
   */
  to: number;
  /**
   * A write names its first operation (`scale`, `start`, `stop`, `bounds`; see `operations`); `none` when the pool
   * is already there, `skip` when it is left alone.
   */
  action: PlanAction;
  /** The writes, in order; empty for `none` and `skip`. A start comes first, then a scale or a range. */
  operations: PlanOperation[];
  /** The bounds a `bounds` operation writes. */
  bounds?: AutoscalerBounds | undefined;
  /** The pool's power state once the step is done. */
  power: PowerState;
  /** Why, in words an operator reads: the decision's reason plus what planning changed or refused. */
  reason: string;
  /** Whether the step deserves an operator's attention (a clamp, an autoscaler pool skipped, a refused count). */
  warning: boolean;
  /**
   * The pool is busy (non-terminal `provisioningState`) and the step may write once it is not: reconcile waits for
   * it and plans again before writing. A skip whose reason does not depend on the pool being busy (an autoscaler
   * pool left alone, a refused decision) is never waited for.
   */
  waitFirst: boolean;
}

/** A decision that names a pool the cluster does not have; it is never acted on. */
export interface IgnoredDecision {
  /** The pool the decision names. */
  pool: string;
  /** Why it is ignored, naming the pool it most likely meant (`did you mean 'manualpool2'?`). */
  reason: string;
  /** The existing pool the name most likely meant (a close misspelling), if any. */
  suggestion?: string | undefined;
}

/** The result of {@link planReconcile}. */
export interface Plan {
  /** One step per pool that a decision names and the cluster has, in the order of the cluster's pools. */
  steps: PlanStep[];
  /** Decisions that name pools absent from the cluster. */
  ignored: IgnoredDecision[];
  /** How many steps write something. */
  changes: number;
}

/**
 * Plans what reconcile would do, as a pure function of the pools as read and the policy's decisions.
 * Pools not named by a decision are not in the plan; decisions naming absent pools are listed in `ignored`.
 * When several decisions name one pool they are combined by the capacity they ask for, like `maxOf`: a paused
 * override wins, Running beats Stopped, the larger count, each autoscaler bound's larger value.
 *
 * @example
 * ```ts
 * const plan = planReconcile(pools, [{ pool: 'manualpool2', count: 5, reason: 'business hours' }]);
 * for (const step of plan.steps) console.log(step.pool, step.from, '->', step.to, step.action, step.reason);
 * ```
 */
export function planReconcile(
  pools: readonly NodePool[],
  decisions: readonly PoolDecision[],
  options: PlanOptions = {},
): Plan {
  const byPool = new Map<string, PoolDecision[]>();
  for (const decision of decisions) {
    const list = byPool.get(decision.pool);
    if (list) list.push(decision);
    else byPool.set(decision.pool, [decision]);
  }
  const steps: PlanStep[] = [];
  let changes = 0;
  const present = new Set<string>();
  for (const pool of pools) {
    present.add(pool.name);
    const candidates = byPool.get(pool.name);
    if (!candidates) continue;
    const decision =
      candidates.length === 1
        ? (candidates[0] as PoolDecision)
        : combineDecisions(candidates, 'more', pool.enableAutoScaling).decision;
    const step = planPool(pool, decision, options);
    if (step.operations.length > 0) changes++;
    steps.push(step);
  }
  const ignored: IgnoredDecision[] = [];
  const names = pools.map((p) => p.name);
  for (const name of byPool.keys()) {
    if (present.has(name)) continue;
    const suggestion = closestPoolName(name, names);
    const entry: IgnoredDecision = { pool: name, reason: unknownPoolReason(name, names, suggestion) };
    if (suggestion !== undefined) entry.suggestion = suggestion;
    ignored.push(entry);
  }
  return { steps, ignored, changes };
}

/**
 * Plans one pool against one decision (see {@link planReconcile}). Safety first: a paused override writes nothing;
 * a decision without one clear target, a System pool to stop or a range for a pool without the autoscaler is
 * skipped with the reason; a busy pool is waited for and planned again.
 */
export function planPool(pool: NodePool, decision: PoolDecision, options: PlanOptions = {}): PlanStep {
  const { override } = decision;
  if (override?.pause === true) {
    const why = override.reason ? ` (${override.reason})` : '';
    return stepBuilder(pool, decision, []).refuse(pool.count, `paused until ${override.until}${why}`, false);
  }
  const notes = [decision.reason];
  if (override !== undefined) {
    const text = `override until ${override.until}${override.reason ? ` (${override.reason})` : ''}`;
    if (!decision.reason.includes(text)) notes.unshift(text);
  }
  const builder = stepBuilder(pool, decision, notes);
  const problem = decisionProblem(decision);
  if (problem) return builder.refuse(pool.count, problem);
  if (decision.power === 'Stopped') return planStop(builder);
  if (decision.autoscaler !== undefined) return planRange(builder, options);
  if (decision.count === undefined) return planStart(builder);
  return planCount(builder, options);
}
