import { DEFAULT_POLL_INTERVAL_IN_MS } from './defaults.js';
import { definedOnly } from './defined-only.js';

/**
 * When the client polls a running operation (its status URL, or the pool of an operation someone else started)
 * and ARM sends no `Retry-After`. AKS sends none, and an operation-status GET counts against AKS's per-subscription
 * budget (200, refilled at 2 a second), so the schedule polls by what the operation is expected to take.
 */
export interface PollScheduleOptions {
  /**
   * The shortest wait between two polls, near an operation's expected end.
   * @default 200
   */
  minIntervalInMs?: number | undefined;
  /**
   * The longest wait between two polls, early in a long operation or long after its expected end.
   * @default 30000
   */
  maxIntervalInMs?: number | undefined;
  /**
   * The wait while nothing is known about the operation's duration: this interval, growing with the time the
   * operation has run (4% of it) up to `maxIntervalInMs`.
   * @default 2000
   */
  unknownIntervalInMs?: number | undefined;
  /**
   * The longest `Retry-After` honoured; a longer one is taken as this (a broken header must not stall a wait).
   * @default 120000
   */
  maxRetryAfterInMs?: number | undefined;
}

/** The schedule's defaults. */
export const DEFAULT_POLL_SCHEDULE: { readonly [K in keyof PollScheduleOptions]-?: number } = {
  minIntervalInMs: 200,
  maxIntervalInMs: 30_000,
  unknownIntervalInMs: DEFAULT_POLL_INTERVAL_IN_MS,
  maxRetryAfterInMs: 120_000,
};

/** Near the expected end polls are this fraction of the expected duration apart (at least `minIntervalInMs`). */
const NEAR_END_FRACTION = 0.01;
/** Without an expectation, or past it, the wait grows to this fraction of the time the operation has run. */
const GROWTH_FRACTION = 0.04;

/** What the next wait is decided from. */
export interface PollInput {
  /** Milliseconds since the operation started (since the PUT was sent, or since a busy pool was first seen). */
  elapsedInMs: number;
  /** What the operation is expected to take in all; `undefined` when nothing is known. */
  expectedInMs?: number | undefined;
  /** The `Retry-After` of the last answer, when it sent one. */
  retryAfterInMs?: number | undefined;
}

/** Decides the wait before each poll of an operation. */
export interface PollSchedule {
  /** The wait before the next poll, in milliseconds. */
  nextDelayInMs(input: PollInput): number;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * The schedule: `Retry-After` when ARM sends one (up to `maxRetryAfterInMs`); else, with an expected duration `E`,
 * sparse early and dense near the end: half the time left until `E` (at most `maxIntervalInMs`), never closer than
 * 1% of `E` (at least `minIntervalInMs`), and past `E` half the time it is overdue, at most 4% of the time it has
 * run; with nothing known, `unknownIntervalInMs`, growing to 4% of the time it has run (at most `maxIntervalInMs`).
 * So a 6-minute operation that ends when expected costs 16 polls (180 at a fixed 2 s) and is seen within 3.6 s
 * of its end.
 */
export function createPollSchedule(options: PollScheduleOptions = {}): PollSchedule {
  const s = { ...DEFAULT_POLL_SCHEDULE, ...definedOnly(options) };
  const max = Math.max(s.minIntervalInMs, s.maxIntervalInMs);
  return {
    nextDelayInMs({ elapsedInMs, expectedInMs, retryAfterInMs }) {
      if (retryAfterInMs !== undefined) return clamp(retryAfterInMs, 0, s.maxRetryAfterInMs);
      const t = Math.max(0, elapsedInMs);
      if (expectedInMs === undefined || !(expectedInMs > 0)) {
        return Math.ceil(clamp(GROWTH_FRACTION * t, Math.min(s.unknownIntervalInMs, max), max));
      }
      const near = clamp(NEAR_END_FRACTION * expectedInMs, s.minIntervalInMs, max);
      const left = expectedInMs - t;
      const wait = left > 0 ? left / 2 : Math.min(-left / 2, GROWTH_FRACTION * t);
      return Math.ceil(clamp(wait, near, max));
    },
  };
}

/** A fixed interval (what an explicit `pollIntervalInMs` asks for), `Retry-After` still honoured. */
export function fixedPollSchedule(
  intervalInMs: number,
  maxRetryAfterInMs = DEFAULT_POLL_SCHEDULE.maxRetryAfterInMs,
): PollSchedule {
  return {
    nextDelayInMs: ({ retryAfterInMs }) =>
      retryAfterInMs !== undefined ? clamp(retryAfterInMs, 0, maxRetryAfterInMs) : intervalInMs,
  };
}

/** The problems of schedule options, as `{ path, message }` (path prefixed with `pollSchedule.`). */
export function pollScheduleIssues(
  options: PollScheduleOptions | undefined,
): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  for (const [name, value] of Object.entries(options ?? {})) {
    if (value === undefined) continue;
    if (!(name in DEFAULT_POLL_SCHEDULE)) {
      issues.push({
        path: `pollSchedule.${name}`,
        message: `unknown option; expected one of ${Object.keys(DEFAULT_POLL_SCHEDULE).join(', ')}`,
      });
    } else if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      issues.push({
        path: `pollSchedule.${name}`,
        message: `expected a number >= 0, got ${String(value)} (${typeof value})`,
      });
    }
  }
  return issues;
}
