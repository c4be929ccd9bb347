import type { Policy } from '@aks-scaler/core';
import { z } from 'zod';
import { currentCount } from './current-count.js';
import { type RestoreOptions, restoreState, type StatefulPolicy, stateOf } from './policy-state.js';
import { type RecommendationHistory, recommendationHistorySchema, stabilize } from './scale-down-window.js';
import { validateWith } from './validation.js';

/**
 * The state of a {@link withStabilization} policy: its recommendation history per pool, and the wrapped policy's
 * own state (or `null`), for whoever rebuilds that policy ({@link policyFromConfig} does).
 */
export interface StabilizationState {
  /** Recent recommendations per pool. */
  recommendations: RecommendationHistory;
  /** The wrapped policy's `toJSON()`, or `null` when it keeps no state. */
  policy: unknown;
}

/** Options of {@link withStabilization}. */
export interface StabilizationOptions extends RestoreOptions<StabilizationState | RecommendationHistory> {
  /** Scale-down uses the highest decision within this window; 0 turns it off. */
  scaleDownWindowInMs: number;
}

/** A policy wrapped by {@link withStabilization}; its history is explicit and serializable. */
export type StabilizedPolicy = StatefulPolicy<StabilizationState>;

const optionsSchema = z.object({
  scaleDownWindowInMs: z
    .number('must be a number of milliseconds >= 0')
    .min(0, 'must be a number of milliseconds >= 0'),
});

/** The saved state {@link withStabilization} restores (a bare history, as saved by earlier versions, too). */
export const stabilizationStateSchema = z.union([
  z.strictObject({ recommendations: recommendationHistorySchema, policy: z.unknown() }),
  recommendationHistorySchema.transform((recommendations) => ({ recommendations, policy: null })),
]);

/**
 * Damps flapping: scale-up passes at once, scale-down only goes to the highest count the policy asked for within
 * the window (the HPA's scale-down stabilization). A pool it has no history for (a fresh start) counts its current
 * size as a recent recommendation, so a restart does not scale down at once. Only counts are stabilized and
 * recorded: a stop and an autoscaler range pass unchanged (a stop is an explicit power state, such as a schedule's
 * night, not a scale-down to damp; a range leaves the count to the autoscaler). State: `toJSON()` returns
 * `{ recommendations: { <pool>: [{ at, count }] }, policy: <the wrapped policy's state> }`; pass it back as
 * `initialState` (the wrapped policy restores its own part from its own options).
 *
 * @example
 * ```ts
 * const policy = withStabilization(maxOf(a, b), { scaleDownWindowInMs: 10 * 60_000 });
 * ```
 */
export function withStabilization(policy: Policy, options: StabilizationOptions): StabilizedPolicy {
  const { scaleDownWindowInMs } = validateWith(optionsSchema, options, { title: 'Invalid stabilization' });
  const saved = restoreState(
    stabilizationStateSchema,
    options.initialState,
    `withStabilization(${policy.name})`,
    options.onWarning,
  );
  return createStabilization(policy, scaleDownWindowInMs, saved?.recommendations);
}

/** {@link withStabilization} for settings that are already valid (a parsed config, the metric policy). */
export function createStabilization(
  policy: Policy,
  windowInMs: number,
  initialHistory: RecommendationHistory | undefined,
): StabilizedPolicy {
  const history: RecommendationHistory = structuredClone(initialHistory ?? {});
  return {
    name: policy.name,
    async evaluate(ctx) {
      const nowInMs = ctx.now.getTime();
      return (await policy.evaluate(ctx)).map((decision) => {
        if (decision.count === undefined) return decision;
        const current = currentCount(ctx, decision.pool);
        const stable = stabilize(history, decision.pool, decision.count, current, nowInMs, windowInMs);
        return stable.note
          ? { ...decision, count: stable.count, reason: `${decision.reason}; ${stable.note}` }
          : decision;
      });
    },
    toJSON: () => ({ recommendations: structuredClone(history), policy: stateOf(policy) }),
  };
}
