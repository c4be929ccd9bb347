/**
 * The reason of a `when: holidays` rule on a holiday: `schedule rule 1 'holidays': holiday Christmas Day in DE-BY
 * (Europe/Berlin)`.
 */
export function holidayReason(
  label: string,
  names: readonly string[],
  calendar: string,
  timezone: string,
): string {
  return `schedule ${label}: holiday ${names.join(' and ')} in ${calendar} (${timezone})`;
}

/**
 * The reason of a count taken early by a `leadTime`: `schedule rule 2: Mon-Fri 07:30-20:30 starts at 07:30, 6 min
 * ahead (Europe/Berlin)`.
 */
export function earlyStartReason(window: string, startsAt: string, ahead: string, timezone: string): string {
  return `schedule ${window} starts at ${startsAt}, ${ahead} ahead (${timezone})`;
}

/** What a schedule's reason says beyond the rule: the holiday it is, or the window a count is taken early for. */
export interface ScheduleReasonNotes {
  /** The holiday (or holidays, `A and B`) of a `when: holidays` rule in force, e.g. `Christmas Day`. */
  holiday?: string | undefined;
  /** A count taken early by a `leadTime`: the rule, and when its window starts (local time, e.g. `07:30`). */
  earlyStart?: { window: string; startsAt: string; ahead: string } | undefined;
}

const HOLIDAY = /\bschedule rule \d+ 'holidays': holiday (.+?) in [A-Z]{2}(?:-[A-Z0-9.]+)? \(/;
const EARLY = /\bschedule (.+?) starts at ((?:[A-Z][a-z]{2} )?\d{2}:\d{2}(?::\d{2})?), (.+?) ahead \(/;

/**
 * Reads the holiday and the early start out of a decision's reason, also when a combinator or a bound wrapped it
 * (`max of [...]: schedule ...`), for displays such as `aks-scaler preview` that mark them. A reason without
 * either gives `{}`.
 *
 * @example
 * ```ts
 * scheduleReasonNotes("max of [static=1, schedule=0]: schedule rule 1 'holidays': holiday Christmas Day in DE (Europe/Berlin)");
 * // { holiday: 'Christmas Day' }
 * scheduleReasonNotes('schedule rule 2: Mon-Fri 07:30-20:30 starts at 07:30, 6 min ahead (Europe/Berlin)');
 * // { earlyStart: { window: 'rule 2: Mon-Fri 07:30-20:30', startsAt: '07:30', ahead: '6 min' } }
 * ```
 */
export function scheduleReasonNotes(reason: string): ScheduleReasonNotes {
  const notes: ScheduleReasonNotes = {};
  const holiday = HOLIDAY.exec(reason);
  if (holiday) notes.holiday = holiday[1] as string;
  const early = EARLY.exec(reason);
  if (early) {
    notes.earlyStart = {
      window: early[1] as string,
      startsAt: early[2] as string,
      ahead: early[3] as string,
    };
  }
  return notes;
}
