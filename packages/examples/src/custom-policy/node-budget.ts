// A worked example of a custom policy: a wrapper that keeps a cluster within a node budget.
//
// A policy is just `{ name, evaluate(ctx) }` returning decisions for the pools it has an opinion on. It decides;
// it never calls Azure, sleeps or reads the wall clock (time comes from `ctx.now`). Wrapping another policy, as
// this one does, is how cross-cutting rules compose with the built-in ones (maxOf, withBounds, ...).
import type { Policy, PolicyContext, PoolDecision } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';

/** Options of {@link withNodeBudget}. */
export interface NodeBudgetOptions {
  /** The most nodes the cluster may have in total, counting pools the wrapped policy leaves alone. */
  maxNodes: number;
  /**
   * Pools in order of importance: the last ones listed are cut first, and pools not listed are cut before any
   * listed pool.
   * @default []
   */
  priority?: string[];
}

/**
 * Caps what `policy` asks for so the whole cluster stays within `maxNodes`, cutting the least important pools
 * first and saying so in each reason. Pools the policy has no opinion on keep their current nodes, which count
 * against the budget.
 *
 * @example
 * ```ts
 * const policy = withNodeBudget(maxOf(schedule, metric), { maxNodes: 40, priority: ['web', 'batch'] });
 * ```
 */
export function withNodeBudget(policy: Policy, options: NodeBudgetOptions): Policy {
  const { maxNodes, priority = [] } = options;
  if (!Number.isInteger(maxNodes) || maxNodes < 0) {
    throw new ConfigError(
      `maxNodes must be an integer >= 0, got ${maxNodes}: set the cluster's node budget.`,
    );
  }
  const importance = (pool: string) => {
    const index = priority.indexOf(pool);
    return index === -1 ? priority.length : index;
  };

  return {
    name: `budget(${policy.name})`,
    async evaluate(ctx: PolicyContext): Promise<PoolDecision[]> {
      const decisions = (await policy.evaluate(ctx)).map((decision) => ({ ...decision }));
      const decided = new Set(decisions.map((decision) => decision.pool));
      const untouched = ctx.pools
        .filter((pool) => !decided.has(pool.name))
        .reduce((sum, pool) => sum + pool.count, 0);
      const wanted = decisions.reduce((sum, decision) => sum + (decision.count ?? 0), 0);
      let excess = untouched + wanted - maxNodes;
      if (excess <= 0) return decisions;
      // Least important first: unlisted pools, then the listed ones from the end of the list.
      const order = [...decisions].sort((a, b) => importance(b.pool) - importance(a.pool));
      for (const decision of order) {
        if (excess <= 0) break;
        if (decision.count === undefined) continue;
        const cut = Math.min(decision.count, excess);
        if (cut === 0) continue;
        excess -= cut;
        decision.reason = `${decision.reason} (cut by ${cut} to ${decision.count - cut} to stay within the ${maxNodes}-node budget)`;
        decision.count -= cut;
      }
      return decisions;
    },
  };
}
