import type { Policy } from '@aks-scaler/core';
import { isPoolName, MAX_POOL_COUNT } from '@aks-scaler/core/common';
import type { ConfigIssue } from '@aks-scaler/core/errors';
import { describeValue, throwIfIssues } from './pool-counts.js';

/** Lowest and highest count a policy may ask for one pool. */
export interface PoolBounds {
  /** Lowest count. */
  min?: number | undefined;
  /** Highest count. */
  max?: number | undefined;
}

/**
 * Clamps each decision to its pool's bounds (policy bounds, not Azure's), saying so in the reason.
 * Pools without bounds pass unchanged; bounds never create a decision.
 *
 * @example
 * ```ts
 * const policy = withBounds(metricPolicy(queue), { manualpool3: { min: 1, max: 20 } });
 * ```
 */
export function withBounds(policy: Policy, bounds: Record<string, PoolBounds>): Policy {
  const checked = validateBounds(bounds, 'bounds');
  return {
    name: policy.name,
    async evaluate(ctx) {
      return (await policy.evaluate(ctx)).map((decision) => {
        const bound = checked[decision.pool];
        if (!bound) return decision;
        if (bound.min !== undefined && decision.count < bound.min) {
          return {
            ...decision,
            count: bound.min,
            reason: `${decision.reason} (raised from ${decision.count} to min ${bound.min})`,
          };
        }
        if (bound.max !== undefined && decision.count > bound.max) {
          return {
            ...decision,
            count: bound.max,
            reason: `${decision.reason} (capped from ${decision.count} to max ${bound.max})`,
          };
        }
        return decision;
      });
    },
  };
}

/** Validates a pool -> bounds map, listing every problem in one `ConfigError`. */
export function validateBounds(bounds: unknown, path: string): Readonly<Record<string, PoolBounds>> {
  const issues: ConfigIssue[] = [];
  const copy: Record<string, PoolBounds> = {};
  if (typeof bounds !== 'object' || bounds === null || Array.isArray(bounds)) {
    issues.push({
      path,
      message: `expected an object of pool name -> { min, max }, got ${describeValue(bounds)}`,
    });
  } else {
    for (const [pool, bound] of Object.entries(bounds as Record<string, PoolBounds>)) {
      const at = `${path}.${pool}`;
      if (!isPoolName(pool))
        issues.push({ path: at, message: `${describeValue(pool)} is not a valid AKS pool name` });
      const { min, max } = bound ?? {};
      for (const [key, value] of [
        ['min', min],
        ['max', max],
      ] as const) {
        if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= MAX_POOL_COUNT)) {
          issues.push({
            path: `${at}.${key}`,
            message: `must be an integer from 0 to ${MAX_POOL_COUNT}, got ${describeValue(value)}`,
          });
        }
      }
      if (min !== undefined && max !== undefined && min > max) {
        issues.push({ path: at, message: `min ${min} is greater than max ${max}` });
      }
      copy[pool] = { min, max };
    }
  }
  throwIfIssues('Invalid bounds', issues);
  return copy;
}
