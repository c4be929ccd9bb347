import type { Policy } from '@aks-scaler/core';
import { createStaticPolicy, type StaticPolicyOptions } from './node-pools-amount-policy.js';
import { type PoolTarget, poolTargets } from './pool-target.js';
import { validateWith } from './validation.js';

export {
  createStaticPolicy,
  fromNodePoolsAmount,
  type StaticPolicyOptions,
} from './node-pools-amount-policy.js';

/**
 * A policy that always asks for the same targets: a node count, `'stop'` or an autoscaler range `{ min, max }` per
 * pool. Targets are validated at construction (pool names `^[a-z][a-z0-9]{0,11}$`, counts 0..1000, ranges with
 * min <= max); a bad map throws a `ConfigError` listing every problem.
 *
 * @example
 * ```ts
 * const policy = staticPolicy({ manualpool2: 5, batch: 'stop', web: { min: 2, max: 10 } });
 * // evaluate() -> [{ pool: 'manualpool2', count: 5, reason: 'static manualpool2=5' },
 * //   { pool: 'batch', power: 'Stopped', reason: 'static batch=stop' },
 * //   { pool: 'web', autoscaler: { minCount: 2, maxCount: 10 }, reason: 'static web=2..10' }]
 * ```
 */
export function staticPolicy(targets: Record<string, PoolTarget>, options: StaticPolicyOptions = {}): Policy {
  const source = options.source ?? 'static';
  return createStaticPolicy(
    validateWith(poolTargets, targets, { title: 'Invalid pool counts', path: source }),
    source,
  );
}
