/** How a failed try is followed by the next one. */
export interface BackoffOptions {
  /**
   * The wait before the second try; each later wait doubles.
   * @default 1000
   */
  initialDelayInMs?: number;
  /**
   * The longest wait between tries.
   * @default 30000
   */
  maxDelayInMs?: number;
  /**
   * A number in [0, 1) for jitter. Inject a fixed one in tests.
   * @default Math.random
   */
  random?: () => number;
}

/**
 * The wait after failed try number `attempt` (1-based): exponential (`initialDelayInMs * 2^(attempt-1)`, at most
 * `maxDelayInMs`) with jitter taking it down by up to half, so many scalers that failed together do not retry
 * together.
 */
export function backoffDelayInMs(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialDelayInMs ?? 1000;
  const max = options.maxDelayInMs ?? 30_000;
  const random = options.random ?? Math.random;
  const exponential = Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.5 + 0.5 * random()));
}
