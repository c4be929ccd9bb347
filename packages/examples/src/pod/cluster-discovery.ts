import {
  type Clock,
  type ClusterRef,
  discoverClusters,
  type ManagedCluster,
  type NodePoolClient,
  toSafeError,
} from '@aks-scaler/core';
import { isScalerError } from '@aks-scaler/core/errors';
import type { ScalerSelector } from './config-entries.js';
import type { PodEvent, PodEventError, SelectorInfo } from './pod-events.js';
import type { ScalerTarget } from './setup.js';

/** A selector whose listing failed in one resolve. */
export interface SelectorFailure {
  /** The selector. */
  selector: ScalerSelector;
  /** What failed (code and redacted message). */
  error: PodEventError;
  /** What was thrown, for a caller that fails on it (the CLI); never log it unredacted. */
  cause: unknown;
}

/** What one {@link ClusterDiscovery.resolve} found. */
export interface DiscoveredTargets {
  /** Every discovered cluster (not already listed), each with its entry's options and its own policy instance. */
  targets: ScalerTarget[];
  /** The selectors whose listing failed: their clusters are left out this time, their policy state is kept. */
  failures: SelectorFailure[];
}

/** Options of {@link ClusterDiscovery.resolve}. */
export interface ResolveOptions {
  /** The clusters the config lists by name: a selector that matches one of them leaves it to its entry. */
  listed: readonly ScalerTarget[];
  /** Cancels the listings. */
  abortSignal?: AbortSignal | undefined;
}

/** Resolves the config's selectors at every reconcile. */
export interface ClusterDiscovery {
  /** Lists every selector's clusters (concurrently) and returns the targets to reconcile now. */
  resolve(options: ResolveOptions): Promise<DiscoveredTargets>;
}

/** Options of {@link createClusterDiscovery}. */
export interface ClusterDiscoveryOptions {
  /** The config's selectors (this shard's). */
  selectors: readonly ScalerSelector[];
  /** Lists the clusters. */
  client: Pick<NodePoolClient, 'listClusters'>;
  /** Where `clusters-listed`, `selector-failed` and `cluster-selected-twice` go. */
  emit(event: PodEvent): void;
  /** Stamps the events. */
  clock: Clock;
}

/** How a cluster is keyed: ARM compares names case-insensitively. */
export function clusterKey(cluster: ClusterRef): string {
  return `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.clusterName}`.toLowerCase();
}

/** How events name a selector. */
export function selectorInfo(selector: ScalerSelector): SelectorInfo {
  return {
    entry: selector.entry,
    subscription: selector.scope.subscriptionId,
    ...(selector.scope.resourceGroup !== undefined && { resourceGroup: selector.scope.resourceGroup }),
    tags: selector.tags,
  };
}

function sameRegion(a: string, b: string): boolean {
  const normalize = (location: string) => location.replaceAll(/\s+/g, '').toLowerCase();
  return normalize(a) === normalize(b);
}

/**
 * The pod's discovery of clusters by tag. Each selector keeps the targets it found, so a cluster keeps its policy
 * instance (and the state of a stateful policy) for as long as it stays discovered; one that leaves loses it, and
 * one that comes back starts fresh. A listing that fails (403, 5xx, a resource group that does not exist) fails
 * that entry for this reconcile only: the clusters it found before are neither reconciled nor forgotten. A cluster
 * listed by name, or matched by an earlier entry, stays with that entry.
 *
 * @example
 * ```ts
 * const discovery = createClusterDiscovery({ selectors: setup.selectors, client, emit: hub.emit, clock });
 * const { targets, failures } = await discovery.resolve({ listed: setup.targets });
 * ```
 */
export function createClusterDiscovery(options: ClusterDiscoveryOptions): ClusterDiscovery {
  const { client, emit, clock } = options;
  const found = new Map<ScalerSelector, Map<string, ScalerTarget>>();
  const reportedTwice = new Set<string>();

  const list = async (
    selector: ScalerSelector,
    abortSignal: AbortSignal | undefined,
  ): Promise<ManagedCluster[] | { error: PodEventError; cause: unknown }> => {
    try {
      return await discoverClusters({ client, scope: selector.scope, tags: selector.tags, abortSignal });
    } catch (error) {
      if (abortSignal?.aborted || (isScalerError(error) && error.code === 'ABORTED')) throw error;
      const safe = toSafeError(error);
      return { error: { code: safe.code, message: safe.message }, cause: error };
    }
  };

  const update = (selector: ScalerSelector, matched: readonly ManagedCluster[]): void => {
    const before = found.get(selector);
    const now = new Map<string, ScalerTarget>();
    const mismatches: Array<{ cluster: ClusterRef; expected: string; actual: string }> = [];
    const expected = selector.options.location;
    for (const managed of matched) {
      const key = clusterKey(managed.cluster);
      const kept = before?.get(key);
      now.set(
        key,
        kept ?? {
          cluster: managed.cluster,
          policy: selector.createPolicy(),
          ...selector.options,
          selector: selector.entry,
        },
      );
      if (!kept && expected !== undefined && !sameRegion(expected, managed.location)) {
        mismatches.push({ cluster: managed.cluster, expected, actual: managed.location });
      }
    }
    found.set(selector, now);
    emit({
      kind: 'clusters-listed',
      at: new Date(clock.now()),
      selector: selectorInfo(selector),
      clusters: [...now.values()].map((target) => target.cluster),
      added: [...now.entries()].filter(([key]) => !before?.has(key)).map(([, target]) => target.cluster),
      removed: [...(before?.entries() ?? [])].filter(([key]) => !now.has(key)).map(([, t]) => t.cluster),
      first: before === undefined,
      locationMismatches: mismatches,
    });
  };

  return {
    async resolve({ listed, abortSignal }) {
      const listings = await Promise.all(
        options.selectors.map(async (selector) => ({ selector, result: await list(selector, abortSignal) })),
      );
      const claimed = new Map<string, string>(
        listed.map((target) => [clusterKey(target.cluster), 'a cluster entry listed by name']),
      );
      const targets: ScalerTarget[] = [];
      const failures: SelectorFailure[] = [];
      for (const { selector, result } of listings) {
        if (!Array.isArray(result)) {
          failures.push({ selector, ...result });
          emit({
            kind: 'selector-failed',
            at: new Date(clock.now()),
            selector: selectorInfo(selector),
            error: result.error,
          });
          continue;
        }
        update(selector, result);
        for (const [key, target] of found.get(selector) ?? []) {
          const by = claimed.get(key);
          if (by === undefined) {
            claimed.set(key, selector.entry);
            targets.push(target);
          } else if (!reportedTwice.has(`${selector.entry}\u0000${key}`)) {
            reportedTwice.add(`${selector.entry}\u0000${key}`);
            emit({
              kind: 'cluster-selected-twice',
              at: new Date(clock.now()),
              selector: selectorInfo(selector),
              cluster: target.cluster,
              by,
            });
          }
        }
      }
      return { targets, failures };
    },
  };
}
