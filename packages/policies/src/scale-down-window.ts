import { formatDuration } from '@aks-scaler/core/common';

/** One recorded recommendation. */
export interface Recommendation {
  /** When it was made, in milliseconds since the epoch. */
  at: number;
  /** The recommended count. */
  count: number;
}

/** Serializable per-pool recommendation history of a scale-down stabilization window. */
export type RecommendationHistory = Record<string, Recommendation[]>;

/**
 * HPA-style scale-down stabilization: scale up at once; scale down only to the highest recommendation seen within
 * the window. Records `count` and returns the stabilized count and a note for the reason.
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

/** Validates and copies a history restored from `toJSON()` output. */
export function restoreHistory(value: unknown): RecommendationHistory {
  const history: RecommendationHistory = {};
  if (typeof value !== 'object' || value === null) return history;
  for (const [pool, entries] of Object.entries(value)) {
    if (!Array.isArray(entries)) continue;
    history[pool] = entries
      .filter((entry) => Number.isFinite(entry?.at) && Number.isFinite(entry?.count))
      .map((entry) => ({ at: Number(entry.at), count: Number(entry.count) }));
  }
  return history;
}
