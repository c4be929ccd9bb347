/** The default number of operations in flight. */
export const DEFAULT_CONCURRENCY = 4;

/** The default time one pool's operation may take in all (waiting, conflicts, the operation): 30 minutes. */
export const DEFAULT_OPERATION_TIMEOUT_IN_MS = 30 * 60 * 1000;

/**
 * The default time between polls when ARM sends no `Retry-After` and nothing is known about the operation: where
 * the client's poll schedule starts for an operation of unknown duration, and reconcile's own waiter for clients
 * without `waitForPool`.
 */
export const DEFAULT_POLL_INTERVAL_IN_MS = 2000;
