import type { Policy, PolicyContext, PoolDecision } from '@aks-scaler/core';
import { type CapacityPreference, combineDecisions, describeTarget } from '@aks-scaler/core/common';
import { type StatefulPolicy, stateOf } from './policy-state.js';

type Pick = (candidates: readonly PoolDecision[], ctx: PolicyContext) => PoolDecision;

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
        const chosen = pick(candidates, ctx);
        const { minCount: _, maxCount: __, ...decision } = chosen;
        if (candidates.length === 1) return { ...decision, pool };
        const votes = candidates
          .map((candidate) => `${labels.get(candidate)}=${describeTarget(candidate)}`)
          .join(', ');
        return { ...decision, pool, reason: `${kind} of [${votes}]: ${chosen.reason}` };
      });
    },
    toJSON: () => members.map(stateOf),
  };
}

/** Picks by capacity, with the pool as read: an autoscaler pool lets ranges outvote counts. */
function byCapacity(prefer: CapacityPreference): Pick {
  return (candidates, ctx) => {
    const pool = ctx.pools.find((p) => p.name === candidates[0]?.pool);
    return combineDecisions(candidates, prefer, pool?.enableAutoScaling).decision;
  };
}

/**
 * Asks, per pool, for the most capacity any of the policies asks for (KEDA's rule for combined triggers): Running
 * beats Stopped (a stop wins only when every opinion on the pool is a stop), the larger count (with `power:
 * 'Running'` when any opinion starts the pool), and for autoscaler ranges each bound's larger value. Counts and
 * ranges for one pool: ranges when the pool has the autoscaler on, counts otherwise. A paused override wins.
 * Pools no policy names stay without opinion. The reason lists every vote and the winner's reason:
 * `max of [static=5, schedule=10]: schedule rule 2 'Mon-Fri 07:30-20:30' (Europe/Berlin)`, with `stop` and ranges
 * such as `2..10` as votes.
 *
 * @example
 * ```ts
 * const policy = maxOf(staticPolicy({ manualpool2: 5 }), schedulePolicy(workHours));
 * ```
 */
export function maxOf(...policies: Policy[]): CombinedPolicy {
  return combine('max', policies, byCapacity('more'));
}

/**
 * Asks, per pool, for the least capacity any of the policies asks for (e.g. a budget cap from another policy): a
 * stop wins, then the smaller count (with `power: 'Running'` only when every count starts the pool), and for
 * autoscaler ranges each bound's smaller value. Counts and ranges for one pool: ranges when the pool has the
 * autoscaler on, counts otherwise. A paused override wins.
 *
 * @example
 * ```ts
 * const policy = minOf(metricPolicy(queue), staticPolicy({ manualpool3: 20 }));
 * ```
 */
export function minOf(...policies: Policy[]): CombinedPolicy {
  return combine('min', policies, byCapacity('less'));
}

/**
 * Asks, per pool, for the target of the first policy that has an opinion on it (overrides before defaults),
 * whatever it is: a count, a stop or a range.
 *
 * @example
 * ```ts
 * const policy = firstOf(schedulePolicy(holidays), fromNodePoolsAmount(process.env.NODE_POOLS_AMOUNT!));
 * ```
 */
export function firstOf(...policies: Policy[]): CombinedPolicy {
  return combine('first', policies, (candidates) => candidates[0] as PoolDecision);
}
