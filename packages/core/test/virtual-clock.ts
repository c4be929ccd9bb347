import { AbortedError } from '../src/errors.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A virtual clock for unit tests: `sleep` registers a timer, `run()` fires the timers in time order (moving
 * `now()` to each), letting promise chains settle between them. Nothing waits on the wall clock.
 */
export function virtualClock(start = 0) {
  let t = start;
  const timers = new Set<{ at: number; resolve: () => void }>();
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    pending: () => timers.size,
    sleep(ms: number, abortSignal?: AbortSignal): Promise<void> {
      sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (abortSignal?.aborted) {
          reject(new AbortedError());
          return;
        }
        const timer = { at: t + ms, resolve };
        timers.add(timer);
        abortSignal?.addEventListener(
          'abort',
          () => {
            timers.delete(timer);
            reject(new AbortedError());
          },
          { once: true },
        );
      });
    },
    /** Fires timers in order until none is due at or before `until` (default: until none is left). */
    async run(until = Number.POSITIVE_INFINITY): Promise<void> {
      for (let i = 0; i < 5; i++) await turn();
      for (;;) {
        const next = [...timers].sort((a, b) => a.at - b.at)[0];
        if (!next || next.at > until) break;
        timers.delete(next);
        t = Math.max(t, next.at);
        next.resolve();
        for (let i = 0; i < 5; i++) await turn();
      }
      if (Number.isFinite(until)) t = Math.max(t, until);
    },
  };
}
