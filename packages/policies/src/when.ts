import { describeValue, throwIfIssues } from './pool-counts.js';

const DAY_IN_MS = 86_400_000;
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** A weekly window: on the given weekdays, from `startInMinutes` to `endInMinutes` of local wall-clock time. */
export interface WeeklyWindow {
  /** Discriminant. */
  readonly kind: 'weekly';
  /** `days[d]` is true when the window starts on weekday `d` (0 = Sunday ... 6 = Saturday). */
  readonly days: readonly boolean[];
  /** Start, in minutes after local midnight (inclusive). */
  readonly startInMinutes: number;
  /** End, in minutes after local midnight (exclusive; 1440 for `24:00`). Before the start: crosses midnight. */
  readonly endInMinutes: number;
}

/** An absolute window of local wall-clock time, e.g. a holiday. */
export interface AbsoluteWindow {
  /** Discriminant. */
  readonly kind: 'absolute';
  /** Start as a local wall-clock reading expressed as if it were UTC milliseconds (inclusive). */
  readonly startInLocalMs: number;
  /** End as a local wall-clock reading expressed as if it were UTC milliseconds (exclusive). */
  readonly endInLocalMs: number;
}

/** A parsed `when` string. */
export type WhenWindow = WeeklyWindow | AbsoluteWindow;

/**
 * Parses a schedule `when` string, throwing a `ConfigError` that says what is expected.
 *
 * Grammar: `<days> <HH:MM>-<HH:MM>` where days is `*` or a comma list of days and day ranges (`Mon-Fri`,
 * `Sat,Sun`, `Mon`, `Fri-Mon`); the end is exclusive, `24:00` is allowed as an end, and an end before the start
 * crosses midnight and belongs to the day it starts. `<days>` alone means the whole day. An absolute range of
 * local times: `2026-12-24T00:00/2026-12-27T00:00` (dates alone mean midnight).
 *
 * @example
 * ```ts
 * parseWhen('Fri 22:00-06:00'); // Friday 22:00 until Saturday 06:00, local time
 * ```
 */
export function parseWhen(text: string, path = 'when'): WhenWindow {
  const result = tryParseWhen(text);
  if (typeof result === 'string') throwIfIssues('Invalid schedule window', [{ path, message: result }]);
  return result as WhenWindow;
}

/**
 * Whether a rule's `when` is `holidays`: the days of the schedule's holiday calendar (any case, surrounding spaces
 * allowed), rather than a window of this grammar.
 */
export function isHolidaysWhen(text: unknown): boolean {
  return typeof text === 'string' && text.trim().toLowerCase() === 'holidays';
}

/** Parses a `when` string; returns the problem as a message instead of throwing. */
export function tryParseWhen(text: unknown): WhenWindow | string {
  if (typeof text !== 'string')
    return `expected a string such as 'Mon-Fri 07:30-20:30', got ${describeValue(text)}`;
  const trimmed = text.trim();
  if (trimmed.includes('/')) return parseAbsolute(trimmed);
  const tokens = trimmed.split(/\s+/);
  if (tokens.length < 1 || tokens.length > 2 || tokens[0] === '') {
    return `${describeValue(text)} is not a window: use '<days> <HH:MM>-<HH:MM>' (e.g. 'Mon-Fri 07:30-20:30', 'Sat,Sun 00:00-24:00', '* 22:00-06:00') or an absolute range '2026-12-24T00:00/2026-12-27T00:00'`;
  }
  const days = parseDays(tokens[0] as string);
  if (typeof days === 'string') return days;
  if (tokens.length === 1) return { kind: 'weekly', days, startInMinutes: 0, endInMinutes: 1440 };
  const times = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(tokens[1] as string);
  if (!times)
    return `time range ${describeValue(tokens[1])} must look like 'HH:MM-HH:MM' (e.g. '07:30-20:30')`;
  const start = minutes(Number(times[1]), Number(times[2]), false);
  const end = minutes(Number(times[3]), Number(times[4]), true);
  if (start === undefined) return `start ${times[1]}:${times[2]} is not a time of day (00:00 to 23:59)`;
  if (end === undefined) return `end ${times[3]}:${times[4]} is not a time of day (00:00 to 24:00)`;
  if (start === end) {
    return `start and end are both ${times[1]}:${times[2]}: the window would be empty; use '00:00-24:00' for whole days`;
  }
  return { kind: 'weekly', days, startInMinutes: start, endInMinutes: end };
}

