import type { Clock } from '@aks-scaler/core';

/** A clock whose waits end only when the test says so: `tick()` ends every wait running now. */
export interface ManualClock extends Clock {
  /** How many waits are running. */
  waiting(): number;
  /** Ends every running wait. */
  tick(): void;
}

/** Real `now()`, manual `sleep`: the pod's loop interval and grace period move only on `tick()`. */
export function manualClock(): ManualClock {
  const waits = new Set<() => void>();
  return {
    now: () => Date.now(),
    sleep: (_ms, abortSignal) =>
      new Promise<void>((resolve, reject) => {
        if (abortSignal?.aborted) return reject(abortSignal.reason);
        const done = () => {
          waits.delete(done);
          resolve();
        };
        waits.add(done);
        abortSignal?.addEventListener(
          'abort',
          () => {
            waits.delete(done);
            reject(abortSignal.reason);
          },
          { once: true },
        );
      }),
    waiting: () => waits.size,
    tick: () => {
      for (const done of [...waits]) done();
    },
  };
}
