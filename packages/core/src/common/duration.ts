import { Duration } from 'luxon';
import { ConfigError } from '../errors.js';

const UNIT_IN_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
const SHORT_FORM = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const SHORT_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const ZERO = /^0+(?:\.0+)?(?:ms|s|m|h|d)?$/;
/** The longest duration {@link parseDurationInMs} accepts: 366 days. */
export const MAX_DURATION_IN_MS = 366 * 86_400_000;

/** Options of {@link parseDurationInMs} and {@link tryParseDurationInMs}. */
export interface ParseDurationOptions {
  /**
   * Accept a zero duration (`0`, `0s`, `0m`...), e.g. to turn a window off.
   * @default false
   */
  allowZero?: boolean | undefined;
}

/**
 * Parses a duration such as `90s`, `45m`, `8h`, `1h30m`, `2d`, `500ms`, `1.5s` or an ISO 8601 duration (`PT8H`,
 * `P1DT2H`, `P1W`) to milliseconds (units are case-insensitive; surrounding spaces are ignored). A duration is more
 * than 0 (or exactly 0 with `allowZero`) and at most 366 days; ISO years and months are refused because their length
 * varies. Returns `undefined` for anything else; {@link parseDurationInMs} throws instead.
 *
 * @example
 * ```ts
 * tryParseDurationInMs('5m'); // 300_000
 * tryParseDurationInMs('soon'); // undefined
 * ```
 */
export function tryParseDurationInMs(text: string, options: ParseDurationOptions = {}): number | undefined {
  if (typeof text !== 'string') return undefined;
  const compact = text.trim().toLowerCase();
  if (options.allowZero && ZERO.test(compact)) return 0;
  const ms = toMs(compact);
  if (ms === undefined || !(ms > 0) || ms > MAX_DURATION_IN_MS) return undefined;
  return Math.round(ms);
}

/**
 * Parses a duration like {@link tryParseDurationInMs} and throws a `ConfigError` naming `path` (the variable, flag
 * or config key the text came from) when it is not one.
 *
 * @example
 * ```ts
 * parseDurationInMs('1h30m'); // 5_400_000
 * parseDurationInMs('PT8H', 'rules[0].duration'); // 28_800_000
 * parseDurationInMs('0s', 'scaleDownStabilization', { allowZero: true }); // 0
 * ```
 */
export function parseDurationInMs(
  text: string,
  path = 'duration',
  options: ParseDurationOptions = {},
): number {
  const ms = tryParseDurationInMs(text, options);
  if (ms === undefined) {
    const message = `${describe(text)} is not a duration: use e.g. '90s', '45m', '8h', '1h30m', '2d' or ISO 'PT8H' (${options.allowZero ? '0 or more' : 'more than 0'}, at most 366 days)`;
    throw new ConfigError(`Invalid duration: 1 problem:\n  - ${path}: ${message}`, {
      issues: [{ path, message }],
    });
  }
  return ms;
}

function toMs(text: string): number | undefined {
  if (text === '' || text.length > 64) return undefined;
  if (SHORT_FORM.test(text)) {
    let total = 0;
    for (const [, amount, unit] of text.matchAll(SHORT_PART)) {
      total += Number(amount) * (UNIT_IN_MS[unit as string] as number);
    }
    return total;
  }
  if (text.startsWith('p')) {
    const duration = Duration.fromISO(text.toUpperCase());
    if (!duration.isValid || duration.years !== 0 || duration.months !== 0 || duration.quarters !== 0) {
      return undefined;
    }
    const ms = duration.toMillis();
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Formats milliseconds exactly, in the notation {@link parseDurationInMs} reads: `850ms`, `4.2s`, `3m05s`, `1h30m`,
 * `1d02h`. Units below the first are padded to two digits; zero units at the end are left out.
 *
 * @example
 * ```ts
 * formatDuration(5_400_000); // '1h30m'
 * formatDuration(185_000); // '3m05s'
 * ```
 */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  if (rest < 1000) return `${rest}ms`;
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const) {
    const amount = Math.floor(rest / size);
    rest %= size;
    if (amount > 0 || parts.length > 0) parts.push(`${pad(amount, parts.length > 0)}${unit}`);
  }
  if (rest > 0) {
    const seconds = (rest / 1000).toFixed(3).replace(/\.?0+$/, '');
    parts.push(`${parts.length > 0 && rest < 10_000 ? '0' : ''}${seconds}s`);
  }
  // Trailing zero units (`1h00m`) say nothing: drop them.
  while (parts.length > 1 && /^0+[a-z]+$/.test(parts.at(-1) as string)) parts.pop();
  return parts.join('');
}

/**
 * Formats a duration for people reading a display or a message, rounded to what matters at its size: tenths of a
 * second below a minute (always one decimal, so columns keep their width), seconds below an hour, minutes above
 * (`4.2s`, `3.0s`, `3m05s`, `1h02m`). Same notation as {@link formatDuration}.
 *
 * @example
 * ```ts
 * formatElapsed(4_213); // '4.2s'
 * formatElapsed(3_723_000); // '1h02m'
 * ```
 */
export function formatElapsed(ms: number): string {
  const rounded = Math.max(0, ms);
  if (rounded < 1000) return `${Math.round(rounded)}ms`;
  if (rounded < 59_950) return `${(rounded / 1000).toFixed(1)}s`; // a steady width for progress displays
  if (rounded < 3_600_000) return formatDuration(Math.round(rounded / 1000) * 1000);
  return formatDuration(Math.round(rounded / 60_000) * 60_000);
}

function pad(amount: number, padded: boolean): string {
  return padded ? String(amount).padStart(2, '0') : String(amount);
}
