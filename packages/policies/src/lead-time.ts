import { DEFAULT_EXPECTED_OPERATION_IN_MS, tryParseDurationInMs } from '@aks-scaler/core/common';
import { z } from 'zod';

/**
 * The lead of a `leadTime: auto` scale-up when nothing says how long operations take (the policy context has no
 * `expectedOperationInMs`, as in a preview): 10 minutes. The same constant as core's.
 */
export { DEFAULT_EXPECTED_OPERATION_IN_MS };

/** The longest lead: one day. A longer expected duration is taken as one day. */
export const MAX_LEAD_TIME_IN_MS = 86_400_000;

/** A parsed `leadTime`: milliseconds, or `auto` (each scale-up's expected duration). */
export type LeadTime = number | 'auto';

/** The zod schema of a schedule's `leadTime`: `auto`, or a duration of at most a day (`0s` turns it off). */
export const leadTimeSchema = z
  .string()
  .transform((text, ctx): LeadTime => {
    if (text.trim().toLowerCase() === 'auto') return 'auto';
    const ms = tryParseDurationInMs(text, { allowZero: true });
    if (ms !== undefined && ms <= MAX_LEAD_TIME_IN_MS) return ms;
    ctx.issues.push({
      code: 'custom',
      input: text,
      message:
        "expected 'auto' (each scale-up starts its expected duration early) or a duration of at most 24h such as '10m' or '1h30m'; '0s' turns it off",
    });
    return z.NEVER;
  })
  .meta({
    description:
      "Start scale-ups this long before their window opens: a duration such as '10m', or 'auto' (the expected duration of each scale-up; 10 minutes when unknown). Scale-downs stay on time.",
  });

/** How long before a pool's count rises from `from` to `to` the rise starts, in milliseconds. */
export type LeadFor = (pool: string, from: number, to: number) => number;

/** What `auto` asks: the expected duration of scaling `pool` from `from` to `to` nodes, when known. */
export type ExpectedOperation = (pool: string, from: number, to: number) => number | undefined;

/**
 * The lead of each scale-up: the fixed duration, or for `auto` what `expected` says (10 minutes when it says
 * nothing, or something that is not a duration) plus one `intervalInMs`, at most a day. The interval is how often
 * the policy is evaluated (a loop's tick): the last evaluation before the latest moment to start may come up to
 * one interval before it, so `auto` starts one interval earlier and the nodes are in place when the window opens.
 */
export function leadFor(leadTime: LeadTime, expected?: ExpectedOperation, intervalInMs = 0): LeadFor {
  if (leadTime !== 'auto') return () => leadTime;
  const interval = Number.isFinite(intervalInMs) && intervalInMs > 0 ? intervalInMs : 0;
  return (pool, from, to) => {
    const ms = expected?.(pool, from, to);
    const expectedInMs =
      typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 ? DEFAULT_EXPECTED_OPERATION_IN_MS : ms;
    return Math.min(expectedInMs + interval, MAX_LEAD_TIME_IN_MS);
  };
}

/** How far ahead, in words: `45 s`, `6 min`, `1 h 30 min` (rounded up to whole minutes from a minute on). */
export function formatAhead(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.ceil(ms / 1000))} s`;
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}
