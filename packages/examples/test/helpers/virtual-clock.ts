import { AbortedError, type Clock } from '@aks-scaler/core';

interface Timer {
  at: number;
  ms: number;
  resolve: () => void;
}

/** A {@link Clock} whose time moves only when a test says so. */
export interface VirtualClock extends Clock {
  /** Every duration `sleep` was called with, in order. */
  readonly sleeps: number[];
  /** The durations of the sleeps still waiting. */
  pending(): number[];
  /** Resolves when a sleep whose duration matches `match` is waiting, with that duration. */
  whenSleeping(match?: (ms: number) => boolean): Promise<number>;
  /** Moves time forward by `ms`, waking (in time order) every sleep that ends by then. */
  advance(ms: number): void;
}

/**
 * A virtual clock for tests: nothing waits on the wall clock. `whenSleeping` lets a test wait until the code under
 * test is waiting (for a timeout, a backoff), then `advance` fires it.
 */
export function virtualClock(start = Date.parse('2026-11-30T07:30:00Z')): VirtualClock {
  let t = start;
  const timers = new Set<Timer>();
  const sleeps: number[] = [];
  const watchers: Array<{ match: (ms: number) => boolean; resolve: (ms: number) => void }> = [];
  const check = () => {
    for (const watcher of [...watchers]) {
      const timer = [...timers].find((candidate) => watcher.match(candidate.ms));
      if (timer) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(timer.ms);
      }
    }
  };
  return {
    now: () => t,
    sleeps,
    pending: () => [...timers].map((timer) => timer.ms),
    sleep(ms, abortSignal) {
      sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (abortSignal?.aborted) return reject(new AbortedError());
        const timer: Timer = { at: t + ms, ms, resolve };
        timers.add(timer);
        abortSignal?.addEventListener(
          'abort',
          () => {
            timers.delete(timer);
            reject(new AbortedError());
          },
          { once: true },
        );
        check();
      });
    },
    whenSleeping(match = () => true) {
      return new Promise((resolve) => {
        watchers.push({ match, resolve });
        check();
      });
    },
    advance(ms) {
      t += ms;
      for (const timer of [...timers].sort((a, b) => a.at - b.at)) {
        if (timer.at > t) break;
        timers.delete(timer);
        timer.resolve();
      }
    },
  };
}
