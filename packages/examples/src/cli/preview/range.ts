import { DateTime } from 'luxon';

/** The range `preview` evaluates: whole local calendar days in a timezone. */
export interface PreviewRange {
  /** Start (inclusive). */
  from: Date;
  /** End (exclusive): `days` local calendar days after `from`, at the same wall-clock time. */
  to: Date;
  /** Real hours between `from` and `to`: 167 or 169 for a week across a daylight-saving change, not 168. */
  hours: number;
}

/** Options of {@link previewRange}. */
export interface PreviewRangeOptions {
  /**
   * `--from`: an ISO 8601 instant (`2026-03-23T00:00:00+01:00`), or a local date or date-time without an offset
   * (`2026-03-23`, `2026-03-23T08:00`), read in `timezone`. Without it: the last Monday 00:00 in `timezone`.
   */
  from?: string;
  /** `--days`: local calendar days. */
  days: number;
  /** `--timezone`: an IANA timezone. */
  timezone: string;
  /** The current instant (for the default start). */
  now: Date;
}

/**
 * The start and end of a preview: `days` local calendar days from `from` (or from the most recent Monday 00:00
 * in `timezone`), so a day of 23 or 25 hours counts as such. Returns `undefined` when `from` is not a date.
 *
 * @example
 * ```ts
 * previewRange({ from: '2026-03-23', days: 7, timezone: 'Europe/Berlin', now: new Date() });
 * // { from: 2026-03-22T23:00:00.000Z, to: 2026-03-29T22:00:00.000Z, hours: 167 }
 * ```
 */
export function previewRange(options: PreviewRangeOptions): PreviewRange | undefined {
  const start =
    options.from === undefined
      ? DateTime.fromJSDate(options.now, { zone: options.timezone }).startOf('week')
      : DateTime.fromISO(options.from.trim(), { zone: options.timezone });
  if (!start.isValid) return undefined;
  const end = start.plus({ days: options.days });
  return {
    from: start.toJSDate(),
    to: end.toJSDate(),
    hours: (end.toMillis() - start.toMillis()) / 3_600_000,
  };
}

/** Whether `zone` is an IANA timezone that luxon and `Intl` both know. */
export function isTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
  } catch {
    return false;
  }
  return DateTime.now().setZone(zone).isValid;
}
