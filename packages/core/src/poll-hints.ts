import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { Clock } from './clock.js';
import { retryAfterInMs } from './retry-after.js';

/** What a poll loop learns from the responses to the URLs it polls. */
export interface PollWatch {
  /** The wait the last response asked for (its `Retry-After`), then forgets it; undefined when it asked none. */
  takeRetryAfterInMs(): number | undefined;
  /** Stops watching. */
  close(): void;
}

interface Entry {
  retryAfterInMs?: number | undefined;
}

const keyOf = (url: string) => {
  const at = url.search(/[?#]/);
  return (at === -1 ? url : url.slice(0, at)).replace(/\/+$/, '').toLowerCase();
};

/**
 * The SDK's pollers for our writes send their status GETs without a per-call hook, so the `Retry-After` of those
 * responses is read here, in the client's pipeline, for the URLs a write is polling. The write's poll loop then
 * waits on the client's clock for as long as ARM asked, instead of on the SDK's own timers.
 */
export class PollHints {
  readonly #clock: Clock;
  readonly #watched = new Map<string, Entry>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Watches the responses to `urls` (an operation-status URL, the resource's URL) until `close()`. */
  watch(urls: ReadonlyArray<string | null | undefined>): PollWatch {
    const entry: Entry = {};
    const keys = urls.filter((url): url is string => typeof url === 'string' && url !== '').map(keyOf);
    for (const key of keys) this.#watched.set(key, entry);
    return {
      takeRetryAfterInMs() {
        const wait = entry.retryAfterInMs;
        entry.retryAfterInMs = undefined;
        return wait;
      },
      close: () => {
        for (const key of keys) if (this.#watched.get(key) === entry) this.#watched.delete(key);
      },
    };
  }

  /** A per-retry pipeline policy that records the `Retry-After` of GETs to watched URLs. */
  policy(): PipelinePolicy {
    return {
      name: 'aksScalerPollHints',
      sendRequest: async (request, next) => {
        const response = await next(request);
        if (this.#watched.size > 0 && request.method.toUpperCase() === 'GET') {
          const entry = this.#watched.get(keyOf(request.url));
          if (entry)
            entry.retryAfterInMs = retryAfterInMs((name) => response.headers.get(name), this.#clock.now());
        }
        return response;
      },
    };
  }
}
