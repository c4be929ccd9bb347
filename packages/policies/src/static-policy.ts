import type { Policy } from '@aks-scaler/core';
import { createStaticPolicy, type StaticPolicyOptions } from './node-pools-amount-policy.js';
import { poolCounts } from './schema-primitives.js';
import { validateWith } from './validation.js';

export {
  createStaticPolicy,
  fromNodePoolsAmount,
  type StaticPolicyOptions,
} from './node-pools-amount-policy.js';

/**
 * A policy that always asks for the same counts. Counts are validated at construction (pool names
 * `^[a-z][a-z0-9]{0,11}$`, integers 0..1000); a bad map throws a `ConfigError` listing every problem.
 *
 * @example
 * ```ts
 * const policy = staticPolicy({ manualpool2: 5, manualpool3: 5 });
 * // evaluate() -> [{ pool: 'manualpool2', count: 5, reason: 'static manualpool2=5' }, ...]
 * ```
 */
export function staticPolicy(counts: Record<string, number>, options: StaticPolicyOptions = {}): Policy {
  const source = options.source ?? 'static';
  return createStaticPolicy(
    validateWith(poolCounts, counts, { title: 'Invalid pool counts', path: source }),
    source,
  );
}
