import { combineDecisions } from '@aks-scaler/core/common';
import { decisionFor, type PoolTarget } from './pool-target.js';

/** The nodes a target needs in place: its count, an autoscaler range's lower bound, or 0 for a stop. */
export function nodesOf(target: PoolTarget): number {
  if (target === 'stop') return 0;
  return typeof target === 'object' ? target.min : target;
}

/** Whether two targets ask for the same thing. */
export function sameTarget(a: PoolTarget | undefined, b: PoolTarget | undefined): boolean {
  if (typeof a === 'object' && typeof b === 'object') return a.min === b.min && a.max === b.max;
  return a === b;
}

/**
 * What a lead may take early when `next` comes after `current` (`undefined`: no opinion now): the two combined in
 * `maxOf`'s order (Running beats Stopped, the larger count, each autoscaler bound's larger value; counts and ranges
 * together: ranges when the pool has the autoscaler on, counts otherwise), or `undefined` when that asks for no
 * more than `current`. A stop never comes early, nor does a change that leaves fewer nodes in place than
 * `current` does: a scale-down stays on time.
 *
 * @example
 * ```ts
 * raiseTarget('stop', 5); // 5
 * raiseTarget({ min: 2, max: 10 }, { min: 1, max: 20 }); // { min: 2, max: 20 }
 * raiseTarget(5, 'stop'); // undefined
 * ```
 */
export function raiseTarget(
  current: PoolTarget | undefined,
  next: PoolTarget,
  autoscaled?: boolean,
): PoolTarget | undefined {
  if (next === 'stop') return undefined;
  if (current === undefined) return next;
  const candidates = [decisionFor('pool', current, 'now'), decisionFor('pool', next, 'next')];
  const { decision } = combineDecisions(candidates, 'more', autoscaled);
  const combined: PoolTarget =
    decision.power === 'Stopped'
      ? 'stop'
      : decision.autoscaler
        ? { min: decision.autoscaler.minCount, max: decision.autoscaler.maxCount }
        : (decision.count as number);
  if (sameTarget(combined, current) || nodesOf(combined) < nodesOf(current)) return undefined;
  return combined;
}
