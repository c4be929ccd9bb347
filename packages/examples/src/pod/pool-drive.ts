import type { AutoscalerBounds, PlanAction, PowerState } from '@aks-scaler/core';

/**
 * What a step asks of a pool's nodes, as the desired-nodes metric and `status.json`'s `desired` show it: `count`
 * (the scaler drives the node count), `stop` (the pool is stopped, or kept stopped: no nodes), `range` (the scaler
 * sets the autoscaler's range and the autoscaler the count) or `false` (a skip: the pool is left to others).
 */
export type PoolDrive = 'count' | 'stop' | 'range' | false;

/** The fields of a plan step (or its report entry) that say what it asks of the pool. */
export interface DrivenStep {
  action: PlanAction;
  bounds?: AutoscalerBounds | undefined;
  power?: PowerState | undefined;
}

/**
 * What a step asks of its pool's nodes (see {@link PoolDrive}).
 *
 * @example
 * ```ts
 * driveOf({ action: 'stop', power: 'Stopped' }); // 'stop'
 * driveOf({ action: 'bounds', bounds: { minCount: 2, maxCount: 10 } }); // 'range'
 * ```
 */
export function driveOf(step: DrivenStep): PoolDrive {
  if (step.action === 'skip') return false;
  if (step.bounds !== undefined) return 'range';
  if (step.power === 'Stopped' && (step.action === 'stop' || step.action === 'none')) return 'stop';
  return 'count';
}
