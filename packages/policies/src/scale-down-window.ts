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
 *
 * A pool without any history (a fresh start, nothing restored) counts its current size as a recommendation made
 * now, as the Kubernetes HPA does: a restarted scaler does not scale down inside its first window.
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
  const past = history[pool] ?? (current === undefined ? [] : [{ at: nowInMs, count: current }]);
  const kept = past.filter((entry) => entry.at > cutoff && entry.at <= nowInMs);
  const last = kept[kept.length - 1];
  // Only the highest recommendation of an instant matters: keep one entry per instant.
  if (last?.at === nowInMs) last.count = Math.max(last.count, count);
  else kept.push({ at: nowInMs, count });
  history[pool] = kept;
  if (windowInMs <= 0 || current === undefined || count >= current) return { count };
  const highest = Math.min(current, Math.max(...kept.map((entry) => entry.count)));
  if (highest === count) return { count };
  return {
    count: highest,
    note: `scale-down held at ${highest} (highest recommendation in the last ${formatDuration(windowInMs)})`,
  };
}
