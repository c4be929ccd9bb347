import type { Clock } from '@aks-scaler/core';

/** Counts the write requests in flight, so a resigning leader clears its Lease only once they were answered. */
export interface WriteTracker {
  /** Counts one more in flight; call the result once it was answered. */
  enter(): () => void;
  /**
   * Resolves once nothing is in flight, or after `timeoutInMs` on `clock`, or when `abortSignal` aborts, whichever
   * comes first.
   */
  idle(options: { abortSignal?: AbortSignal | undefined; clock: Clock; timeoutInMs: number }): Promise<void>;
}

/** Creates the tracker. */
export function createWriteTracker(): WriteTracker {
  let inFlight = 0;
  const waiting = new Set<() => void>();
  return {
    enter() {
      inFlight += 1;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        inFlight -= 1;
        if (inFlight === 0) for (const wake of [...waiting]) wake();
      };
    },
    async idle({ abortSignal, clock, timeoutInMs }) {
      if (inFlight === 0) return;
      const stop = new AbortController();
      const signal = abortSignal ? AbortSignal.any([abortSignal, stop.signal]) : stop.signal;
      let wake = () => {};
      try {
        await Promise.race([
          new Promise<void>((resolve) => {
            wake = resolve;
            waiting.add(wake);
          }),
          clock.sleep(timeoutInMs, signal).catch(() => {}),
        ]);
      } finally {
        waiting.delete(wake);
        stop.abort();
      }
    },
  };
}
