import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { Clock } from './clock.js';
import { retryAfterInMs } from './common/retry-after.js';

/** What a poll loop learns from the responses to the URLs it polls. */
export interface PollWatch {
  /** The wait the last response asked for (its `Retry-After`), then forgets it; undefined when it asked none. */
  takeRetryAfterInMs(): number | undefined;
  /**
   * The server's own start and end of the operation (`startTime` and `endTime` of a `Succeeded` status body, in
   * epoch ms), once a status response reported them; undefined before, or when ARM sent none.
   */
  serverTimes(): ServerTimes | undefined;
  /** Stops watching. */
  close(): void;
}

/** When the server says an operation started and ended. */
export interface ServerTimes {
  startedAt: number;
  endedAt: number;
}

interface Entry {
  retryAfterInMs?: number | undefined;
  times?: ServerTimes | undefined;
}

/** The `startTime` and `endTime` of a `Succeeded` ARM operation-status body, when both parse and are in order. */
export function serverTimesOf(bodyText: string | null | undefined): ServerTimes | undefined {
  if (!bodyText?.includes('endTime')) return undefined;
  let body: { status?: unknown; startTime?: unknown; endTime?: unknown };
  try {
    body = JSON.parse(bodyText) as typeof body;
  } catch {
    return undefined;
  }
  if (typeof body?.status !== 'string' || body.status.toLowerCase() !== 'succeeded') return undefined;
  const startedAt = typeof body.startTime === 'string' ? Date.parse(body.startTime) : Number.NaN;
  const endedAt = typeof body.endTime === 'string' ? Date.parse(body.endTime) : Number.NaN;
  if (!Number.isFinite(startedAt) || !Number.isFinite(endedAt) || endedAt < startedAt) return undefined;
  return { startedAt, endedAt };
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
      serverTimes: () => entry.times,
      close: () => {
        for (const key of keys) if (this.#watched.get(key) === entry) this.#watched.delete(key);
      },
    };
  }

  /**
   * A per-retry pipeline policy that records the `Retry-After` of GETs to watched URLs, and the server's start and
   * end of a finished operation from its status body.
   */
  policy(): PipelinePolicy {
    return {
      name: 'aksScalerPollHints',
      sendRequest: async (request, next) => {
        const response = await next(request);
        if (this.#watched.size > 0 && request.method.toUpperCase() === 'GET') {
          const entry = this.#watched.get(keyOf(request.url));
          if (entry) {
            entry.retryAfterInMs = retryAfterInMs((name) => response.headers.get(name), this.#clock.now());
            entry.times ??= serverTimesOf(response.bodyAsText);
          }
        }
        return response;
      },
    };
  }
}
