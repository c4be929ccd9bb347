import type { Policy, PoolDecision } from '@aks-scaler/core';
import { parseNodePoolsAmount } from './node-pools-amount.js';
import { decisionFor, describePoolTarget, type PoolTarget, poolTargets } from './pool-target.js';
import { validateWith } from './validation.js';

/** Options of {@link staticPolicy}. */
export interface StaticPolicyOptions {
  /**
   * Where the counts come from, shown in reasons (e.g. `NODE_POOLS_AMOUNT`).
   * @default 'static'
   */
  source?: string | undefined;
}

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

/** {@link staticPolicy} for targets that are already valid (a parsed config, a parsed `NODE_POOLS_AMOUNT`). */
export function createStaticPolicy(targets: Readonly<Record<string, PoolTarget>>, source: string): Policy {
  const decisions: readonly PoolDecision[] = Object.entries(targets).map(([pool, target]) =>
    decisionFor(pool, target, `${source} ${pool}=${describePoolTarget(target)}`),
  );
  return {
    name: 'static',
    evaluate: () => decisions.map((decision) => structuredClone(decision)),
  };
}

/**
 * The seed workflow's policy: the counts of a `NODE_POOLS_AMOUNT` value (see {@link parseNodePoolsAmount}, which
 * validates them; they are not checked again).
 *
 * @example
 * ```ts
 * const policy = fromNodePoolsAmount(process.env.NODE_POOLS_AMOUNT ?? '');
 * ```
 */
export function fromNodePoolsAmount(text: string): Policy {
  return createStaticPolicy(parseNodePoolsAmount(text), 'NODE_POOLS_AMOUNT');
}
