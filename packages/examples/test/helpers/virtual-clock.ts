import type { Clock } from '@aks-scaler/core';

/** A clock whose time moves only when the test says: `advance(ms)` ends the waits that are due by then. */
export interface VirtualClock extends Clock {
  /** Moves the time forward and ends every wait due by then, earliest first. */
  advance(ms: number): void;
  /** The waits running now, as their lengths in ms (the loop's interval, a call's timeout, the grace period). */
  sleeping(): number[];
}

interface Wait {
  until: number;
  lengthInMs: number;
  done: () => void;
}

/** A {@link VirtualClock} starting at `startIso`. */
export function virtualClock(startIso: string): VirtualClock {
  let now = Date.parse(startIso);
  const waits = new Set<Wait>();
  return {
    now: () => now,
    sleep: (ms, abortSignal) =>
      new Promise<void>((resolve, reject) => {
        if (abortSignal?.aborted) return reject(abortSignal.reason);
        const wait: Wait = {
          until: now + ms,
          lengthInMs: ms,
          done: () => {
            waits.delete(wait);
            resolve();
          },
        };
        waits.add(wait);
        abortSignal?.addEventListener(
          'abort',
          () => {
            waits.delete(wait);
            reject(abortSignal.reason);
          },
          { once: true },
        );
      }),
    advance(ms) {
      now += ms;
      for (const wait of [...waits].sort((a, b) => a.until - b.until)) if (wait.until <= now) wait.done();
    },
    sleeping: () => [...waits].map((wait) => wait.lengthInMs),
  };
}
