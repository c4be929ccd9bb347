import type { Policy, PolicyContext, PoolDecision } from '@aks-scaler/core';
import { AbortedError } from '@aks-scaler/core/errors';
import { z } from 'zod';
import { type RestoreOptions, restoreState, type StatefulPolicy, stateOf } from './policy-state.js';
import { staticPolicy } from './static-policy.js';

/** What a {@link FallbackFunction} is told about the failure. */
export interface PolicyFailure {
  /** What the policy threw. */
  error: unknown;
  /** The error's message. */
  message: string;
  /** Failures in a row, this one included (a success resets it). */
  consecutiveFailures: number;
  /** The failed policy's name. */
  policy: string;
}

/** Decides instead of a failed policy; its reasons are used as they are. */
export type FallbackFunction = (
  failure: PolicyFailure,
  ctx: PolicyContext,
) => PoolDecision[] | Promise<PoolDecision[]>;

/** The state of a {@link withFallback} policy. */
export interface FallbackState {
  /** Failures in a row since the last success. */
  consecutiveFailures: number;
  /** The wrapped policy's `toJSON()`, or `null`. */
  policy: unknown;
  /** The fallback policy's `toJSON()`, or `null`. */
  fallback: unknown;
}

/** Options of {@link withFallback}. */
export type FallbackOptions = RestoreOptions<FallbackState>;

const stateSchema = z.strictObject({
  consecutiveFailures: z.int().min(0),
  policy: z.unknown(),
  fallback: z.unknown(),
});

/**
 * Uses `fallback` whenever `policy` throws: a policy or fixed counts (the reason says why:
 * `custom failed (api down); fallback: fallback p=3`), or a function told the failure and how many happened in a
 * row, whose decisions are used as they are. Aborts are not caught. State: `toJSON()` returns
 * `{ consecutiveFailures, policy, fallback }` (the last two are the wrapped policies' states).
 *
 * @example
 * ```ts
 * const policy = withFallback(myCustomPolicy, { manualpool2: 3 });
 * ```
 */
export function withFallback(
  policy: Policy,
  fallback: Policy | Record<string, number> | FallbackFunction,
  options: FallbackOptions = {},
): StatefulPolicy<FallbackState> {
  const saved = restoreState(
    stateSchema,
    options.initialState,
    `withFallback(${policy.name})`,
    options.onWarning,
  );
  return createFallback(policy, fallback, saved?.consecutiveFailures ?? 0);
}

/** {@link withFallback} with a failure count that is already valid. */
export function createFallback(
  policy: Policy,
  fallback: Policy | Record<string, number> | FallbackFunction,
  initialFailures: number,
): StatefulPolicy<FallbackState> {
  const backup: Policy | FallbackFunction =
    typeof fallback === 'function' || typeof (fallback as Policy).evaluate === 'function'
      ? (fallback as Policy | FallbackFunction)
      : staticPolicy(fallback as Record<string, number>, { source: 'fallback' });
  let consecutiveFailures = initialFailures;
  return {
    name: policy.name,
    async evaluate(ctx) {
      let decisions: PoolDecision[];
      try {
        decisions = await policy.evaluate(ctx);
      } catch (error) {
        if (error instanceof AbortedError || ctx.abortSignal?.aborted) throw error;
        consecutiveFailures++;
        const message = error instanceof Error ? error.message : String(error);
        if (typeof backup === 'function') {
          return backup({ error, message, consecutiveFailures, policy: policy.name }, ctx);
        }
        return (await backup.evaluate(ctx)).map((decision) => ({
          ...decision,
          reason: `${policy.name} failed (${message}); fallback: ${decision.reason}`,
        }));
      }
      consecutiveFailures = 0;
      return decisions;
    },
    toJSON: () => ({
      consecutiveFailures,
      policy: stateOf(policy),
      fallback: typeof backup === 'function' ? null : stateOf(backup),
    }),
  };
}
