import { formatAhead, type LeadFor } from './lead-time.js';
import type { CompiledSchedule, ResolvedPool } from './schedule.js';
import { earlyStartReason } from './schedule-reason.js';

/** What a schedule asks for one pool, with its lead applied. */
export interface LeadResolvedPool extends ResolvedPool {
  /** Set when the count is a later window's, taken early: when that window starts (ms since the epoch). */
  earlyFor?: number;
}

/** What a schedule asks for at one instant (ms since the epoch), pool by pool. */
export interface ScheduleState {
  /** The instant. */
  at: number;
  /** Pool -> what the schedule asks for from then on. */
  pools: ReadonlyMap<string, ResolvedPool>;
}

/**
 * Applies a lead: for each pool, the larger of its count now and of every count it gets within the lead of that
 * scale-up (so a window shorter than the lead is covered from its early start to its end, and a count that goes
 * down goes down on time). `ahead` lists what the schedule asks for at the instants after `now` at which that may
 * change, in order. The lead of a rise to `to` nodes is `leadFor(pool, from, to)`, from the lower of the pool's
 * current count (when known) and its count now (0 when neither is known).
 */
export function applyLead(
  now: ScheduleState,
  ahead: readonly ScheduleState[],
  leadFor: LeadFor,
  options: { timezone: string; current?: ReadonlyMap<string, number> | undefined },
): Map<string, LeadResolvedPool> {
  const result = new Map<string, LeadResolvedPool>(now.pools);
  const pools = new Set([...now.pools.keys(), ...ahead.flatMap((state) => [...state.pools.keys()])]);
  for (const pool of pools) {
    const base = now.pools.get(pool);
    const from = Math.min(options.current?.get(pool) ?? Infinity, base?.count ?? Infinity);
    const fromCount = Number.isFinite(from) ? from : 0;
    let best: { state: ScheduleState; resolved: ResolvedPool } | undefined;
    for (const state of ahead) {
      const resolved = state.pools.get(pool);
      if (!resolved || resolved.count <= (best?.resolved.count ?? base?.count ?? -1)) continue;
      if (state.at - now.at <= leadFor(pool, fromCount, resolved.count)) best = { state, resolved };
    }
    if (!best) continue;
    const aheadInMs = best.state.at - now.at;
    result.set(pool, {
      ...best.resolved,
      reason: earlyStartReason(
        best.resolved.window,
        localTime(best.state.at, now.at, options.timezone),
        formatAhead(aheadInMs),
        options.timezone,
      ),
      earlyFor: best.state.at,
    });
  }
  return result;
}

/**
 * What the schedule asks for at `ms` with its lead: it looks ahead by the longest lead any pool's rise may need
 * and applies {@link applyLead}.
 */
export function resolveWithLead(
  schedule: CompiledSchedule,
  ms: number,
  leadFor: LeadFor,
  current?: ReadonlyMap<string, number>,
): Map<string, LeadResolvedPool> {
  const now: ScheduleState = { at: ms, pools: schedule.resolve(ms).pools };
  let horizon = 0;
  for (const pool of schedule.pools) {
    const from = Math.min(current?.get(pool) ?? Infinity, now.pools.get(pool)?.count ?? Infinity);
    const fromCount = Number.isFinite(from) ? from : 0;
    for (const count of schedule.countsOf(pool)) {
      if (count > fromCount) horizon = Math.max(horizon, leadFor(pool, fromCount, count));
    }
  }
  if (horizon <= 0) return new Map(now.pools);
  const ahead = schedule
    .changePoints(ms, ms + horizon)
    .map((at): ScheduleState => ({ at, pools: schedule.resolveCached(at).pools }));
  return applyLead(now, ahead, leadFor, { timezone: schedule.timezone, current });
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** `07:30`, `07:30:15`, or `Mon 00:00` when the local date differs from the one at `nowMs`. */
function localTime(ms: number, nowMs: number, timezone: string): string {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timezone, format);
  }
  const parts = (at: number) =>
    Object.fromEntries(
      (format as Intl.DateTimeFormat).formatToParts(new Date(at)).map((part) => [part.type, part.value]),
    ) as Record<string, string>;
  const at = parts(ms);
  const now = parts(nowMs);
  const time = `${at.hour}:${at.minute}${at.second === '00' ? '' : `:${at.second}`}`;
  const sameDay = at.year === now.year && at.month === now.month && at.day === now.day;
  return sameDay ? time : `${at.weekday} ${time}`;
}
