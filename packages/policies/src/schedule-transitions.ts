import { type LeadFor, leadFor } from './lead-time.js';
import { describeValue, throwIfIssues } from './pool-counts.js';
import type { PoolTarget } from './pool-target.js';
import { type CompiledSchedule, compileSchedule } from './schedule.js';
import { applyLead, type LeadResolvedPool, mayRise, type ScheduleState } from './schedule-lead.js';
import { parseSchedule, type ScheduleSpec } from './schedule-schema.js';
import { nodesOf } from './target-capacity.js';

/** One change in what a schedule asks for. */
export interface ScheduleTransition {
  /** When the change happens. */
  at: Date;
  /**
   * The targets from then on (a node count, `'stop'` or an autoscaler range `{ min, max }` per pool), or `null`
   * when the schedule has no opinion on any pool.
   */
  counts: Record<string, PoolTarget> | null;
  /**
   * The rule(s) in force, e.g. `rule 2 'Mon-Fri 07:30-20:30'`, `rule 1 'holidays' (Christmas Day)`, `otherwise`,
   * or `none`; `(early start)` follows a rule whose target a `leadTime` takes early.
   */
  rule: string;
  /** With a `leadTime`: the pools whose target is taken early, and when their window starts. */
  early?: Record<string, Date> | undefined;
}

/** The window {@link scheduleTransitions} lists. */
export interface ScheduleTransitionsOptions {
  /** Start (inclusive): the first transition is the state at this instant. */
  from: Date;
  /** End (inclusive); at most 366 days after `from`. */
  to: Date;
  /**
   * For `leadTime: 'auto'`: how long a scale-up of `pool` from `from` to `to` nodes is expected to take.
   * @default 10 minutes for every scale-up
   */
  expectedOperationInMs?: ((pool: string, from: number, to: number) => number) | undefined;
}

const _MINUTE_IN_MS = 60_000;
const MAX_RANGE_IN_MS = 366 * 86_400_000;

/**
 * Lists what a schedule asks for over a time range: the state at `from`, then every instant the targets or
 * the rules in force change (for a preview such as `aks-scaler preview`), early starts of a `leadTime` included.
 * Each pool's value is its target: a node count, `'stop'` or an autoscaler range `{ min, max }`; a lead compares
 * them as `maxOf` does for a pool without the autoscaler (a count outvotes a range).
 * Validates the spec like {@link schedulePolicy}.
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
  const lead = schedule.leadTime && leadFor(schedule.leadTime, options.expectedOperationInMs);
  if (!lead) return changes(baseStates(schedule, fromMs, toMs).map(entry));
  const leads = distinctLeads(schedule, lead);
  const horizon = Math.max(...leads);
  const states = baseStates(schedule, fromMs, toMs + horizon);
  const instants = new Set<number>([fromMs]);
  for (const { at } of states) {
    for (const candidate of [at, ...leads.map((ms) => at - ms)]) {
      if (candidate >= fromMs && candidate <= toMs) instants.add(candidate);
    }
  }
  const entries: ScheduleTransition[] = [];
  let index = 0;
  for (const at of [...instants].sort((a, b) => a - b)) {
    while (index + 1 < states.length && (states[index + 1] as ScheduleState).at <= at) index++;
    const now = { at, pools: (states[index] as ScheduleState).pools };
    const ahead: ScheduleState[] = [];
    for (
      let next = index + 1;
      next < states.length && (states[next] as ScheduleState).at <= at + horizon;
      next++
    ) {
      ahead.push(states[next] as ScheduleState);
    }
    entries.push(entry({ at, pools: applyLead(now, ahead, lead, { timezone: schedule.timezone }) }));
  }
  return changes(entries);
}

/** What the schedule asks for at `fromMs` and at every instant up to `toMs` where that changes. */
function baseStates(schedule: CompiledSchedule, fromMs: number, toMs: number): ScheduleState[] {
  const states: ScheduleState[] = [];
  let previousKey: string | undefined;
  for (const at of [fromMs, ...schedule.changePoints(fromMs, toMs)]) {
    const { pools } = schedule.resolve(at);
    const key = JSON.stringify([...pools].map(([pool, { target, rule }]) => [pool, target, rule]));
    if (key !== previousKey) states.push({ at, pools });
    previousKey = key;
  }
  return states;
}

/** Every lead a rise of a pool between two of its targets (or from 0 nodes) may take. */
function distinctLeads(schedule: CompiledSchedule, lead: LeadFor): number[] {
  const leads = new Set<number>();
  for (const pool of schedule.pools) {
    const targets = schedule.targetsOf(pool);
    for (const from of new Set([0, ...targets.map(nodesOf)])) {
      for (const to of targets) if (mayRise(to, from)) leads.add(lead(pool, from, nodesOf(to)));
    }
  }
  return leads.size === 0 ? [0] : [...leads];
}

function entry(state: { at: number; pools: ReadonlyMap<string, LeadResolvedPool> }): ScheduleTransition {
  const counts: Record<string, PoolTarget> = {};
  const rules: string[] = [];
  const early: Record<string, Date> = {};
  for (const [pool, { target, rule, earlyFor }] of state.pools) {
    counts[pool] = target;
    const text = earlyFor === undefined ? rule : `${rule} (early start)`;
    if (!rules.includes(text)) rules.push(text);
    if (earlyFor !== undefined) early[pool] = new Date(earlyFor);
  }
  return {
    at: new Date(state.at),
    counts: state.pools.size === 0 ? null : counts,
    rule: rules.length === 0 ? 'none' : rules.join(' + '),
    ...(Object.keys(early).length > 0 && { early }),
  };
}

/** The first entry, then each one that differs from the one before. */
function changes(entries: readonly ScheduleTransition[]): ScheduleTransition[] {
  const transitions: ScheduleTransition[] = [];
  let previousKey: string | undefined;
  for (const transition of entries) {
    const early = Object.entries(transition.early ?? {}).map(([pool, at]) => [pool, at.getTime()]);
    const key = JSON.stringify([transition.counts, transition.rule, early]);
    if (key !== previousKey) transitions.push(transition);
    previousKey = key;
  }
  return transitions;
}
