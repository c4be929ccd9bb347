import type { AutoscalerBounds, NodePool, PlanStep, PoolDecision, PowerState } from '@aks-scaler/core';
import { describeTarget } from '@aks-scaler/core/common';

/** One row of the `plan` table, in words. */
export interface PlanRow {
  /** The pool. */
  pool: string;
  /** Nodes as read, and after the step when they change: `1`, `1 → 5`, `4 → 0`. */
  nodes: string;
  /** The power state as read, and after the step when it changes: `Running`, `Stopped → Running`. */
  power: string;
  /** The autoscaler range as read (`off` without it), and after the step when it changes: `1..4 → 2..10`. */
  autoscaler: string;
  /** `scale`, `start`, `stop`, `bounds`, `none` or `skip`. */
  action: string;
  /** What the decision asks for: `5`, `stop`, `2..10`, `start, 5`. */
  target: string;
  /** Why. */
  reason: string;
}

const range = (bounds: AutoscalerBounds | undefined) =>
  bounds ? `${bounds.minCount}..${bounds.maxCount}` : undefined;
const change = (before: string, after: string | undefined) =>
  after === undefined || after === before ? before : `${before} → ${after}`;

function rangeOf(pool: NodePool): string {
  if (!pool.enableAutoScaling) return 'off';
  return `${pool.minCount ?? '?'}..${pool.maxCount ?? '?'}`;
}

/** The `plan` table's row of a step. */
export function planRow(step: PlanStep): PlanRow {
  const counts = step.operations.includes('scale') || step.operations.includes('stop');
  return {
    pool: step.pool,
    nodes: change(String(step.from), counts ? String(step.to) : undefined),
    power: change(step.current.powerState, step.power),
    autoscaler: change(
      rangeOf(step.current),
      step.operations.includes('bounds') ? range(step.bounds) : undefined,
    ),
    action: step.action,
    target: describeTarget(step.decision),
    reason: step.reason,
  };
}

/** What a decision asks for, without its reason: the fields `plan --json` shows as `decision`. */
function targetFields(decision: PoolDecision): Omit<PoolDecision, 'pool' | 'reason'> {
  const { pool: _, reason: __, ...target } = decision;
  return target;
}

/** A step as `plan --json` shows it: the pool as read, the decision's target, and what the step does. */
export interface PlanStepJson {
  /** The pool. */
  pool: string;
  /** Nodes as read. */
  nodes: number;
  /** The power state as read. */
  power: PowerState;
  /** The autoscaler range as read, `null` when the pool has no autoscaler. */
  autoscaler: AutoscalerBounds | null;
  /** The decision's target in words (`5`, `stop`, `2..10`, `start, 5`). */
  target: string;
  /** The decision's target fields (`count`, `power`, `autoscaler`, `override`). */
  decision: Omit<PoolDecision, 'pool' | 'reason'>;
  /** `scale`, `start`, `stop`, `bounds`, `none` or `skip`. */
  action: PlanStep['action'];
  /** The writes, in order. */
  operations: PlanStep['operations'];
  /** The count as read. */
  from: number;
  /** The count once the step is done. */
  to: number;
  /** The power state once the step is done. */
  powerAfter: PowerState;
  /** The autoscaler range a `bounds` operation writes. */
  bounds?: AutoscalerBounds;
  /** Why, in words. */
  reason: string;
  /** Whether the step deserves an operator's attention. */
  warning: boolean;
  /** Whether the pool is busy and is waited for before it is planned again. */
  waitFirst: boolean;
}

/** The JSON of a step (see {@link PlanStepJson}). */
export function planStepJson(step: PlanStep): PlanStepJson {
  const { current } = step;
  return {
    pool: step.pool,
    nodes: current.count,
    power: current.powerState,
    autoscaler: current.enableAutoScaling
      ? { minCount: current.minCount ?? 0, maxCount: current.maxCount ?? 0 }
      : null,
    target: describeTarget(step.decision),
    decision: targetFields(step.decision),
    action: step.action,
    operations: step.operations,
    from: step.from,
    to: step.to,
    powerAfter: step.power,
    ...(step.bounds && { bounds: step.bounds }),
    reason: step.reason,
    warning: step.warning,
    waitFirst: step.waitFirst,
  };
}
