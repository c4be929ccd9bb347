import { Duration } from 'luxon';
import { describeValue, throwIfIssues } from './pool-counts.js';

const UNIT_IN_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SHORT_FORM = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const SHORT_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const MAX_DURATION_IN_MS = 366 * 86_400_000;

/**
 * Parses a duration such as `90s`, `45m`, `8h`, `1h30m`, `2d`, `500ms` or an ISO 8601 duration (`PT8H`, `P1DT2H`)
 * to milliseconds. Durations must be positive and at most 366 days; ISO years and months are refused because their
 * length varies. Anything else throws a `ConfigError` naming `path`.
 *
 * @example
 * ```ts
 * parseDurationInMs('1h30m'); // 5_400_000
 * parseDurationInMs('PT8H'); // 28_800_000
 * ```
 */
export function parseDurationInMs(text: string, path = 'duration'): number {
  const ms = toMs(typeof text === 'string' ? text.trim() : undefined);
  if (ms === undefined || !(ms > 0) || ms > MAX_DURATION_IN_MS) {
    throwIfIssues('Invalid duration', [
      {
        path,
        message: `${describeValue(text)} is not a duration: use e.g. '90s', '45m', '8h', '1h30m', '2d' or ISO 'PT8H' (more than 0, at most 366 days)`,
      },
    ]);
  }
  return Math.round(ms as number);
}

function toMs(text: string | undefined): number | undefined {
  if (text === undefined || text === '' || text.length > 64) return undefined;
  if (SHORT_FORM.test(text)) {
    let total = 0;
    for (const [, amount, unit] of text.matchAll(SHORT_PART))
      total += Number(amount) * UNIT_IN_MS[unit as string]!;
    return total;
  }
  if (/^P/i.test(text)) {
    const duration = Duration.fromISO(text.toUpperCase());
    if (!duration.isValid || duration.years !== 0 || duration.months !== 0 || duration.quarters !== 0) {
      return undefined;
    }
    const ms = duration.toMillis();
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}

/** Formats milliseconds the way {@link parseDurationInMs} reads them, e.g. `1h30m`. */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}ms`);
  return parts.join('');
}
