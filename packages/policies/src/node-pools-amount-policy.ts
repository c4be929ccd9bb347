import type { Policy, PoolDecision } from '@aks-scaler/core';
import { parseNodePoolsAmount } from './node-pools-amount.js';
import { decisionFor, describePoolTarget, type PoolTarget } from './pool-target-decision.js';

/** Options of `staticPolicy` and {@link fromNodePoolsAmount}. */
export interface StaticPolicyOptions {
  /**
   * Where the targets come from, shown in reasons (e.g. `NODE_POOLS_AMOUNT`, or the flag that gave them).
   * @default 'static' (`staticPolicy`), 'NODE_POOLS_AMOUNT' (`fromNodePoolsAmount`)
   */
  source?: string | undefined;
}

/**
 * `staticPolicy` for targets that are already valid (a parsed config, a parsed `NODE_POOLS_AMOUNT`): a count,
 * `'stop'` or an autoscaler range per pool.
 */
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
 * validates them; they are not checked again). The variable takes counts only, never `stop` or a range.
 *
 * @example
 * ```ts
 * const policy = fromNodePoolsAmount(process.env.NODE_POOLS_AMOUNT ?? '');
 * ```
 */
export function fromNodePoolsAmount(text: string, options: StaticPolicyOptions = {}): Policy {
  return createStaticPolicy(parseNodePoolsAmount(text), options.source ?? 'NODE_POOLS_AMOUNT');
}
