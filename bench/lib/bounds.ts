/** What limits how fast a fleet can converge. */
export interface FleetLimits {
  /** Pools to scale (one PUT each). */
  pools: number;
  /** Operations in flight at most. */
  concurrency: number;
  /** Server-side duration of one operation, in seconds. */
  operationSeconds: number;
  /** The AKS agent-pool PUT bucket: burst and refill per second (per subscription). */
  putBurst: number;
  putRefillPerSecond: number;
  /** The ARM write bucket: burst and refill per second (per subscription and principal). */
  writeBurst: number;
  writeRefillPerSecond: number;
}

/**
 * The earliest instant (seconds) at which every pool can have converged: the last PUT cannot be accepted before
 * the buckets have refilled enough for it, and at most `concurrency` operations run at once.
 */
export function fleetLowerBoundInSeconds(limits: FleetLimits): number {
  const { pools, concurrency, operationSeconds } = limits;
  if (pools <= 0) return 0;
  const lastPutBy = (burst: number, refill: number) => Math.max(0, pools - burst) / refill;
  const lastPut = Math.max(
    lastPutBy(limits.putBurst, limits.putRefillPerSecond),
    lastPutBy(limits.writeBurst, limits.writeRefillPerSecond),
  );
  const byConcurrency = Math.ceil(pools / concurrency) * operationSeconds;
  return Math.max(lastPut + operationSeconds, byConcurrency);
}
