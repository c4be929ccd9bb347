import type { PolicyContext } from '@aks-scaler/core';
import { AbortedError, ScalerError, type ScalerErrorOptions } from '@aks-scaler/core/errors';

/**
 * Where a {@link metricPolicy} reads its number from. Any object with `read` works; the built-in sources are
 * {@link prometheusSource} and {@link azureMonitorSource}.
 *
 * @example
 * ```ts
 * const queueDepth: MetricSource = { name: 'queue depth', read: async () => (await queue.stats()).depth };
 * ```
 */
export interface MetricSource {
  /** Shown in reasons and errors, e.g. `prometheus 'sum(queue_depth)'`. */
  readonly name: string;
  /** Reads the current value. Rejects when no trustworthy value is available; honours `ctx.abortSignal`. */
  read(ctx: PolicyContext): Promise<number>;
}

/** A metric source could not produce a value (unreachable, refused, no sample, several samples, not a number). */
export class MetricSourceError extends ScalerError {
  /** The source that failed. */
  readonly source: string;

  constructor(source: string, message: string, options: ScalerErrorOptions = {}) {
    super('METRIC_SOURCE', message, options);
    this.source = source;
  }
}

/** Joins the caller's abort signal with a timeout; aborts surface as `AbortedError`, timeouts as source errors. */
export async function fetchWithTimeout(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  options: { timeoutInMs: number; abortSignal?: AbortSignal; source: string; what: string },
): Promise<Response> {
  const { timeoutInMs, abortSignal, source, what } = options;
  if (abortSignal?.aborted) throw new AbortedError(`Reading ${source} was aborted.`);
  const timeout = AbortSignal.timeout(timeoutInMs);
  const signal = abortSignal ? AbortSignal.any([abortSignal, timeout]) : timeout;
  try {
    return await fetchFn(url, { ...init, signal });
  } catch (error) {
    if (abortSignal?.aborted) throw new AbortedError(`Reading ${source} was aborted.`, { cause: error });
    if (timeout.aborted) {
      throw new MetricSourceError(
        source,
        `${what} did not answer within ${timeoutInMs} ms: check that it is reachable from the scaler and raise the timeout if it is slow.`,
        { cause: error },
      );
    }
    const detail =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    throw new MetricSourceError(
      source,
      `${what} could not be reached (${detail}): check the URL and the network path from the scaler.`,
      { cause: error },
    );
  }
}
