import type { Policy, PolicyContext, PoolDecision } from '@aks-scaler/core';
import { type StatefulPolicy, stateOf } from './policy-state.js';

type Pick = (candidates: readonly PoolDecision[]) => PoolDecision;

/**
 * A policy that combines others. Its state is its members' states by position (`null` for a member that keeps
 * none): `maxOf(static, metric).toJSON()` is `[null, { consecutiveFailures, recommendations }]`.
 */
export type CombinedPolicy = StatefulPolicy<unknown[]>;

function combine(kind: 'max' | 'min' | 'first', policies: readonly Policy[], pick: Pick): CombinedPolicy {
  const members = [...policies];
  const names = members.map((policy) => policy.name);
  return {
    name: `${kind}(${names.join(', ')})`,
    async evaluate(ctx: PolicyContext) {
      const results = await Promise.all(members.map((policy) => policy.evaluate(ctx)));
      const byPool = new Map<string, PoolDecision[]>();
      const labels = new Map<PoolDecision, string>();
      results.forEach((decisions, index) => {
        for (const decision of decisions) {
          labels.set(decision, names[index] as string);
          const list = byPool.get(decision.pool);
          if (list) list.push(decision);
          else byPool.set(decision.pool, [decision]);
        }
      });
      return [...byPool].map(([pool, candidates]) => {
        const winner = pick(candidates);
        if (candidates.length === 1) return { pool, count: winner.count, reason: winner.reason };
        const votes = candidates.map((candidate) => `${labels.get(candidate)}=${candidate.count}`).join(', ');
        return { pool, count: winner.count, reason: `${kind} of [${votes}]: ${winner.reason}` };
      });
    },
    toJSON: () => members.map(stateOf),
  };
}

/**
 * Asks, per pool, for the highest count any of the policies asks for (KEDA's rule for combined triggers).
 * Pools no policy names stay without opinion. The reason lists every vote and the winner's reason:
 * `max of [static=5, schedule=10]: schedule rule 2 'Mon-Fri 07:30-20:30' (Europe/Berlin)`.
 *
 * @example
 * ```ts
 * const policy = maxOf(staticPolicy({ manualpool2: 5 }), schedulePolicy(workHours));
 * ```
 */
export function maxOf(...policies: Policy[]): CombinedPolicy {
  return combine('max', policies, (candidates) =>
    candidates.reduce((best, candidate) => ((candidate.count ?? -1) > (best.count ?? -1) ? candidate : best)),
  );
}

/**
 * Asks, per pool, for the lowest count any of the policies asks for (e.g. a budget cap from another policy).
 *
 * @example
 * ```ts
 * const policy = minOf(metricPolicy(queue), staticPolicy({ manualpool3: 20 }));
 * ```
 */
export function minOf(...policies: Policy[]): CombinedPolicy {
  return combine('min', policies, (candidates) =>
    candidates.reduce((best, candidate) => ((candidate.count ?? -1) < (best.count ?? -1) ? candidate : best)),
  );
}

/**
 * Asks, per pool, for the count of the first policy that has an opinion on it (overrides before defaults).
 *
 * @example
 * ```ts
 * const policy = firstOf(schedulePolicy(holidays), fromNodePoolsAmount(process.env.NODE_POOLS_AMOUNT!));
 * ```
 */
export function firstOf(...policies: Policy[]): CombinedPolicy {
  return combine('first', policies, (candidates) => candidates[0] as PoolDecision);
}
