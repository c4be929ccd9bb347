/**
 * What every aks-scaler package shares and that loads nothing from Azure: durations, the AKS pool rules, pool
 * keys, tag matching and the subscription shard hash (`import { parseDurationInMs } from '@aks-scaler/core/common'`).
 * @module
 */
export {
  formatDuration,
  formatElapsed,
  MAX_DURATION_IN_MS,
  type ParseDurationOptions,
  parseDurationInMs,
  tryParseDurationInMs,
} from './duration.js';
export { MAX_CONCURRENCY } from './limits.js';
export { isPoolName, MAX_POOL_COUNT, minPoolCount, POOL_NAME_PATTERN, poolKey } from './pool-rules.js';
export { fnv1a32, subscriptionShard } from './shard.js';
export { matchesTags } from './tags.js';
