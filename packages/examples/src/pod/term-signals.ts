import type { Clock } from '@aks-scaler/core';
import type { LeaderTerm } from './leadership.js';
import type { Shutdown } from './shutdown.js';

/** The two signals a reconcile runs with, and what to let go of after it. */
export interface TermSignals {
  /** Start nothing new: the stop request, or the end of the term. */
  readonly drain: AbortSignal;
  /** Stop waiting for anything: the pod's hard stop, or the grace period after the term ended. */
  readonly abort: AbortSignal;
  /** Cancels the grace timer. */
  dispose(): void;
}

/**
 * The signals of a leader's reconciles: the term ending is handled as SIGTERM is, nothing new starts and what
 * runs may go on for `graceInMs` on the clock (reads only: the write guard refuses every write once the term
 * ended), besides the pod's own stop signals.
 *
 * @example
 * ```ts
 * const signals = termSignals({ term, shutdown, clock, graceInMs: settings.shutdownTimeoutInMs });
 * await reconcileFleet({ ..., drainSignal: signals.drain, abortSignal: signals.abort });
 * signals.dispose();
 * ```
 */
export function termSignals(options: {
  term: LeaderTerm;
  shutdown: Shutdown;
  clock: Clock;
  graceInMs: number;
}): TermSignals {
  const { term, shutdown, clock, graceInMs } = options;
  const graceOver = new AbortController();
  const timer = new AbortController();
  const startGrace = () => {
    clock.sleep(graceInMs, timer.signal).then(
      () => graceOver.abort(term.lost.reason),
      () => {},
    );
  };
  if (term.lost.aborted) startGrace();
  else term.lost.addEventListener('abort', startGrace, { once: true });
  return {
    drain: AbortSignal.any([shutdown.draining, term.lost]),
    abort: AbortSignal.any([shutdown.hardStop, graceOver.signal]),
    dispose() {
      timer.abort();
      term.lost.removeEventListener('abort', startGrace);
    },
  };
}
