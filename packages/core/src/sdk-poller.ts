import type { OperationState, PollerLike } from '@azure/core-lro';
import type { Clock } from './clock.js';
import type { PollWatch, ServerTimes } from './poll-hints.js';
import type { PollSchedule } from './poll-schedule.js';
import { toAbortError } from './sleep.js';

/** Options of {@link pollSdkOperation}. */
export interface PollSdkOperationOptions {
  /** The clock every wait between polls runs on. */
  clock: Clock;
  /** Decides each wait between polls. */
  schedule: PollSchedule;
  /** What the operation is expected to take (undefined: nothing is known). */
  expectedInMs: number | undefined;
  /** When the PUT was sent, on `clock`: the schedule counts the operation's time from there. */
  sentAt: number;
  /** Waits for a poll's turn in the subscription's poll budget. */
  beforePoll: (abortSignal: AbortSignal) => Promise<void>;
  /** Starts watching the operation's URLs for the `Retry-After` of each poll (called once the PUT was answered). */
  watch: () => PollWatch;
  /** The `Retry-After` of the PUT's own answer, read once it was answered. */
  firstWaitInMs: () => number | undefined;
  abortSignal: AbortSignal;
}

/** How a polled operation ended, for learning its duration. */
export interface PolledOperation<T> {
  /** The poller's result. */
  result: T;
  /** The server's start and end of the operation, when its status said so. */
  serverTimes?: ServerTimes | undefined;
  /** When the poll that saw it end was answered, on the client's clock. */
  seenDoneAt: number;
  /** Status polls sent. */
  polls: number;
}

/**
 * Drives an SDK poller of one of our writes to its end on the client's clock: the PUT is answered, then each poll
 * waits for as long as ARM asked (`Retry-After`), else as the schedule says for the operation's expected duration
 * (never a poll right after the PUT), and takes its turn in the subscription's poll budget. The poller's own
 * `pollUntilDone` is only called once it is done, to resolve with the result or throw its failure.
 */
export async function pollSdkOperation<T>(
  poller: PollerLike<OperationState<T>, T>,
  options: PollSdkOperationOptions,
): Promise<PolledOperation<T>> {
  const { clock, abortSignal, schedule, expectedInMs, sentAt } = options;
  await poller.submitted();
  let serverTimes: ServerTimes | undefined;
  let polls = 0;
  if (!poller.isDone) {
    const watch = options.watch();
    try {
      let retryAfterInMs = options.firstWaitInMs();
      while (!poller.isDone) {
        const elapsedInMs = clock.now() - sentAt;
        const waitInMs = schedule.nextDelayInMs({ elapsedInMs, expectedInMs, retryAfterInMs });
        try {
          await clock.sleep(waitInMs, abortSignal);
          await options.beforePoll(abortSignal);
        } catch (error) {
          if (abortSignal.aborted) throw toAbortError(abortSignal, error);
          throw error;
        }
        polls += 1;
        await poller.poll({ abortSignal });
        retryAfterInMs = watch.takeRetryAfterInMs();
      }
      serverTimes = watch.serverTimes();
    } finally {
      watch.close();
    }
  }
  const seenDoneAt = clock.now();
  const result = await poller.pollUntilDone({ abortSignal });
  return { result, serverTimes, seenDoneAt, polls };
}
