import type { Clock } from '@aks-scaler/core';
import type { ReloadReason } from './pod-events.js';

/** How a wait between reconciles ended: the interval ran out, SIGHUP asked for a check, or the pod is stopping. */
export type WaitEnd = ReloadReason | 'stop';

/** The wait between two reconciles of loop mode, which SIGHUP can cut short. */
export interface LoopWait {
  /**
   * Asks for a config check (SIGHUP): ends the running wait at once, or, while a reconcile runs, the next wait
   * before it starts. Returns whether it had to be deferred (a reconcile is running).
   */
  request(): boolean;
  /** Waits up to `ms` on the clock. */
  wait(ms: number): Promise<WaitEnd>;
}

/**
 * Creates the loop's wait.
 *
 * @example
 * ```ts
 * const loopWait = createLoopWait({ clock, draining: shutdown.draining });
 * process.on('SIGHUP', () => loopWait.request());
 * const end = await loopWait.wait(60_000); // 'tick', 'signal' or 'stop'
 * ```
 */
export function createLoopWait(options: { clock: Clock; draining: AbortSignal }): LoopWait {
  const { clock, draining } = options;
  let pending = false;
  let waking: AbortController | undefined;
  return {
    request() {
      if (waking) {
        waking.abort();
        return false;
      }
      pending = true;
      return true;
    },
    async wait(ms) {
      if (draining.aborted) return 'stop';
      if (pending) {
        pending = false;
        return 'signal';
      }
      const wake = new AbortController();
      waking = wake;
      try {
        await clock.sleep(ms, AbortSignal.any([draining, wake.signal]));
        return 'tick';
      } catch {
        return draining.aborted ? 'stop' : 'signal';
      } finally {
        waking = undefined;
      }
    },
  };
}
