import { describeValue, throwIfIssues } from './pool-counts.js';
import type { PoolTarget } from './pool-target.js';
import { compileSchedule } from './schedule.js';
import { parseSchedule, type ScheduleSpec } from './schedule-schema.js';

/** One change in what a schedule asks for. */
export interface ScheduleTransition {
  /** When the change happens. */
  at: Date;
  /**
   * The targets from then on (a node count, `'stop'` or an autoscaler range `{ min, max }` per pool), or `null`
   * when the schedule has no opinion on any pool.
   */
  counts: Record<string, PoolTarget> | null;
  /** The rule(s) in force, e.g. `rule 2 'Mon-Fri 07:30-20:30'`, `otherwise`, or `none`. */
  rule: string;
}

/** The window {@link scheduleTransitions} lists. */
export interface ScheduleTransitionsOptions {
  /** Start (inclusive): the first transition is the state at this instant. */
  from: Date;
  /** End (inclusive); at most 366 days after `from`. */
  to: Date;
}

const MINUTE_IN_MS = 60_000;
const MAX_RANGE_IN_MS = 366 * 86_400_000;

/**
 * Lists what a schedule asks for over a time range: the state at `from`, then every instant the counts or the
 * rules in force change (for a preview such as `aks-scaler preview`). Validates the spec like
 * {@link schedulePolicy}.
 *
 * @example
 * ```ts
 * scheduleTransitions(spec, { from: new Date('2026-11-30T00:00:00Z'), to: new Date('2026-12-07T00:00:00Z') });
 * // [{ at: 2026-11-30T00:00Z, counts: { manualpool2: 1 }, rule: 'otherwise' },
 * //  { at: 2026-11-30T06:30Z, counts: { manualpool2: 10 }, rule: "rule 2 'Mon-Fri 07:30-20:30'" }, ...]
 * ```
 */
export function scheduleTransitions(
  spec: ScheduleSpec,
  options: ScheduleTransitionsOptions,
): ScheduleTransition[] {
  const fromMs = options?.from instanceof Date ? options.from.getTime() : Number.NaN;
  const toMs = options?.to instanceof Date ? options.to.getTime() : Number.NaN;
  if (
    !Number.isFinite(fromMs) ||
    !Number.isFinite(toMs) ||
    toMs < fromMs ||
    toMs - fromMs > MAX_RANGE_IN_MS
  ) {
    throwIfIssues('Invalid preview range', [
      {
        path: 'from/to',
        message: `expected valid dates with from <= to and at most 366 days apart, got ${describeValue(options?.from)} .. ${describeValue(options?.to)}`,
      },
    ]);
  }
  const schedule = compileSchedule(parseSchedule(spec));
  const candidates = new Set<number>(schedule.cronEdges(fromMs, toMs));
  for (let ms = Math.ceil(fromMs / MINUTE_IN_MS) * MINUTE_IN_MS; ms <= toMs; ms += MINUTE_IN_MS)
    candidates.add(ms);
  candidates.delete(fromMs);
  const instants = [fromMs, ...[...candidates].sort((a, b) => a - b)];
  const transitions: ScheduleTransition[] = [];
  let previousKey: string | undefined;
  for (const ms of instants) {
    const { pools } = schedule.resolve(ms);
    const counts: Record<string, PoolTarget> = {};
    const rules: string[] = [];
    for (const [pool, { target, rule }] of pools) {
      counts[pool] = target;
      if (!rules.includes(rule)) rules.push(rule);
    }
    const entry: ScheduleTransition = {
      at: new Date(ms),
      counts: pools.size === 0 ? null : counts,
      rule: rules.length === 0 ? 'none' : rules.join(' + '),
    };
    const key = JSON.stringify([entry.counts, entry.rule]);
    if (key !== previousKey) transitions.push(entry);
    previousKey = key;
  }
  return transitions;
}
