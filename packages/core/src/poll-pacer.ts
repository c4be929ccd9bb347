import type { Clock } from './clock.js';
import type { PollPacingOptions } from './pacing-options.js';
import { throwIfAborted } from './sleep.js';
import { TokenBucket } from './token-bucket.js';

/**
 * Paces one subscription's polls (operation-status GETs, and the reads of a busy pool's waiter) to a client-side
 * copy of AKS's operation-status limit: a poll takes a token, and waits for one when the bucket is empty. It also
 * counts the polls it let through, for metrics and benchmarks.
 */
export class PollPacer {
  readonly #clock: Clock;
  readonly #bucket: TokenBucket | undefined;
  #polls = 0;

  constructor(clock: Clock, pacing: Required<PollPacingOptions> | false) {
    this.#clock = clock;
    if (pacing) this.#bucket = new TokenBucket(pacing.burst, pacing.refillPerSecond / 1000, clock.now());
  }

  /** Polls sent so far. */
  get polls(): number {
    return this.#polls;
  }

  /** Waits for a poll's token (at once while the bucket has one); rejects when `abortSignal` aborts. */
  async beforePoll(abortSignal?: AbortSignal): Promise<void> {
    throwIfAborted(abortSignal);
    for (;;) {
      const now = this.#clock.now();
      const waitInMs = this.#bucket ? Math.ceil(this.#bucket.waitFor(1, now) - 1e-6) : 0;
      if (waitInMs <= 0) {
        this.#bucket?.take(now);
        this.#polls += 1;
        return;
      }
      await this.#clock.sleep(waitInMs, abortSignal);
    }
  }
}
