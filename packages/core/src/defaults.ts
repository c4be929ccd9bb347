/** The default number of operations in flight. */
export const DEFAULT_CONCURRENCY = 4;

/** The default time one pool's operation may take in all (waiting, conflicts, the operation): 30 minutes. */
export const DEFAULT_OPERATION_TIMEOUT_IN_MS = 30 * 60 * 1000;

/**
 * The default time between polls of a running or busy pool when ARM sends no `Retry-After`: the client's pollers
 * and reconcile's waiter for clients without `waitForPool`.
 */
export const DEFAULT_POLL_INTERVAL_IN_MS = 2000;
