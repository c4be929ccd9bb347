import type { Policy } from '@aks-scaler/core';
import { AbortedError } from '@aks-scaler/core/errors';
import { staticPolicy } from './static-policy.js';

/**
 * Uses `fallback` (a policy, or fixed counts) whenever `policy` throws, saying why in the reason. Aborts are not
 * caught.
 *
 * @example
 * ```ts
 * const policy = withFallback(myCustomPolicy, { manualpool2: 3 });
 * ```
 */
export function withFallback(policy: Policy, fallback: Policy | Record<string, number>): Policy {
  const backup: Policy =
    typeof (fallback as Policy).evaluate === 'function'
      ? (fallback as Policy)
      : staticPolicy(fallback as Record<string, number>, { source: 'fallback' });
  return {
    name: policy.name,
    async evaluate(ctx) {
      try {
        return await policy.evaluate(ctx);
      } catch (error) {
        if (error instanceof AbortedError || ctx.abortSignal?.aborted) throw error;
        const message = error instanceof Error ? error.message : String(error);
        return (await backup.evaluate(ctx)).map((decision) => ({
          ...decision,
          reason: `${policy.name} failed (${message}); fallback: ${decision.reason}`,
        }));
      }
    },
  };
}
