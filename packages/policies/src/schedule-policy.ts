import type { Policy } from '@aks-scaler/core';
import { decisionFor } from './pool-target.js';
import { compileSchedule } from './schedule.js';
import { type ParsedSchedule, parseSchedule, type ScheduleSpec } from './schedule-schema.js';

/**
 * A policy from wall-clock rules in one IANA timezone. A rule's `counts` (and `otherwise`) give each pool a
 * target: a node count, `'stop'`, or an autoscaler range `{ min, max }`. For each pool, the first active rule that
 * names it wins;
 * `otherwise` applies to pools no active rule names; without it the policy has no opinion on them.
 *
 * `when` rules match when the local clock reading lies in their window (see {@link parseWhen}): on a
 * spring-forward day a window whose start does not exist begins at the first existing minute after it, and on a
 * fall-back day a repeated time matches both times it occurs. Cron rules are active from each fire (in the
 * timezone) for their duration. Everything is parsed once, here: a bad spec throws one `ConfigError` listing
 * every problem.
 *
 * @example
 * ```ts
 * const policy = schedulePolicy({
 *   timezone: 'Europe/Berlin',
 *   rules: [
 *     { when: '2026-12-24T00:00/2026-12-27T00:00', counts: { manualpool2: 0, batch: 'stop' } },
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
  return {
    name: 'schedule',
    evaluate({ now }) {
      return [...compiled.resolve(now.getTime()).pools].map(([pool, { target, reason }]) =>
        decisionFor(pool, target, reason),
      );
    },
  };
}
