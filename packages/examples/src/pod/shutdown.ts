import type { Clock } from '@aks-scaler/core';

/** Options of {@link createShutdown}. */
export interface CreateShutdownOptions {
  /** The stop request (SIGTERM/SIGINT); none means the run is never asked to stop. */
  signal?: AbortSignal;
  /** `SCALER_SHUTDOWN_TIMEOUT`: how long in-flight work may go on once stopping. */
  graceInMs: number;
  /** Times the grace period. */
  clock: Clock;
  /** Called once when the stop request arrives. */
  onStopRequested?: () => void;
}

/** The pod's two stop signals and its grace period. */
export interface Shutdown {
  /** Aborts on the stop request: start nothing new, let what runs finish. */
  readonly draining: AbortSignal;
  /** Aborts when the grace period is over: stop waiting for anything. */
  readonly hardStop: AbortSignal;
  /** Starts the grace period now, unless the stop request started it already (bounds the final flush). */
  startGrace(): void;
  /** Cancels the grace timer and listeners. */
  dispose(): void;
}

/**
 * SIGTERM handling: the stop request drains, and the grace period that it starts ends in a hard stop.
 *
 * @example
 * ```ts
 * const shutdown = createShutdown({ signal, graceInMs: 25_000, clock: realClock });
 * await reconcileFleet({ ..., drainSignal: shutdown.draining, abortSignal: shutdown.hardStop });
 * ```
 */
export function createShutdown(options: CreateShutdownOptions): Shutdown {
  const draining = options.signal ?? new AbortController().signal;
  const hardStop = new AbortController();
  const timer = new AbortController();
  let started = false;
  const startGrace = () => {
    if (started) return;
    started = true;
    options.clock.sleep(options.graceInMs, timer.signal).then(
      () => hardStop.abort(),
      () => {},
    );
  };
  const onStop = () => {
    options.onStopRequested?.();
    startGrace();
  };
  if (draining.aborted) onStop();
  else draining.addEventListener('abort', onStop, { once: true });
  return {
    draining,
    hardStop: hardStop.signal,
    startGrace,
    dispose() {
      timer.abort();
      draining.removeEventListener('abort', onStop);
    },
  };
}
