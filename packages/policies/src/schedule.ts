import { formatDuration } from '@aks-scaler/core/common';
import { Cron } from 'croner';
import { IANAZone } from 'luxon';
import { type HolidayCalendar, holidayCalendar } from './holiday-calendar.js';
import type { LeadTime } from './lead-time.js';
import type { PoolTarget } from './pool-target.js';
import { holidayReason } from './schedule-reason.js';
import type { ParsedSchedule } from './schedule-schema.js';
import { isHolidaysWhen, tryParseWhen, type WhenWindow, windowContains } from './when.js';

const MINUTE_IN_MS = 60_000;
/** Instants {@link CompiledSchedule.resolveCached} remembers: more than a day of minutes, the longest lead. */
const CACHE_SIZE = 4096;

/** What a schedule asks for one pool at one instant. */
export interface ResolvedPool {
  /** The target: a node count, `'stop'` or an autoscaler range `{ min, max }`. */
  target: PoolTarget;
  /** Why, e.g. `schedule rule 2 'Mon-Fri 07:30-20:30' (Europe/Berlin)`. */
  reason: string;
  /** The rule in force, e.g. `rule 2 'Mon-Fri 07:30-20:30'` or `otherwise`. */
  rule: string;
  /** The rule in words for an early start, e.g. `rule 2: Mon-Fri 07:30-20:30` or `otherwise`. */
  window: string;
}

/** Which targets a schedule asks for at one instant, and which rule gave each. */
export interface ScheduleResolution {
  /** Pool -> target (a count, `stop` or an autoscaler range) and the reason the schedule gives for it. */
  readonly pools: Map<string, ResolvedPool>;
}

type Active = Omit<ResolvedPool, 'target'>;

interface CompiledRule {
  readonly counts: ReadonlyArray<readonly [string, PoolTarget]>;
  readonly cron?: { readonly cron: Cron; readonly durationInMs: number };
  active(ms: number, localMs: number): Active | undefined;
}

/** A schedule turned into matchers. */
export interface CompiledSchedule {
  /** The schedule's timezone. */
  readonly timezone: string;
  /** The schedule's `leadTime`, when it has one other than zero. */
  readonly leadTime: LeadTime | undefined;
  /** Resolves the targets at an instant (milliseconds since the epoch). */
  resolve(ms: number): ScheduleResolution;
  /**
   * {@link resolve}, remembering the instants asked for: a lead looks ahead over the same minutes at every
   * evaluation, so each is resolved once. Evaluations move forward, so the instants before `ms` are forgotten when
   * `ms` is new (and at most a few thousand are kept in any case).
   */
  resolveCached(ms: number): ScheduleResolution;
  /** How many instants {@link resolveCached} holds now (for diagnostics and tests). */
  readonly cachedInstants: number;
  /** Instants (ms) in `[fromMs, toMs]` at which a cron rule starts or stops being active. */
  cronEdges(fromMs: number, toMs: number): number[];
  /**
   * Every instant in `(fromMs, toMs]` at which what the schedule asks for may change (each whole minute, where
   * windows and holidays start and end, and each cron edge), sorted, with `toMs` itself.
   */
  changePoints(fromMs: number, toMs: number): number[];
  /** Every target the schedule can give `pool` (each distinct one once). */
  targetsOf(pool: string): PoolTarget[];
  /** Every pool the schedule names. */
  readonly pools: readonly string[];
}

/**
 * Turns a validated schedule (see `parseSchedule`, or a parsed config) into matchers. It does not validate again:
 * the schema checked every window, cron expression, timezone and holiday calendar.
 */
