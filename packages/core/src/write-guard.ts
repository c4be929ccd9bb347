import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/** A write request the client is about to send to ARM, as a {@link WriteGuard} sees it. */
export interface GuardedRequest {
  /** `PUT`, `PATCH`, `POST` or `DELETE`. */
  method: string;
  /** The URL without its query string. */
  url: string;
}

/**
 * Decides, right before it leaves, whether a write request may be sent to ARM: every attempt of every write (the
 * first PUT, the SDK's retry of a failed attempt, a PUT sent again after a 409 wait or a 412 re-plan). Reads are
 * never asked about.
 *
 * A process that may only write while it holds a lease (a leader-elected replica) refuses here once it lost it, so
 * no write of its own can leave afterwards, whatever was already running.
 *
 * @example
 * ```ts
 * let leading = true;
 * const client = createNodePoolClient({
 *   credential,
 *   writeGuard: {
 *     async admit() {
 *       if (!leading) throw new AbortedError('Not written: this replica no longer leads.');
 *       return () => {};
 *     },
 *   },
 * });
 * ```
 */
export interface WriteGuard {
  /**
   * Resolves when the request may be sent, with a function the client calls once it was answered (or failed);
   * rejects to refuse it: the request is not sent and the write fails with that error (a `ScalerError` is
   * reported as it is).
   */
  admit(request: GuardedRequest): Promise<() => void>;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function withoutQuery(url: string): string {
  const at = url.search(/[?#]/);
  return at === -1 ? url : url.slice(0, at);
}

/** A per-retry pipeline policy, last before the request is sent, that asks `guard` about every write request. */
export function writeGuardPolicy(guard: WriteGuard): PipelinePolicy {
  return {
    name: 'aksScalerWriteGuard',
    async sendRequest(request, next) {
      const method = request.method.toUpperCase();
      if (READS.has(method)) return next(request);
      const done = await guard.admit({ method, url: withoutQuery(request.url) });
      try {
        return await next(request);
      } finally {
        done();
      }
    },
  };
}
