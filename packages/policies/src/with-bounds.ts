import type { Policy, PoolDecision } from '@aks-scaler/core';
import { z } from 'zod';
import { type StatefulPolicy, stateOf } from './policy-state.js';
import { nodeCount, onObjects, poolName } from './schema-primitives.js';
import { validateWith } from './validation.js';

/** Lowest and highest count a policy may ask for one pool. */
export interface PoolBounds {
  /** Lowest count. */
  min?: number | undefined;
  /** Highest count. */
  max?: number | undefined;
}

/** The rules of a pool -> bounds map, for {@link withBounds} and the config's `bounds`. */
export const poolBoundsSchema = z.record(
  poolName,
  z.strictObject({ min: nodeCount.optional(), max: nodeCount.optional() }).superRefine((bound, ctx) => {
    if (bound.min !== undefined && bound.max !== undefined && bound.min > bound.max) {
      ctx.addIssue({ code: 'custom', message: `min ${bound.min} is greater than max ${bound.max}` });
    }
  }, onObjects),
);

/** How a clamp is told in the reason. */
export type ClampNote = (clamp: { bound: 'min' | 'max'; limit: number; from: number }) => string;

const fromNote: ClampNote = ({ bound, limit, from }) =>
  bound === 'min' ? `raised from ${from} to min ${limit}` : `capped from ${from} to max ${limit}`;

/**
 * Clamps each decision to its pool's bounds (policy bounds, not Azure's), saying so in the reason.
 * Pools without bounds pass unchanged; bounds never create a decision. Its state is the wrapped policy's.
 *
 * Counts are clamped into `min..max`. An autoscaler range has each of its bounds clamped into `min..max` (a range
 * `0..50` with bounds `{ min: 1, max: 20 }` becomes `1..20`). A stop passes unchanged: it is a power state, not a
 * count, and the bounds are about how many nodes a running pool gets.
 *
 * @example
 * ```ts
 * const policy = withBounds(metricPolicy(queue), { manualpool3: { min: 1, max: 20 } });
 * ```
 */
export function withBounds(policy: Policy, bounds: Record<string, PoolBounds>): StatefulPolicy {
  return createBounds(
    policy,
    validateWith(poolBoundsSchema, bounds, { title: 'Invalid bounds', path: 'bounds' }),
  );
}

/** {@link withBounds} for bounds that are already valid, with the reason's wording of a clamp. */
export function createBounds(
  policy: Policy,
  bounds: Readonly<Record<string, PoolBounds>>,
  note: ClampNote = fromNote,
): StatefulPolicy {
  const clamp = (decision: PoolDecision): PoolDecision => {
    const bound = bounds[decision.pool];
    if (decision.autoscaler && bound) return clampRange(decision, bound);
    if (decision.count === undefined) return decision;
    if (bound?.min !== undefined && decision.count < bound.min) {
      const text = note({ bound: 'min', limit: bound.min, from: decision.count });
      return { ...decision, count: bound.min, reason: `${decision.reason} (${text})` };
    }
    if (bound?.max !== undefined && decision.count > bound.max) {
      const text = note({ bound: 'max', limit: bound.max, from: decision.count });
      return { ...decision, count: bound.max, reason: `${decision.reason} (${text})` };
    }
    return decision;
  };
  return {
    name: policy.name,
    evaluate: async (ctx) => (await policy.evaluate(ctx)).map(clamp),
    toJSON: () => stateOf(policy),
  };
}

/** Clamps each bound of a decision's autoscaler range into the pool's bounds. */
function clampRange(decision: PoolDecision, bound: PoolBounds): PoolDecision {
  const { minCount, maxCount } = decision.autoscaler as { minCount: number; maxCount: number };
  const into = (value: number) => Math.min(bound.max ?? value, Math.max(bound.min ?? value, value));
  const clamped = { minCount: into(minCount), maxCount: into(maxCount) };
  if (clamped.minCount === minCount && clamped.maxCount === maxCount) return decision;
  return {
    ...decision,
    autoscaler: clamped,
    reason: `${decision.reason} (range ${minCount}..${maxCount} kept within ${bound.min ?? 0}..${bound.max ?? 1000}: ${clamped.minCount}..${clamped.maxCount})`,
  };
}
