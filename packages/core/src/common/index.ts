/**
 * What every aks-scaler package shares and that loads nothing from Azure: durations, the AKS pool rules, pool
 * keys, tag matching, the subscription shard hash, `Retry-After`, and how decisions' targets are told apart and combined
 * (`import { parseDurationInMs } from '@aks-scaler/core/common'`).
 * @module
 */
export {
  type CapacityPreference,
  type CombinedDecision,
  combineDecisions,
  describeTarget,
  type TargetKind,
  targetKind,
} from './decision-targets.js';
export {
  formatDuration,
  formatElapsed,
  MAX_DURATION_IN_MS,
  type ParseDurationOptions,
  parseDurationInMs,
  tryParseDurationInMs,
} from './duration.js';
export { DEFAULT_EXPECTED_OPERATION_IN_MS, MAX_CONCURRENCY } from './limits.js';
export {
  clusterKey,
  isPoolName,
  MAX_POOL_COUNT,
  minPoolCount,
  POOL_NAME_PATTERN,
  poolKey,
} from './pool-rules.js';
export { type HeaderReader, retryAfterInMs } from './retry-after.js';
export { fnv1a32, subscriptionShard } from './shard.js';
export { matchesTags } from './tags.js';
