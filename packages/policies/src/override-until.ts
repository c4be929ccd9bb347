import { formatDuration, tryParseDurationInMs } from '@aks-scaler/core/common';
import { DateTime } from 'luxon';

/** How far ahead an override may end: 30 days. Lasting changes belong in the policy. */
export const MAX_OVERRIDE_IN_MS = 30 * 86_400_000;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/** Examples of an instant, for messages. */
export const INSTANT_EXAMPLES = '2026-12-07T08:00:00Z or 2026-12-07T09:00:00+01:00';

/**
 * Reads an override's `until`: an ISO 8601 instant with `Z` or a UTC offset. A date and time without either is
 * refused (it would mean another instant on every machine). Returns the instant, or what to write instead.
 *
 * @example
 * ```ts
 * parseUntil('2026-12-07T09:00:00+01:00'); // { at: Date(2026-12-07T08:00:00Z) }
 * parseUntil('2026-12-07T08:00'); // { problem: '... has no UTC offset ...' }
 * ```
 */
export function parseUntil(
  text: string,
  hint = `use e.g. ${INSTANT_EXAMPLES}`,
): { at: Date } | { problem: string } {
  const value = typeof text === 'string' ? text.trim() : '';
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (INSTANT.test(value)) {
    const parsed = DateTime.fromISO(value, { setZone: true });
    if (parsed.isValid) return { at: parsed.toJSDate() };
    return { problem: `${shown} is not a date and time that exists; ${hint}` };
  }
  if (LOCAL_TIME.test(value)) {
    return {
      problem: `${shown} has no UTC offset, so it would mean another instant on every machine; add Z or an offset: ${value}Z (UTC) or ${value}+01:00`,
    };
  }
  return { problem: `${shown} is not an ISO 8601 instant with Z or a UTC offset; ${hint}` };
}

/**
 * Reads `until` as a command line may give it: an instant (see {@link parseUntil}) or a duration from `now` such as
 * `4h`, `90m` or `2d`. Returns the instant as UTC text (`2026-12-05T17:00:00Z`), or what to write instead.
 *
 * @example
 * ```ts
 * untilFrom('4h', new Date('2026-12-05T13:00:00Z')); // { until: '2026-12-05T17:00:00Z', at: ... }
 * ```
 */
export function untilFrom(text: string, now: Date): { until: string; at: Date } | { problem: string } {
  const duration = tryParseDurationInMs(text);
  if (duration !== undefined) {
    const at = new Date(now.getTime() + duration);
    return { until: formatInstant(at), at };
  }
  const parsed = parseUntil(
    text,
    `give an instant such as ${INSTANT_EXAMPLES}, or a duration from now such as 4h or 2d`,
  );
  if ('problem' in parsed) return parsed;
  return { until: formatInstant(parsed.at), at: parsed.at };
}

/** An instant as UTC text without milliseconds when it has none: `2026-12-05T17:00:00Z`. */
export function formatInstant(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'utc' }).toISO({ suppressMilliseconds: true }) ?? at.toISOString();
}

/**
 * Whether an override ending at `at` may be set at `now`: a problem when it ends more than 30 days ahead (use the
 * policy for lasting changes), or when it has already ended.
 */
export function untilProblem(at: Date, now: Date, text: string): string | undefined {
  const ahead = at.getTime() - now.getTime();
  if (ahead > MAX_OVERRIDE_IN_MS) {
    return `${text} is ${formatDuration(ahead)} ahead, more than the 30 days an override may last; end it within 30 days, or change the policy for a lasting change`;
  }
  if (ahead <= 0) return `${text} has already passed`;
  return undefined;
}