export function compileSchedule(schedule: ParsedSchedule): CompiledSchedule {
  const zone = IANAZone.create(schedule.timezone);
  const timezone = zone.name;
  const calendar = schedule.holidays && holidayCalendar(schedule.holidays);
  const rules = schedule.rules.map((rule, index) => compileRule(rule, index, timezone, calendar));
  const otherwise = Object.entries(schedule.otherwise ?? {});
  const otherwiseActive: Active = {
    reason: `schedule otherwise: no rule matched (${timezone})`,
    rule: 'otherwise',
    window: 'otherwise',
  };
  const targets = new Map<string, Map<string, PoolTarget>>();
  for (const [pool, target] of [...rules.flatMap((rule) => rule.counts), ...otherwise]) {
    targets.set(pool, (targets.get(pool) ?? new Map()).set(JSON.stringify(target), target));
  }
  const cronEdges = (fromMs: number, toMs: number): number[] => {
    const edges: number[] = [];
    for (const { cron } of rules) {
      if (!cron) continue;
      let fire = cron.cron.nextRun(new Date(fromMs - cron.durationInMs));
      for (let n = 0; fire && fire.getTime() <= toMs && n < 100_000; n++) {
        edges.push(fire.getTime(), fire.getTime() + cron.durationInMs);
        fire = cron.cron.nextRun(fire);
      }
    }
    return edges.filter((edge) => edge >= fromMs && edge <= toMs);
  };
  const resolve = (ms: number): ScheduleResolution => {
    const localMs = ms + zone.offset(ms) * MINUTE_IN_MS;
    const pools = new Map<string, ResolvedPool>();
    for (const rule of rules) {
      const active = rule.active(ms, localMs);
      if (active === undefined) continue;
      for (const [pool, target] of rule.counts) {
        if (!pools.has(pool)) pools.set(pool, { target, ...active });
      }
    }
    for (const [pool, target] of otherwise) {
      if (!pools.has(pool)) pools.set(pool, { target, ...otherwiseActive });
    }
    return { pools };
  };
  const cache = new Map<number, ScheduleResolution>();
  return {
    timezone,
    leadTime: schedule.leadTime === 0 ? undefined : schedule.leadTime,
    pools: [...targets.keys()],
    resolve,
    resolveCached(ms) {
      let resolution = cache.get(ms);
      if (resolution === undefined) {
        // Instants are cached in the order asked, which is forward in time: those before `ms` are not asked again.
        for (const key of cache.keys()) {
          if (key >= ms) break;
          cache.delete(key);
        }
        resolution = resolve(ms);
        cache.set(ms, resolution);
        if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as number);
      }
      return resolution;
    },
    get cachedInstants() {
      return cache.size;
    },
    cronEdges,
    changePoints(fromMs, toMs) {
      const points = new Set(cronEdges(fromMs, toMs));
      for (let ms = Math.floor(fromMs / MINUTE_IN_MS + 1) * MINUTE_IN_MS; ms <= toMs; ms += MINUTE_IN_MS) {
        points.add(ms);
      }
      points.add(toMs);
      points.delete(fromMs);
      return [...points].sort((a, b) => a - b);
    },
    targetsOf: (pool) => [...(targets.get(pool)?.values() ?? [])],
  };
}

function compileRule(
  rule: ParsedSchedule['rules'][number],
  index: number,
  timezone: string,
  calendar: HolidayCalendar | undefined,
): CompiledRule {
  const counts = Object.entries(rule.counts);
  if (rule.when !== undefined && isHolidaysWhen(rule.when)) {
    const holidays = calendar as HolidayCalendar;
    const label = `rule ${index + 1} 'holidays'`;
    return {
      counts,
      active(_ms, localMs) {
        const names = holidays.namesOn(localMs);
        if (names.length === 0) return undefined;
        return {
          reason: holidayReason(label, names, holidays.label, timezone),
          rule: `${label} (${names.join(' and ')})`,
          window: `rule ${index + 1}: holiday ${names.join(' and ')}`,
        };
      },
    };
  }
  if (rule.when !== undefined) {
    const window = tryParseWhen(rule.when) as WhenWindow;
    const text = rule.when.trim();
    const label = `rule ${index + 1} '${text}'`;
    const active: Active = {
      reason: `schedule ${label} (${timezone})`,
      rule: label,
      window: `rule ${index + 1}: ${text}`,
    };
    return { counts, active: (_ms, localMs) => (windowContains(window, localMs) ? active : undefined) };
  }
  const text = rule.cron as string;
  const durationInMs = rule.duration as number;
  const cron = new Cron(text, { timezone, paused: true, mode: '5-or-6-parts' });
  const what = `cron '${text.trim()}' for ${formatDuration(durationInMs)}`;
  const label = `rule ${index + 1} ${what}`;
  return {
    counts,
    cron: { cron, durationInMs },
    active(ms) {
      const fire = cron.previousRuns(1, new Date(Math.floor(ms / 1000) * 1000 + 1000))[0];
      if (!fire || ms - fire.getTime() >= durationInMs) return undefined;
      return {
        reason: `schedule ${label}, fired ${fire.toISOString()} (${timezone})`,
        rule: label,
        window: `rule ${index + 1}: ${what}`,
      };
    },
  };
}
