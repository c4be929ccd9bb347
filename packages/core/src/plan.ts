import { autoscalerBounds, autoscalerModeFor, clamp } from './plan-rules.js';
import type { PlanAction } from './report.js';
import {
  type AutoscalerBounds,
  isTerminalProvisioningState,
  type NodePool,
  type PoolDecision,
  type PowerState,
} from './types.js';
import { closestPoolName, unknownPoolReason } from './unknown-pools.js';
import { virtualMachinesRefusal } from './virtual-machines-pools.js';

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
   * Stop a running, manually scaled `User` pool instead of scaling it to zero.
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
  /** The decision's count after clamping to what the pool's mode allows. */
  to: number;
  /** `scale` when something is written, `none` when the pool is already there, `skip` when it is left alone. */
  action: PlanAction;
  /** The writes, in order; empty unless `action` is `scale`. */
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
 * When several decisions name one pool, the largest count wins.
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
  const byPool = new Map<string, PoolDecision>();
  for (const decision of decisions) {
    const previous = byPool.get(decision.pool);
    if (!previous || (decision.count ?? -1) > (previous.count ?? -1)) byPool.set(decision.pool, decision);
  }
  const steps: PlanStep[] = [];
  let changes = 0;
  const present = new Set<string>();
  for (const pool of pools) {
    present.add(pool.name);
    const decision = byPool.get(pool.name);
    if (!decision) continue;
    const step = planPool(pool, decision, options);
    if (step.action === 'scale') changes++;
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

/** Plans one pool against one decision (see {@link planReconcile}). */
export function planPool(pool: NodePool, decision: PoolDecision, options: PlanOptions = {}): PlanStep {
  const notes: string[] = [decision.reason];
  const busy = !isTerminalProvisioningState(pool.provisioningState);
  const base = { pool: pool.name, current: pool, decision, from: pool.count, power: pool.powerState };
  const finish = (
    action: PlanAction,
    to: number,
    operations: PlanOperation[],
    warning: boolean,
    bounds?: AutoscalerBounds,
  ): PlanStep => {
    if (busy) {
      notes.push(
        `the pool is ${pool.provisioningState}: reconcile waits for it to finish and plans again before writing`,
      );
    }
    const step: PlanStep = {
      ...base,
      to,
      action,
      operations,
      reason: notes.join('; '),
      warning,
      waitFirst: busy,
    };
    if (bounds) step.bounds = bounds;
    return step;
  };
  /** A skip whose reason holds whatever the pool's current operation does: reported at once, never waited for. */
  const refuse = (to: number, note: string): PlanStep => {
    notes.push(note);
    return {
      ...base,
      to,
      action: 'skip',
      operations: [],
      reason: notes.join('; '),
      warning: true,
      waitFirst: false,
    };
  };

  if (!Number.isInteger(decision.count)) {
    return refuse(
      pool.count,
      `refused: the count ${String(decision.count)} is not an integer; the pool is left alone`,
    );
  }
  let warning = false;
  const clampNotes: string[] = [];
  const to = clamp(decision.count as number, pool.mode, clampNotes);
  if (clampNotes.length > 0) {
    warning = true;
    notes.push(...clampNotes);
  }
  const unscalable = virtualMachinesRefusal(pool, autoscalerModeFor(pool.name, options.autoscalerPools));
  if (unscalable) return refuse(to, unscalable);
  const stopped = pool.powerState === 'Stopped';

  if (pool.enableAutoScaling) {
    if (autoscalerModeFor(pool.name, options.autoscalerPools) === 'skip') {
      return refuse(
        to,
        "skipped: the cluster autoscaler owns this pool's count (choose autoscalerPools 'bounds' to set its min/max instead)",
      );
    }
    const bounds = autoscalerBounds(pool, decision, to, notes);
    const operations: PlanOperation[] = [];
    if (stopped) {
      if (!options.startStoppedPools) {
        notes.push('skipped: the pool is stopped (enable startStoppedPools to start it)');
        return finish('skip', to, [], true);
      }
      operations.push('start');
    }
    if (bounds.minCount !== pool.minCount || bounds.maxCount !== pool.maxCount) operations.push('bounds');
    if (operations.length === 0) {
      notes.push(`autoscaler bounds already ${bounds.minCount}..${bounds.maxCount}`);
      return finish('none', to, [], warning, bounds);
    }
    notes.push(
      operations.includes('bounds')
        ? `set autoscaler bounds ${pool.minCount ?? '?'}..${pool.maxCount ?? '?'} -> ${bounds.minCount}..${bounds.maxCount}`
        : `autoscaler bounds already ${bounds.minCount}..${bounds.maxCount}`,
    );
    if (stopped) notes.push('start the stopped pool');
    return finish('scale', to, operations, warning, bounds);
  }

  if (stopped) {
    if (to === 0) {
      notes.push('the pool is stopped, which already runs no nodes');
      return finish('none', to, [], warning);
    }
    if (!options.startStoppedPools) {
      notes.push(`skipped: the pool is stopped (enable startStoppedPools to start it and scale to ${to})`);
      return finish('skip', to, [], true);
    }
    notes.push(pool.count === to ? 'start the stopped pool' : `start the stopped pool, then scale to ${to}`);
    return finish('scale', to, pool.count === to ? ['start'] : ['start', 'scale'], warning);
  }

  if (to === 0 && options.stopAtZero && pool.mode === 'User' && pool.count > 0) {
    notes.push(`stop the pool instead of scaling ${pool.count} -> 0 (stopAtZero)`);
    return finish('scale', 0, ['stop'], warning);
  }
  if (to === pool.count) {
    notes.push(`already at ${to}`);
    return finish('none', to, [], warning);
  }
  notes.push(`scale ${pool.count} -> ${to}`);
  return finish('scale', to, ['scale'], warning);
}
