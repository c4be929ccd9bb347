import type { Policy } from '@aks-scaler/core';
import { leadFor } from './lead-time.js';
import { compileSchedule } from './schedule.js';
import { resolveWithLead } from './schedule-lead.js';
import { type ParsedSchedule, parseSchedule, type ScheduleSpec } from './schedule-schema.js';

/**
 * A policy from wall-clock rules in one IANA timezone. For each pool, the first active rule that names it wins;
 * `otherwise` applies to pools no active rule names; without it the policy has no opinion on them.
 *
 * `when` rules match when the local clock reading lies in their window (see {@link parseWhen}): on a
 * spring-forward day a window whose start does not exist begins at the first existing minute after it, and on a
 * fall-back day a repeated time matches both times it occurs. A `when: 'holidays'` rule matches on every local
 * date that the schedule's `holidays` calendar lists (the `date-holidays` data, loaded only then), and its reason
 * names the holiday (`holiday Christmas Day`). Cron rules are active from each fire (in the timezone) for their
 * duration. Everything is parsed once, here: a bad spec throws one `ConfigError` listing every problem.
 *
 * With `leadTime`, each pool's count is the larger of its count now and of any count it gets within the lead, so
 * a scale-up starts that much before its window opens (the reason says so: `... starts at 07:30, 6 min ahead`)
 * while scale-downs stay on time. `leadTime: 'auto'` takes each scale-up's expected duration from the context's
 * `expectedOperationInMs` (from the lower of the pool's current count and the schedule's count now, to the count
 * ahead), or 10 minutes without it.
 *
 * @example
 * ```ts
 * const policy = schedulePolicy({
 *   timezone: 'Europe/Berlin',
 *   holidays: { country: 'DE', region: 'BY' },
 *   leadTime: 'auto',
 *   rules: [
 *     { when: 'holidays', counts: { manualpool2: 0 } },
 *     { when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10 } },
 *     { cron: '0 2 * * *', duration: '2h', counts: { batch: 5 } },
 *   ],
 *   otherwise: { manualpool2: 1, batch: 0 },
 * });
 * ```
 */
export function schedulePolicy(spec: ScheduleSpec): Policy {
  return createSchedulePolicy(parseSchedule(spec));
}

/** {@link schedulePolicy} for a schedule that is already validated (a parsed config). */
export function createSchedulePolicy(schedule: ParsedSchedule): Policy {
  const compiled = compileSchedule(schedule);
  const { leadTime } = compiled;
  return {
    name: 'schedule',
    evaluate(ctx) {
      const ms = ctx.now.getTime();
      const pools =
        leadTime === undefined
          ? compiled.resolve(ms).pools
          : resolveWithLead(
              compiled,
              ms,
              leadFor(leadTime, (pool, from, to) => ctx.expectedOperationInMs?.(pool, from, to)),
              new Map(ctx.pools.map((pool) => [pool.name, pool.count])),
            );
      return [...pools].map(([pool, { count, reason }]) => ({ pool, count, reason }));
    },
  };
}
