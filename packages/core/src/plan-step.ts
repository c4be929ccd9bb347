import type { PlanOperation, PlanStep } from './plan.js';
import type { PlanAction } from './report.js';
import {
  type AutoscalerBounds,
  isTerminalProvisioningState,
  type NodePool,
  type PoolDecision,
} from './types.js';

/** Builds the step of one pool: collects the notes of its reason, then ends as a write, a no-op or a skip. */
export interface StepBuilder {
  /** The pool as read. */
  readonly pool: NodePool;
  /** The decision planned. */
  readonly decision: PoolDecision;
  /** Adds words to the step's reason. */
  note(...texts: string[]): void;
  /** A step that writes `operations`, in order; its action names the first one. */
  write(to: number, operations: PlanOperation[], warning: boolean, bounds?: AutoscalerBounds): PlanStep;
  /**
   * A step that writes nothing now: `none` (already there) or `skip` (left alone for a reason a running operation
   * may change, such as a stopped pool that may be starting). A busy pool is waited for and planned again.
   */
  leave(action: 'none' | 'skip', to: number, warning: boolean, bounds?: AutoscalerBounds): PlanStep;
  /** A skip whose reason holds whatever the pool's current operation does: reported at once, never waited for. */
  refuse(to: number, note: string, warning?: boolean): PlanStep;
}

const ACTION_OF: Record<PlanOperation, PlanAction> = {
  start: 'start',
  stop: 'stop',
  scale: 'scale',
  bounds: 'bounds',
};

/** The builder of one pool's step. */
export function stepBuilder(pool: NodePool, decision: PoolDecision, notes: string[]): StepBuilder {
  const busy = !isTerminalProvisioningState(pool.provisioningState);
  const base = { pool: pool.name, current: pool, decision, from: pool.count };
  const make = (
    action: PlanAction,
    to: number,
    operations: PlanOperation[],
    warning: boolean,
    waitFirst: boolean,
    bounds: AutoscalerBounds | undefined,
  ): PlanStep => {
    const power = operations.includes('stop')
      ? 'Stopped'
      : operations.includes('start')
        ? 'Running'
        : pool.powerState;
    const step: PlanStep = {
      ...base,
      to,
      action,
      operations,
      power,
      reason: notes.join('; '),
      warning,
      waitFirst,
    };
    if (bounds) step.bounds = bounds;
    return step;
  };
  const waiting = () => {
    if (busy) {
      notes.push(
        `the pool is ${pool.provisioningState}: reconcile waits for it to finish and plans again before writing`,
      );
    }
  };
  return {
    pool,
    decision,
    note: (...texts) => notes.push(...texts),
    write(to, operations, warning, bounds) {
      waiting();
      const first = operations[0];
      return make(first ? ACTION_OF[first] : 'none', to, operations, warning, busy, bounds);
    },
    leave(action, to, warning, bounds) {
      waiting();
      return make(action, to, [], warning, busy, bounds);
    },
    refuse(to, note, warning = true) {
      notes.push(note);
      return make('skip', to, [], warning, false, undefined);
    },
  };
}

/** Whether the plan writes something for an action: every action but `none` and `skip`. */
export function isWriteAction(action: PlanAction): boolean {
  return action !== 'none' && action !== 'skip';
}
