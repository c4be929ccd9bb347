import type { PolicyContext } from '@aks-scaler/core';

/** The pool's count as just read from ARM, or undefined when the cluster has no such pool. */
export function currentCount(ctx: PolicyContext, pool: string): number | undefined {
  for (const candidate of ctx.pools) if (candidate.name === pool) return candidate.count;
  return undefined;
}
