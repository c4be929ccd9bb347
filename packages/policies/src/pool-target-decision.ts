import type { PoolDecision } from '@aks-scaler/core';

/**
 * What config asks of one pool: a node count (0..1000), `stop` (the pool's power state becomes Stopped; its count
 * is left as it is), or `{ min, max }`: the cluster-autoscaler range of a pool that has the autoscaler on.
 */
export type PoolTarget = number | 'stop' | { min: number; max: number };

/** A target in a few characters, as reasons show it: `5`, `stop`, `2..10`. */
export function describePoolTarget(target: PoolTarget): string {
  if (typeof target === 'object') return `${target.min}..${target.max}`;
  return String(target);
}

/**
 * The decision a target makes for a pool: `{ count }`, `{ power: 'Stopped' }` or `{ autoscaler }`.
 *
 * @example
 * ```ts
 * decisionFor('web', { min: 2, max: 10 }, 'weekday range');
 * // { pool: 'web', autoscaler: { minCount: 2, maxCount: 10 }, reason: 'weekday range' }
 * ```
 */
export function decisionFor(pool: string, target: PoolTarget, reason: string): PoolDecision {
  if (target === 'stop') return { pool, power: 'Stopped', reason };
  if (typeof target === 'object') {
    return { pool, autoscaler: { minCount: target.min, maxCount: target.max }, reason };
  }
  return { pool, count: target, reason };
}
