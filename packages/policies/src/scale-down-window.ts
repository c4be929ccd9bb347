import { formatDuration } from '@aks-scaler/core/common';
import { z } from 'zod';

/** One recorded recommendation. */
export interface Recommendation {
  /** When it was made, in milliseconds since the epoch. */
  at: number;
  /** The recommended count. */
  count: number;
}

/** Serializable per-pool recommendation history of a scale-down stabilization window. */
export type RecommendationHistory = Record<string, Recommendation[]>;

/** The shape a saved {@link RecommendationHistory} must have to be restored. */
export const recommendationHistorySchema: z.ZodType<RecommendationHistory> = z.record(
  z.string(),
  z.array(z.strictObject({ at: z.number(), count: z.number() })),
);

/**
 * HPA-style scale-down stabilization: scale up at once; scale down only to the highest recommendation seen within
 * the window, and never above the current count. Records `count` and returns the stabilized count and a note for
 * the reason.
 */
export function stabilize(
  history: RecommendationHistory,
  pool: string,
  count: number,
  current: number | undefined,
  nowInMs: number,
  windowInMs: number,
): { count: number; note?: string } {
  const cutoff = nowInMs - windowInMs;
  const kept = (history[pool] ?? []).filter((entry) => entry.at > cutoff && entry.at <= nowInMs);
  kept.push({ at: nowInMs, count });
  history[pool] = kept;
  if (windowInMs <= 0 || current === undefined || count >= current) return { count };
  const highest = Math.min(current, Math.max(...kept.map((entry) => entry.count)));
  if (highest === count) return { count };
  return {
    count: highest,
    note: `scale-down held at ${highest} (highest recommendation in the last ${formatDuration(windowInMs)})`,
  };
}
