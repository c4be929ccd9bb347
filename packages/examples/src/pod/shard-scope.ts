import { subscriptionShard } from '@aks-scaler/core/common';
import type { ScalerSelector } from './config-entries.js';
import type { ShardSettings } from './env-shard.js';
import type { ScalerTarget } from './setup.js';

/** What sharding left this process: its shard, and how many of the configured entries it took. */
export interface ShardScope extends ShardSettings {
  /** Entries (clusters listed by name, and selectors) this shard took. */
  taken: number;
  /** Entries of every shard together. */
  total: number;
}

/** Whether a subscription belongs to the shard (every subscription does without one). */
export function inShard(subscriptionId: string, shard: ShardSettings | undefined): boolean {
  return shard === undefined || subscriptionShard(subscriptionId, shard.count) === shard.index;
}

/**
 * Keeps the clusters and selectors whose subscription hashes to this shard (`subscriptionShard`: FNV-1a of the
 * lower-cased subscription id, modulo the shard count). A selector lists one subscription, so every cluster it
 * discovers is in the same shard as the selector: filtering the entries is filtering the clusters, and no listing
 * is sent for another shard's subscription.
 */
export function shardTargets(
  targets: readonly ScalerTarget[],
  selectors: readonly ScalerSelector[],
  shard: ShardSettings | undefined,
): { targets: ScalerTarget[]; selectors: ScalerSelector[]; scope?: ShardScope } {
  if (shard === undefined) return { targets: [...targets], selectors: [...selectors] };
  const mine = (subscriptionId: string) => inShard(subscriptionId, shard);
  const keptTargets = targets.filter((target) => mine(target.cluster.subscriptionId));
  const keptSelectors = selectors.filter((selector) => mine(selector.scope.subscriptionId));
  return {
    targets: keptTargets,
    selectors: keptSelectors,
    scope: {
      ...shard,
      taken: keptTargets.length + keptSelectors.length,
      total: targets.length + selectors.length,
    },
  };
}
