/** One operation's duration and how many nodes it added or removed. */
export interface DurationPoint {
  /** How long it took, in milliseconds. */
  durationInMs: number;
  /** Nodes added or removed (0 when the operation changes no count). */
  nodes: number;
}

/** The median of a non-empty list (the mean of the two middle values for an even length). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The per-node model of a history: a fixed part and a part per node added or removed. */
export interface PerNodeModel {
  /** The fixed part, in milliseconds. */
  baseInMs: number;
  /** Milliseconds per node. */
  perNodeInMs: number;
}

/** The fewest points, and distinct node counts, a per-node model is fitted from. */
export const PER_NODE_MIN_POINTS = 5;
const PER_NODE_MIN_DISTINCT = 2;

/**
 * A Theil–Sen line through the history (the median of the pairwise slopes, and the median intercept), fitted only
 * when the history supports it: at least {@link PER_NODE_MIN_POINTS} points with at least two distinct node
 * counts, and a rising slope. One slow outlier among five moves neither median much, so the line keeps to the
 * other four. `undefined` when the history does not support one: then the median duration is the estimate.
 */
export function perNodeModel(points: readonly DurationPoint[]): PerNodeModel | undefined {
  if (points.length < PER_NODE_MIN_POINTS) return undefined;
  if (new Set(points.map((p) => p.nodes)).size < PER_NODE_MIN_DISTINCT) return undefined;
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i] as DurationPoint;
      const b = points[j] as DurationPoint;
      if (a.nodes !== b.nodes) slopes.push((b.durationInMs - a.durationInMs) / (b.nodes - a.nodes));
    }
  }
  const perNodeInMs = median(slopes);
  if (!(perNodeInMs > 0)) return undefined;
  const baseInMs = Math.max(0, median(points.map((p) => p.durationInMs - perNodeInMs * p.nodes)));
  return { baseInMs, perNodeInMs };
}

/**
 * What an operation of `nodes` nodes is expected to take, from a history of like operations: the per-node model's
 * prediction where the history supports one (see {@link perNodeModel}), else the median duration. `undefined`
 * for an empty history.
 */
export function estimateDurationInMs(points: readonly DurationPoint[], nodes: number): number | undefined {
  if (points.length === 0) return undefined;
  const model = perNodeModel(points);
  if (!model) return median(points.map((p) => p.durationInMs));
  return Math.max(1, Math.round(model.baseInMs + model.perNodeInMs * Math.max(0, nodes)));
}
