import type { Policy } from '@aks-scaler/core';
import { currentCount } from './current-count.js';
import { describeValue, throwIfIssues } from './pool-counts.js';
import { type RecommendationHistory, restoreHistory, stabilize } from './scale-down-window.js';

/** Options of {@link withStabilization}. */
export interface StabilizationOptions {
  /** Scale-down uses the highest decision within this window. */
  scaleDownWindowInMs: number;
  /** History saved from `toJSON()` of an earlier instance. */
  initialState?: RecommendationHistory | undefined;
}

/** A policy wrapped by {@link withStabilization}; its history is explicit and serializable. */
export interface StabilizedPolicy extends Policy {
  /** The recommendation history; pass it back as `initialState` after a restart. */
  toJSON(): RecommendationHistory;
}

/**
 * Damps flapping: scale-up passes at once, scale-down only goes to the highest count the policy asked for within
 * the window (the HPA's scale-down stabilization).
 *
 * @example
 * ```ts
 * const policy = withStabilization(maxOf(a, b), { scaleDownWindowInMs: 10 * 60_000 });
 * ```
 */
export function withStabilization(policy: Policy, options: StabilizationOptions): StabilizedPolicy {
  const windowInMs = options?.scaleDownWindowInMs;
  if (!(typeof windowInMs === 'number' && windowInMs >= 0 && Number.isFinite(windowInMs))) {
    throwIfIssues('Invalid stabilization', [
      {
        path: 'scaleDownWindowInMs',
        message: `must be a number of milliseconds >= 0, got ${describeValue(windowInMs)}`,
      },
    ]);
  }
  const history = restoreHistory(options.initialState);
  return {
    name: policy.name,
    async evaluate(ctx) {
      const nowInMs = ctx.now.getTime();
      return (await policy.evaluate(ctx)).map((decision) => {
        const current = currentCount(ctx, decision.pool);
        const stable = stabilize(history, decision.pool, decision.count, current, nowInMs, windowInMs);
        return stable.note
          ? { ...decision, count: stable.count, reason: `${decision.reason}; ${stable.note}` }
          : decision;
      });
    },
    toJSON: () => structuredClone(history),
  };
}
