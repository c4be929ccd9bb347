import type { OperationState, PollerLike } from '@azure/core-lro';
import type { Clock } from './clock.js';
import type { PollWatch } from './poll-hints.js';
import { toAbortError } from './sleep.js';

/** Options of {@link pollSdkOperation}. */
export interface PollSdkOperationOptions {
  /** The clock every wait between polls runs on. */
  clock: Clock;
  /** Time between polls when ARM sends no `Retry-After`. */
  intervalInMs: number;
  /** Starts watching the operation's URLs for the `Retry-After` of each poll (called once the PUT was answered). */
  watch: () => PollWatch;
  /** The `Retry-After` of the PUT's own answer, read once it was answered. */
  firstWaitInMs: () => number | undefined;
  abortSignal: AbortSignal;
}

/**
 * Drives an SDK poller of one of our writes to its end on the client's clock: the PUT is answered, then each poll
 * waits for as long as ARM asked (`Retry-After`, else the interval; never a poll right after the PUT), and the
 * poller's own `pollUntilDone` is only called once it is done, to resolve with the result or throw its failure.
 */
export async function pollSdkOperation<T>(
  poller: PollerLike<OperationState<T>, T>,
  options: PollSdkOperationOptions,
): Promise<T> {
  const { clock, abortSignal } = options;
  await poller.submitted();
  if (!poller.isDone) {
    const watch = options.watch();
    try {
      let waitInMs = options.firstWaitInMs() ?? options.intervalInMs;
      while (!poller.isDone) {
        try {
          await clock.sleep(waitInMs, abortSignal);
        } catch (error) {
          if (abortSignal.aborted) throw toAbortError(abortSignal, error);
          throw error;
        }
        await poller.poll({ abortSignal });
        waitInMs = watch.takeRetryAfterInMs() ?? options.intervalInMs;
      }
    } finally {
      watch.close();
    }
  }
  return poller.pollUntilDone({ abortSignal });
}
