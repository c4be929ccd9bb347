import type { Policy, PoolDecision } from '@aks-scaler/core';
import { parseNodePoolsAmount } from './node-pools-amount.js';
import { poolCounts } from './schema-primitives.js';
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

/** {@link staticPolicy} for counts that are already valid (a parsed config, a parsed `NODE_POOLS_AMOUNT`). */
export function createStaticPolicy(counts: Readonly<Record<string, number>>, source: string): Policy {
  const decisions: readonly PoolDecision[] = Object.entries(counts).map(([pool, count]) => ({
    pool,
    count,
    reason: `${source} ${pool}=${count}`,
  }));
  return {
    name: 'static',
    evaluate: () => decisions.map((decision) => ({ ...decision })),
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
