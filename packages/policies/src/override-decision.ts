import type { DecisionOverride, NodePool, PoolDecision } from '@aks-scaler/core';
import type { OverrideTarget } from './override-target.js';

/** An override in force for one pool, from the config or the pool's tags. */
export interface ActiveOverride {
  /** The pool. */
  pool: string;
  /** Where it was set. */
  source: 'config' | 'tag';
  /** What it asks for. */
  target: OverrideTarget;
  /** When it ends, as written. */
  until: string;
  /** Why, as written (optional for tags). */
  reason?: string | undefined;
  /** Its path in the config (`overrides[0]`), for a config override. */
  path?: string | undefined;
}

/** `overrides[0] of the config` or `the pool's tags`. */
export function describeOrigin(active: Pick<ActiveOverride, 'source' | 'path'>): string {
  return active.source === 'tag' ? "the pool's tags" : `${active.path ?? 'overrides'} of the config`;
}

/**
 * The decision an override makes for a pool: its target (a count, which also starts a stopped pool; `stop`; an
 * autoscaler range; or `pause`, which keeps the pool's count and writes nothing), with the override it comes from
 * and the reason `override until <until> (<reason>)`, followed by what the policy asked, when it had an opinion.
 */
export function overrideDecision(
  active: ActiveOverride,
  pool: NodePool | undefined,
  policy?: PoolDecision,
): PoolDecision {
  const why = active.reason ? ` (${active.reason})` : '';
  const instead = policy ? `; the policy asked: ${policy.reason}` : '';
  const override: DecisionOverride = {
    source: active.source,
    until: active.until,
    ...(active.reason !== undefined && { reason: active.reason }),
  };
  const { target } = active;
  if (target === 'pause') {
    return {
      pool: active.pool,
      ...(pool !== undefined && { count: pool.count }),
      reason: `paused until ${active.until}${why}${instead}`,
      override: { ...override, pause: true },
    };
  }
  const reason = `override until ${active.until}${why}${instead}`;
  if (target === 'stop') return { pool: active.pool, power: 'Stopped', reason, override };
  if (typeof target === 'object') {
    return {
      pool: active.pool,
      autoscaler: { minCount: target.min, maxCount: target.max },
      reason,
      override,
    };
  }
  return {
    pool: active.pool,
    count: target,
    ...(target > 0 && { power: 'Running' as const }),
    reason,
    override,
  };
}
