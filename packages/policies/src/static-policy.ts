import type { Policy } from '@aks-scaler/core';

/**
 * A policy that always asks for the same counts.
 *
 * @example
 * ```ts
 * const policy = staticPolicy({ manualpool2: 5, manualpool3: 5 });
 * ```
 */
export function staticPolicy(counts: Record<string, number>): Policy {
  const entries = Object.entries(counts);
  return {
    name: 'static',
    evaluate: () => entries.map(([pool, count]) => ({ pool, count, reason: `static: ${pool}=${count}` })),
  };
}
