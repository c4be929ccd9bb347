import { formatAhead, type LeadFor } from './lead-time.js';
import type { PoolTarget } from './pool-target.js';
import type { CompiledSchedule, ResolvedPool } from './schedule.js';
import { earlyStartReason } from './schedule-reason.js';
import { nodesOf, raiseTarget } from './target-capacity.js';

/** What a schedule asks for one pool, with its lead applied. */
export interface LeadResolvedPool extends ResolvedPool {
  /** Set when the target is a later window's, taken early: when that window starts (ms since the epoch). */
  earlyFor?: number;
}

/** What a schedule asks for at one instant (ms since the epoch), pool by pool. */
export interface ScheduleState {
  /** The instant. */
  at: number;
  /** Pool -> what the schedule asks for from then on. */
  pools: ReadonlyMap<string, ResolvedPool>;
}

/** What {@link applyLead} knows of the pools as they are. */
export interface LeadPools {
  /** The schedule's timezone, for the reasons. */
  timezone: string;
  /** Pool -> the nodes it runs now (0 for a stopped pool), when known. */
  current?: ReadonlyMap<string, number> | undefined;
  /** The pools that have the autoscaler on: for them a range outvotes a count, as in `maxOf`. */
  autoscaled?: ReadonlySet<string> | undefined;
}

/**
 * Applies a lead: for each pool, the most capacity it gets now and within the lead of each rise, in `maxOf`'s
 * order (see {@link raiseTarget}: Running beats Stopped, the larger count, each autoscaler bound's larger value),
 * so a window shorter than the lead is covered from its early start to its end, a pool stopped now starts early
 * for a count ahead, and a count that goes down or a stop comes on time. `ahead` lists what the schedule asks for
 * at the instants after `now` at which that may change, in order. The lead of a rise to a target that needs `to`
 * nodes (a count, a range's lower bound) is `leadFor(pool, from, to)`, from the lower of the nodes the pool runs
 * (when known; 0 when stopped) and the nodes its target now needs (0 when neither is known).
 */
export function applyLead(
  now: ScheduleState,
  ahead: readonly ScheduleState[],
  leadFor: LeadFor,
  options: LeadPools,
): Map<string, LeadResolvedPool> {
  const result = new Map<string, LeadResolvedPool>(now.pools);
  const pools = new Set([...now.pools.keys(), ...ahead.flatMap((state) => [...state.pools.keys()])]);
  for (const pool of pools) {
    const base = now.pools.get(pool);
    const fromCount = fromNodes(pool, base, options.current);
    const autoscaled = options.autoscaled?.has(pool);
    let best: { state: ScheduleState; resolved: ResolvedPool; target: PoolTarget } | undefined;
    for (const state of ahead) {
      const resolved = state.pools.get(pool);
      if (!resolved) continue;
      const raised = raiseTarget(best?.target ?? base?.target, resolved.target, autoscaled);
      if (raised === undefined) continue;
      if (state.at - now.at <= leadFor(pool, fromCount, nodesOf(resolved.target))) {
        best = { state, resolved, target: raised };
      }
    }
    if (!best) continue;
    const aheadInMs = best.state.at - now.at;
    result.set(pool, {
      ...best.resolved,
      target: best.target,
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
  pools?: Omit<LeadPools, 'timezone'>,
): Map<string, LeadResolvedPool> {
  const now: ScheduleState = { at: ms, pools: schedule.resolve(ms).pools };
  let horizon = 0;
  for (const pool of schedule.pools) {
    const fromCount = fromNodes(pool, now.pools.get(pool), pools?.current);
    for (const target of schedule.targetsOf(pool)) {
      if (mayRise(target, fromCount)) {
        horizon = Math.max(horizon, leadFor(pool, fromCount, nodesOf(target)));
      }
    }
  }
  if (horizon <= 0) return new Map(now.pools);
  const ahead = schedule
    .changePoints(ms, ms + horizon)
    .map((at): ScheduleState => ({ at, pools: schedule.resolveCached(at).pools }));
  return applyLead(now, ahead, leadFor, { ...pools, timezone: schedule.timezone });
}

/**
 * Whether a lead may take `target` early from a pool that needs `fromCount` nodes: a count or a range floor above
 * it, or any range (its upper bound may rise); never a stop.
 */
export function mayRise(target: PoolTarget, fromCount: number): boolean {
  if (target === 'stop') return false;
  return typeof target === 'object' || target > fromCount;
}

/** The nodes a rise starts from: the lower of what the pool runs and what its target now needs, else 0. */
function fromNodes(
  pool: string,
  base: ResolvedPool | undefined,
  current: ReadonlyMap<string, number> | undefined,
): number {
  const from = Math.min(current?.get(pool) ?? Infinity, base ? nodesOf(base.target) : Infinity);
  return Number.isFinite(from) ? from : 0;
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