function minutes(hours: number, mins: number, allowMidnightEnd: boolean): number | undefined {
  if (mins > 59) return undefined;
  if (hours === 24 && mins === 0 && allowMidnightEnd) return 1440;
  if (hours > 23) return undefined;
  return hours * 60 + mins;
}

function parseDays(token: string): boolean[] | string {
  const days = [false, false, false, false, false, false, false];
  if (token === '*') return days.map(() => true);
  for (const item of token.split(',')) {
    const range = /^([A-Za-z]{3})(?:-([A-Za-z]{3}))?$/.exec(item);
    const from = range ? dayIndex(range[1] as string) : -1;
    const to = range?.[2] === undefined ? from : dayIndex(range[2]);
    if (!range || from < 0 || to < 0) {
      return `days ${describeValue(token)} must be '*' or days Mon, Tue, Wed, Thu, Fri, Sat, Sun, ranges and lists of them (e.g. 'Mon-Fri', 'Sat,Sun')`;
    }
    for (let day = from; ; day = (day + 1) % 7) {
      days[day] = true;
      if (day === to) break;
    }
  }
  return days;
}

function dayIndex(name: string): number {
  return DAY_NAMES.indexOf(name.toLowerCase() as (typeof DAY_NAMES)[number]);
}

function parseAbsolute(text: string): AbsoluteWindow | string {
  const parts = text.split('/');
  const expected = `use local times 'YYYY-MM-DDTHH:MM/YYYY-MM-DDTHH:MM', e.g. '2026-12-24T00:00/2026-12-27T00:00'`;
  if (parts.length !== 2) return `${describeValue(text)} is not an absolute range: ${expected}`;
  const start = localDateTime(parts[0] as string);
  const end = localDateTime(parts[1] as string);
  if (start === undefined) return `${describeValue(parts[0])} is not a local date-time: ${expected}`;
  if (end === undefined) return `${describeValue(parts[1])} is not a local date-time: ${expected}`;
  if (end <= start)
    return `range ${describeValue(text)} ends before it starts: the end is exclusive and must be later`;
  return { kind: 'absolute', startInLocalMs: start, endInLocalMs: end };
}

function localDateTime(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match
    .slice(1)
    .map((part) => Number(part ?? 0)) as number[];
  if ((hour as number) > 23 || (minute as number) > 59 || (second as number) > 59) return undefined;
  const ms = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== (month as number) - 1 ||
    check.getUTCDate() !== day
  ) {
    return undefined;
  }
  return ms;
}

/**
 * Whether a local wall-clock reading (local time expressed as if it were UTC milliseconds) lies in the window.
 * Reading the local clock is what gives DST its meaning here: a skipped start begins at the first existing time
 * after it, and a repeated time matches both times it occurs.
 */
export function windowContains(window: WhenWindow, localMs: number): boolean {
  if (window.kind === 'absolute') return localMs >= window.startInLocalMs && localMs < window.endInLocalMs;
  const dayStart = Math.floor(localMs / DAY_IN_MS) * DAY_IN_MS;
  const minute = (localMs - dayStart) / 60_000;
  const weekday = (((Math.floor(localMs / DAY_IN_MS) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const { days, startInMinutes: start, endInMinutes: end } = window;
  if (start < end) return days[weekday]! && minute >= start && minute < end;
  return (days[weekday]! && minute >= start) || (days[(weekday + 6) % 7]! && minute < end);
}
