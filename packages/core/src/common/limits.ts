/**
 * The most operations a reconcile may run at once (`concurrency`, `SCALER_CONCURRENCY`, `limits.concurrency`).
 * More would only queue behind AKS's per-subscription write pacing and ARM's throttling.
 */
export const MAX_CONCURRENCY = 64;
