import type { Policy, PoolDecision } from '@aks-scaler/core';
import { parseNodePoolsAmount } from './node-pools-amount.js';

/** Options of `staticPolicy` and {@link fromNodePoolsAmount}. */
export interface StaticPolicyOptions {
  /**
   * Where the counts come from, shown in reasons (e.g. `NODE_POOLS_AMOUNT`, or the flag that gave them).
   * @default 'static' (`staticPolicy`), 'NODE_POOLS_AMOUNT' (`fromNodePoolsAmount`)
   */
  source?: string | undefined;
}

/** `staticPolicy` for counts that are already valid (a parsed config, a parsed `NODE_POOLS_AMOUNT`). */
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
export function fromNodePoolsAmount(text: string, options: StaticPolicyOptions = {}): Policy {
  return createStaticPolicy(parseNodePoolsAmount(text), options.source ?? 'NODE_POOLS_AMOUNT');
}
