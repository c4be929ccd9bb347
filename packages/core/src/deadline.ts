import type { Clock } from './clock.js';
import { OperationTimeoutError } from './errors.js';

/**
 * The time one operation may still take, computed once (when the operation starts) and handed down to everything
 * that waits on its behalf: the wait for a busy pool, the write, the poller and the write pacer. Its `signal`
 * aborts with an `OperationTimeoutError` when the time is up.
 *
 * A `NodePoolClient` that receives one in its options should use it instead of starting its own timeout, so the
 * operation is timed in one place, by one clock.
 */
export interface Deadline {
  /** The whole allowance in milliseconds, for messages. */
  readonly timeoutInMs: number;
  /** Aborts, with an `OperationTimeoutError` as its reason, when the time is up. */
  readonly signal: AbortSignal;
  /** The milliseconds left (0 once expired), by the clock that times it. */
  remainingInMs(): number;
}

/** Options of {@link startDeadline}. */
export interface StartDeadlineOptions {
  /** The clock that times the deadline (its `sleep` is the only timer). */
  clock: Clock;
  /** The allowance. */
  timeoutInMs: number;
  /** The message of the `OperationTimeoutError` it aborts with. */
  message: (timeoutInMs: number) => string;
  /**
   * Start paused: time does not run until {@link OperationDeadline.resume}.
   * @default false
   */
  paused?: boolean | undefined;
}

/**
 * A {@link Deadline} whose time can be paused: an operation's time runs while its pool is waited for and while it
 * is written, not while it queues for a slot of a shared limiter.
 */
export interface OperationDeadline extends Deadline {
  /** Stops the time (no-op when paused or expired). */
  pause(): void;
  /** Lets the time run again (no-op when running or expired). */
  resume(): void;
  /** Releases the timer; the deadline never fires after this. */
  dispose(): void;
}

/** Starts a deadline on `clock`. */
export function startDeadline(options: StartDeadlineOptions): OperationDeadline {
  const { clock, timeoutInMs } = options;
  const controller = new AbortController();
  let leftInMs = timeoutInMs;
  let runningSince: number | undefined;
  let timer: AbortController | undefined;
  let disposed = false;

  const remainingInMs = () => {
    if (controller.signal.aborted) return 0;
    const running = runningSince === undefined ? 0 : clock.now() - runningSince;
    return Math.max(0, leftInMs - running);
  };
  const resume = () => {
    if (disposed || controller.signal.aborted || runningSince !== undefined) return;
    runningSince = clock.now();
    const own = new AbortController();
    timer = own;
    clock.sleep(Math.max(0, leftInMs), own.signal).then(
      () => {
        if (own.signal.aborted || disposed) return;
        controller.abort(new OperationTimeoutError(options.message(timeoutInMs)));
      },
      () => undefined,
    );
  };
  const pause = () => {
    if (runningSince === undefined) return;
    leftInMs = remainingInMs();
    runningSince = undefined;
    timer?.abort();
    timer = undefined;
  };
  if (!options.paused) resume();
  return {
    timeoutInMs,
    signal: controller.signal,
    remainingInMs,
    pause,
    resume,
    dispose() {
      disposed = true;
      timer?.abort();
      timer = undefined;
    },
  };
}
