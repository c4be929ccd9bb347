import type { Policy } from '@aks-scaler/core';
import { leadFor } from './lead-time.js';
import { decisionFor } from './pool-target.js';
import { compileSchedule } from './schedule.js';
import { resolveWithLead } from './schedule-lead.js';
import { type ParsedSchedule, parseSchedule, type ScheduleSpec } from './schedule-schema.js';

/**
 * A policy from wall-clock rules in one IANA timezone. A rule's `counts` (and `otherwise`) give each pool a
 * target: a node count, `'stop'`, or an autoscaler range `{ min, max }`. For each pool, the first active rule that
 * names it wins; `otherwise` applies to pools no active rule names; without it the policy has no opinion on them.
 *
 * `when` rules match when the local clock reading lies in their window (see {@link parseWhen}): on a
 * spring-forward day a window whose start does not exist begins at the first existing minute after it, and on a
 * fall-back day a repeated time matches both times it occurs. A `when: 'holidays'` rule matches on every local
 * date that the schedule's `holidays` calendar lists (the `date-holidays` data, loaded only then), and its reason
 * names the holiday (`holiday Christmas Day`). Cron rules are active from each fire (in the timezone) for their
 * duration. Everything is parsed once, here: a bad spec throws one `ConfigError` listing every problem.
 *
 * With `leadTime`, each pool's target is the most capacity it gets now and within the lead, in `maxOf`'s order
 * (Running beats Stopped, the larger count, each autoscaler bound's larger value), so a scale-up, or the start of
 * a pool stopped off-hours, begins that much before its window opens (the reason says so: `... starts at 07:30, 6
 * min ahead`) while scale-downs and stops stay on time. `leadTime: 'auto'` takes each scale-up's expected duration
 * from the context's `expectedOperationInMs` (from the lower of the nodes the pool runs, 0 when stopped, and the
 * nodes its target now needs, to the count or range floor ahead), or 10 minutes without it, plus one
 * `ctx.evaluationIntervalInMs` when the policy runs in a loop (a tick may come up to one interval late).
 *
 * @example
 * ```ts
 * const policy = schedulePolicy({
 *   timezone: 'Europe/Berlin',
 *   holidays: { country: 'DE', region: 'BY' },
 *   leadTime: 'auto',
 *   rules: [
 *     { when: 'holidays', counts: { manualpool2: 0, batch: 'stop' } },
 *     { when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10, web: { min: 3, max: 20 } } },
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
              leadFor(
                leadTime,
                (pool, from, to) => ctx.expectedOperationInMs?.(pool, from, to),
                ctx.evaluationIntervalInMs,
              ),
              {
                current: new Map(
                  ctx.pools.map((pool) => [pool.name, pool.powerState === 'Stopped' ? 0 : pool.count]),
                ),
                autoscaled: new Set(
                  ctx.pools.filter((pool) => pool.enableAutoScaling).map((pool) => pool.name),
                ),
              },
            );
      return [...pools].map(([pool, { target, reason }]) => decisionFor(pool, target, reason));
    },
  };
}
