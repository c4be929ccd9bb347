import { Cron } from 'croner';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { holidaysConfigSchema } from './holiday-calendar.js';
import { leadTimeSchema } from './lead-time.js';
import { poolTargets } from './pool-target.js';
import { durationInMs, onObjects } from './schema-primitives.js';
import { validateWith } from './validation.js';
import { isHolidaysWhen, tryParseWhen } from './when.js';

const whenText = z
  .string()
  .superRefine((text, ctx) => {
    if (isHolidaysWhen(text)) return;
    const window = tryParseWhen(text);
    if (typeof window === 'string') ctx.addIssue({ code: 'custom', message: window });
  })
  .meta({
    description:
      "A window: 'Mon-Fri 07:30-20:30', 'Fri 22:00-06:00', '2026-12-24T00:00/2026-12-27T00:00', or 'holidays' (the days of the schedule's holiday calendar).",
  });

const cronText = z
  .string()
  .superRefine((text, ctx) => {
    try {
      new Cron(text, { paused: true, mode: '5-or-6-parts' });
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `not a cron expression (minute hour day-of-month month day-of-week, e.g. '0 7 * * 1-5'): ${error instanceof Error ? error.message : error}`,
      });
    }
  })
  .meta({ description: "A cron expression in the schedule's timezone, e.g. '0 7 * * 1-5'." });

// `counts` comes first so that its problems are listed before the rule's other problems.
const scheduleRule = z
  .strictObject({
    counts: poolTargets,
    when: whenText.optional(),
    cron: cronText.optional(),
    duration: durationInMs({ allowZero: false })
      .optional()
      .meta({ description: "How long a cron rule stays active after each fire, e.g. '8h'." }),
  })
  .superRefine((rule, ctx) => {
    if ((rule.when === undefined) === (rule.cron === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a rule needs exactly one of `when` or `cron` (with `duration`)',
      });
    } else if (rule.when !== undefined && rule.duration !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['duration'], message: '`duration` belongs to cron rules only' });
    } else if (rule.cron !== undefined && rule.duration === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: "a cron rule needs a `duration`, e.g. '8h'",
      });
    }
  }, onObjects);

/**
 * The zod schema of a schedule: the rules of {@link schedulePolicy}, {@link scheduleTransitions} and the config's
 * `schedule`. Its output is the schedule with each cron rule's `duration` parsed to milliseconds.
 */
export const scheduleConfigSchema = z
  .strictObject({
    timezone: z
      .string()
      .refine(
        (zone) => IANAZone.isValidZone(zone),
        "not a known IANA timezone: use a name such as 'Europe/Berlin', 'America/New_York' or 'UTC'",
      ),
    holidays: holidaysConfigSchema.optional(),
    leadTime: leadTimeSchema.optional(),
    rules: z.array(scheduleRule),
    otherwise: poolTargets.optional(),
  })
  .superRefine((schedule, ctx) => {
    if (schedule.holidays !== undefined || !Array.isArray(schedule.rules)) return;
    schedule.rules.forEach((rule, index) => {
      if (!isHolidaysWhen(rule?.when)) return;
      ctx.addIssue({
        code: 'custom',
        path: ['rules', index, 'when'],
        input: rule.when,
        message:
          "`when: holidays` needs the schedule's holiday calendar: add `holidays: { country: 'DE' }` next to `timezone` (with a `region` such as 'BY' where holidays differ by state)",
      });
    });
  }, onObjects);

/**
 * A rule active while the local wall-clock time lies in a `when` window, e.g. `Mon-Fri 07:30-20:30`, or, with
 * `when: 'holidays'`, on every local date that the schedule's holiday calendar lists.
 */
export type WhenRule = Pick<z.input<typeof scheduleConfigSchema>['rules'][number], 'counts'> & {
  /**
   * A window such as `Mon-Fri 07:30-20:30`, `Fri 22:00-06:00` or `2026-12-24T00:00/2026-12-27T00:00`, or
   * `holidays`.
   */
  when: string;
};

/**
 * A rule that becomes active when a cron expression fires (in the schedule's timezone) and stays active for
 * `duration`.
 */
export type CronRule = Pick<z.input<typeof scheduleConfigSchema>['rules'][number], 'counts'> & {
  /** A cron expression (5 fields, or 6 with seconds), e.g. `0 7 * * 1-5`. */
  cron: string;
  /** How long the rule stays active after each fire: `8h`, `90m`, `1h30m` or ISO `PT8H`. */
  duration: string;
};

/** One rule of a {@link schedulePolicy}. */
export type ScheduleRule = WhenRule | CronRule;

/**
 * What {@link schedulePolicy} is built from, and the config's `schedule`: an IANA `timezone`, `rules` tried in
 * order (for each pool the first active rule that names it wins) and `otherwise`, the targets for pools no active
 * rule names (without it the schedule has no opinion on them). A target is a node count, `'stop'` or an
 * autoscaler range `{ min, max }`. Optionally `holidays`, the calendar of
 * `when: 'holidays'` rules (`{ country: 'DE', region: 'BY', types: ['public'] }`), and `leadTime` (`'10m'` or
 * `'auto'`), which starts scale-ups that much before their window.
 */
export type ScheduleSpec = Omit<z.input<typeof scheduleConfigSchema>, 'rules'> & { rules: ScheduleRule[] };

/** A validated schedule, each cron rule's `duration` in milliseconds. */
export type ParsedSchedule = z.output<typeof scheduleConfigSchema>;

/** Validates and parses a schedule, throwing one `ConfigError` with every problem found. */
export function parseSchedule(spec: ScheduleSpec): ParsedSchedule {
  return validateWith(scheduleConfigSchema, spec, { title: 'Invalid schedule', path: 'schedule' });
}
