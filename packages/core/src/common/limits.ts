/**
 * The most operations a reconcile may run at once (`concurrency`, `SCALER_CONCURRENCY`, `limits.concurrency`).
 * More would only queue behind AKS's per-subscription write pacing and ARM's throttling.
 */
export const MAX_CONCURRENCY = 64;

/**
 * What an operation is expected to take before anything is learned about its pool and direction (and the lead of
 * a schedule's `leadTime: auto` when nothing says): 10 minutes.
 */
export const DEFAULT_EXPECTED_OPERATION_IN_MS = 10 * 60_000;
