import type { PoolDecision } from '../types.js';

/**
 * What a decision asks of its pool: a node count (`count`, maybe with `power: 'Running'`), a stop, an autoscaler
 * range, a start alone (`power: 'Running'` without a count), or nothing it can act on.
 */
export type TargetKind = 'count' | 'stop' | 'range' | 'start' | 'none';

/** The kind of a decision's target (see {@link TargetKind}); a decision that mixes kinds is `none`. */
export function targetKind(decision: PoolDecision): TargetKind {
  const hasCount = decision.count !== undefined;
  const hasRange = decision.autoscaler !== undefined;
  if (decision.power === 'Stopped') return hasCount || hasRange ? 'none' : 'stop';
  if (hasCount && hasRange) return 'none';
  if (hasCount) return 'count';
  if (hasRange) return 'range';
  return decision.power === 'Running' ? 'start' : 'none';
}

/**
 * A decision's target in a few characters, as reasons and tables show it: `5`, `start, 5`, `stop`, `2..10`,
 * `start`.
 *
 * @example
 * ```ts
 * describeTarget({ pool: 'web', autoscaler: { minCount: 2, maxCount: 10 }, reason: 'r' }); // '2..10'
 * ```
 */
export function describeTarget(decision: PoolDecision): string {
  const start = decision.power === 'Running' ? 'start, ' : '';
  switch (targetKind(decision)) {
    case 'count':
      return `${start}${decision.count}`;
    case 'stop':
      return 'stop';
    case 'range':
      return `${start}${decision.autoscaler?.minCount}..${decision.autoscaler?.maxCount}`;
    case 'start':
      return 'start';
    default:
      return '?';
  }
}

/** Which way {@link combineDecisions} leans: towards more capacity (`maxOf`) or less (`minOf`). */
export type CapacityPreference = 'more' | 'less';

/** The result of {@link combineDecisions}. */
export interface CombinedDecision {
  /** The combined decision (its reason is the winner's). */
  decision: PoolDecision;
  /** The candidate whose target (or most of it) the combined decision takes, for the reason. */
  winner: PoolDecision;
}

/**
 * Combines several decisions for one pool by the capacity they ask for (`more`: `maxOf`; `less`: `minOf`).
 *
 * - A paused override wins (a human said "write nothing").
 * - Running beats Stopped for `more` (a stop counts only when every candidate stops); for `less` a stop wins.
 * - Counts: the larger (`more`) or smaller (`less`) count. `power: 'Running'` (start a stopped pool) is kept when any
 *   candidate asks for it (`more`) or when all counts do (`less`).
 * - Autoscaler ranges: each bound's larger (`more`) or smaller (`less`) value.
 * - Counts and ranges together: ranges when the pool has the autoscaler on (`autoscaled`), counts otherwise.
 *
 * @example
 * ```ts
 * combineDecisions([{ pool: 'a', count: 3, reason: 'x' }, { pool: 'a', power: 'Stopped', reason: 'y' }], 'more');
 * // { decision: { pool: 'a', count: 3, reason: 'x' }, winner: ... }
 * ```
 */
export function combineDecisions(
  candidates: readonly PoolDecision[],
  prefer: CapacityPreference,
  autoscaled?: boolean,
): CombinedDecision {
  const [first] = candidates;
  if (!first) throw new TypeError('combineDecisions needs at least one decision');
  const paused = candidates.find((d) => d.override?.pause === true);
  if (paused) return { decision: paused, winner: paused };
  const usable = candidates.filter((d) => targetKind(d) !== 'none');
  if (usable.length === 0) return { decision: first, winner: first };
  const stops = usable.filter((d) => targetKind(d) === 'stop');
  const running = usable.filter((d) => targetKind(d) !== 'stop');
  const firstStop = stops[0];
  if (firstStop && (prefer === 'less' || running.length === 0))
    return { decision: firstStop, winner: firstStop };
  const counts = running.filter((d) => targetKind(d) === 'count');
  const ranges = running.filter((d) => targetKind(d) === 'range');
  const starts = running.filter((d) => targetKind(d) === 'start');
  const wantsStart = (group: readonly PoolDecision[]) =>
    prefer === 'more'
      ? running.some((d) => d.power === 'Running')
      : group.every((d) => d.power === 'Running');
  if (ranges.length > 0 && (counts.length === 0 || autoscaled === true)) {
    return withPower(mergeRanges(ranges, prefer), wantsStart(ranges));
  }
  if (counts.length > 0) return withPower(pickCount(counts, prefer), wantsStart(counts));
  const start = starts[0] as PoolDecision;
  return { decision: start, winner: start };
}

function pickCount(counts: readonly PoolDecision[], prefer: CapacityPreference): CombinedDecision {
  const better = (a: number, b: number) => (prefer === 'more' ? a > b : a < b);
  const winner = counts.reduce((best, d) => (better(d.count as number, best.count as number) ? d : best));
  return { decision: winner, winner };
}

function mergeRanges(ranges: readonly PoolDecision[], prefer: CapacityPreference): CombinedDecision {
  const pick = prefer === 'more' ? Math.max : Math.min;
  const minCount = pick(...ranges.map((d) => d.autoscaler?.minCount as number));
  const maxCount = pick(...ranges.map((d) => d.autoscaler?.maxCount as number));
  const exact = ranges.find((d) => d.autoscaler?.minCount === minCount && d.autoscaler.maxCount === maxCount);
  const winner = exact ?? (ranges.find((d) => d.autoscaler?.maxCount === maxCount) as PoolDecision);
  return { decision: { ...winner, autoscaler: { minCount, maxCount } }, winner };
}

function withPower({ decision, winner }: CombinedDecision, start: boolean): CombinedDecision {
  if (start === (decision.power === 'Running')) return { decision, winner };
  const { power: _, ...rest } = decision;
  return { decision: start ? { ...rest, power: 'Running' } : rest, winner };
}
