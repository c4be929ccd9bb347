import { isHolidaysWhen, tryParseWhen, type WhenWindow, windowContains } from './when.js';

const MINUTE_IN_MS = 60_000;
const WEEK_IN_MINUTES = 7 * 24 * 60;
/** 1970-01-04 00:00, a Sunday, as a local wall-clock reading: the start of the reference week. */
const SUNDAY_IN_LOCAL_MS = 3 * 24 * 60 * MINUTE_IN_MS;

/** When a schedule rule is active, in a form that can be compared with another rule's. */
export type RuleWindow =
  | { readonly kind: 'weekly'; readonly minutes: Uint8Array }
  | { readonly kind: 'absolute'; readonly startInLocalMs: number; readonly endInLocalMs: number }
  | { readonly kind: 'cron'; readonly cron: string; readonly durationInMs: number }
  | { readonly kind: 'holidays' };

/** A rule's window, or `undefined` when it cannot be compared (a kind of rule this module does not know). */
export function ruleWindow(rule: {
  when?: string | undefined;
  cron?: string | undefined;
  duration?: number | undefined;
}): RuleWindow | undefined {
  if (rule.when !== undefined) {
    // Every `when: holidays` rule of a schedule reads the schedule's one calendar: the same days.
    if (isHolidaysWhen(rule.when)) return { kind: 'holidays' };
    const window = tryParseWhen(rule.when);
    return typeof window === 'string' ? undefined : compile(window);
  }
  if (rule.cron !== undefined && rule.duration !== undefined) {
    return { kind: 'cron', cron: rule.cron.trim().split(/\s+/).join(' '), durationInMs: rule.duration };
  }
  return undefined;
}

function compile(window: WhenWindow): RuleWindow {
  if (window.kind === 'absolute') return window;
  // Windows are read on the local wall clock, so a minute-by-minute map of one week describes them exactly.
  const minutes = new Uint8Array(WEEK_IN_MINUTES);
  for (let minute = 0; minute < WEEK_IN_MINUTES; minute++) {
    minutes[minute] = windowContains(window, SUNDAY_IN_LOCAL_MS + minute * MINUTE_IN_MS) ? 1 : 0;
  }
  return { kind: 'weekly', minutes };
}

/**
 * Whether `outer` is active at every moment `inner` is, so that a later rule with `inner` never matches
 * without `outer` matching too. Cron rules are compared with cron rules only (the same expression, a duration at
 * least as long); an absolute range never covers a weekly window, which repeats forever.
 */
export function covers(outer: RuleWindow, inner: RuleWindow): boolean {
  if (inner.kind === 'holidays') {
    return outer.kind === 'holidays' || (outer.kind === 'weekly' && outer.minutes.every((m) => m === 1));
  }
  if (outer.kind === 'holidays') return false;
  if (outer.kind === 'cron' || inner.kind === 'cron') {
    return (
      outer.kind === 'cron' &&
      inner.kind === 'cron' &&
      outer.cron === inner.cron &&
      outer.durationInMs >= inner.durationInMs
    );
  }
  if (outer.kind === 'absolute') {
    return (
      inner.kind === 'absolute' &&
      outer.startInLocalMs <= inner.startInLocalMs &&
      inner.endInLocalMs <= outer.endInLocalMs
    );
  }
  if (inner.kind === 'weekly') return inner.minutes.every((on, minute) => !on || outer.minutes[minute] === 1);
  // A range longer than a week visits every minute of the week in its first seven days.
  const end = Math.min(inner.endInLocalMs, inner.startInLocalMs + WEEK_IN_MINUTES * MINUTE_IN_MS);
  for (let at = inner.startInLocalMs; at < end; at += MINUTE_IN_MS) {
    const minute = Math.floor((at - SUNDAY_IN_LOCAL_MS) / MINUTE_IN_MS);
    if (outer.minutes[((minute % WEEK_IN_MINUTES) + WEEK_IN_MINUTES) % WEEK_IN_MINUTES] !== 1) return false;
  }
  return true;
}
