import type { Policy, PolicyContext, PolicyNotice, PoolDecision } from '@aks-scaler/core';
import { describeOrigin, overrideDecision } from './override-decision.js';
import type { ParsedOverrideConfig } from './override-schema.js';
import { type OverrideStatus, overrideStatuses } from './override-status.js';
import { type StatefulPolicy, stateOf } from './policy-state.js';

/**
 * The pools' override tags (`aks-scaler-override`, `aks-scaler-until`, `aks-scaler-reason`) over a policy, without
 * config overrides: what the scaler applies over `NODE_POOLS_AMOUNT`. It loads no schema library
 * (`import { withTagOverrides } from '@aks-scaler/policies/node-pools-amount'`). See {@link withOverrides}.
 *
 * @example
 * ```ts
 * const policy = withTagOverrides(fromNodePoolsAmount(process.env.NODE_POOLS_AMOUNT ?? ''));
 * ```
 */
export function withTagOverrides(policy: Policy): StatefulPolicy {
  return createOverrides(policy, [], { tags: true });
}

/** {@link withOverrides} for overrides that are already valid (a parsed config); `tags` follows the pools' tags. */
export function createOverrides(
  policy: Policy,
  overrides: readonly ParsedOverrideConfig[],
  options: { tags: boolean },
): StatefulPolicy {
  return {
    name: policy.name,
    async evaluate(ctx: PolicyContext) {
      const decisions = await policy.evaluate(ctx);
      const { statuses, active } = overrideStatuses({ ...ctx, overrides, tags: options.tags });
      for (const status of statuses) {
        const notice = noticeOf(status);
        if (notice) ctx.notify?.(notice);
      }
      const pools = new Map(ctx.pools.map((pool) => [pool.name, pool]));
      const result: PoolDecision[] = [];
      const decided = new Set<string>();
      for (const decision of decisions) {
        const override = active.get(decision.pool);
        if (!override) result.push(decision);
        else if (!decided.has(decision.pool)) {
          decided.add(decision.pool);
          result.push(overrideDecision(override, pools.get(decision.pool), decision));
        }
      }
      for (const [pool, override] of active) {
        if (!decided.has(pool)) result.push(overrideDecision(override, pools.get(pool)));
      }
      return result;
    },
    toJSON: () => stateOf(policy),
  };
}

/** What the operator is told about one override: in force, expired (remove it), or ignored (fix the tags). */
function noticeOf(status: OverrideStatus): PolicyNotice | undefined {
  const details = {
    source: status.source,
    ...(status.target !== undefined && { target: status.target }),
    ...(status.until !== undefined && { until: status.until }),
    ...(status.reason !== undefined && { reason: status.reason }),
  };
  const { pool } = status;
  switch (status.state) {
    case 'active': {
      if (!status.applies) return undefined;
      const why = status.reason ? ` (${status.reason})` : '';
      return {
        level: 'info',
        code: 'override-active',
        pool,
        message: `override for ${pool} active until ${status.until}${why}: ${status.target}, from ${describeOrigin(status)}`,
        details,
      };
    }
    case 'expired': {
      const where =
        status.source === 'tag'
          ? `the pool's aks-scaler-* tags: aks-scaler override clear ${pool}`
          : `${status.path} in the config`;
      return {
        level: 'warning',
        code: 'override-expired',
        pool,
        message: `override for ${pool} expired at ${status.until}; remove it (${where})`,
        details,
      };
    }
    case 'invalid':
      return {
        level: 'warning',
        code: 'override-ignored',
        pool,
        message: `the override tags of pool ${pool} are ${status.note}.`,
        details,
      };
  }
}
