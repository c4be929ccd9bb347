import {
  type Clock,
  type ClusterRef,
  discoverClusters,
  type ManagedCluster,
  type NodePoolClient,
  toSafeError,
} from '@aks-scaler/core';
import { clusterKey } from '@aks-scaler/core/common';
import { isScalerError } from '@aks-scaler/core/errors';
import type { ScalerSelector } from './config-entries.js';
import { normalizeLocation } from './location-check.js';
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
  /** The config's selectors now (this shard's); a config reloaded since the last resolve gives new ones. */
  selectors: readonly ScalerSelector[];
  /** The clusters the config lists by name: a selector that matches one of them leaves it to its entry. */
  listed: readonly ScalerTarget[];
  /** Cancels the listings. */
  abortSignal?: AbortSignal | undefined;
}

/** Resolves the config's selectors at every reconcile. */
export interface ClusterDiscovery {
  /** Lists every selector's clusters (concurrently) and returns the targets to reconcile now. */
  resolve(options: ResolveOptions): Promise<DiscoveredTargets>;
  /**
   * Every cluster discovered so far and still kept (a failed listing keeps its selector's), each once: what the
   * pod saves the state of.
   */
  current(): ScalerTarget[];
}

/** Options of {@link createClusterDiscovery}. */
export interface ClusterDiscoveryOptions {
  /** Lists the clusters. */
  client: Pick<NodePoolClient, 'listClusters'>;
  /** Where `clusters-listed`, `selector-failed`, `selector-dropped` and `cluster-selected-twice` go. */
  emit(event: PodEvent): void;
  /** Stamps the events. */
  clock: Clock;
  /**
   * Called with each cluster discovered for the first time in this process, before its policy is first evaluated
   * (the pod gives it its saved state there). Not called for a policy rebuilt for a reloaded config.
   */
  prepare?: ((target: ScalerTarget) => void) | undefined;
}

/** How a cluster is keyed: core's `clusterKey` (ARM compares names case-insensitively). */
export { clusterKey };

/** How events name a selector. */
export function selectorInfo(selector: ScalerSelector): SelectorInfo {
  return {
    entry: selector.entry,
    subscription: selector.scope.subscriptionId,
    ...(selector.scope.resourceGroup !== undefined && { resourceGroup: selector.scope.resourceGroup }),
    tags: selector.tags,
  };
}

/** What identifies a selector across config reloads: what it lists and matches, not its place in the file. */
function selectorKey(selector: ScalerSelector): string {
  const tags = Object.entries(selector.tags)
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const { subscriptionId, resourceGroup } = selector.scope;
  return JSON.stringify([subscriptionId.toLowerCase(), resourceGroup?.toLowerCase() ?? null, tags]);
}

/** What discovery keeps per selector: the selector it last listed with, and the targets it found. */
interface Found {
  selector: ScalerSelector;
  targets: Map<string, ScalerTarget>;
}

/**
 * The pod's discovery of clusters by tag. Each selector keeps the targets it found, so a cluster keeps its policy
 * instance (and the state of a stateful policy) for as long as it stays discovered; one that leaves loses it, and
 * one that comes back starts fresh. A listing that fails (403, 5xx, a resource group that does not exist) fails
 * that entry for this reconcile only: the clusters it found before are neither reconciled nor forgotten. A cluster
 * listed by name, or matched by an earlier entry, stays with that entry.
 *
 * The selectors are given at each resolve, so a reloaded config takes effect at the next one: a selector that
 * lists and matches the same as before keeps its clusters, whose policies are rebuilt from the new config with the
 * state of the old ones (`createPolicy(previous)`); a selector no longer in the config drops its clusters.
 *
 * @example
 * ```ts
 * const discovery = createClusterDiscovery({ client, emit: hub.emit, clock });
 * const { targets, failures } = await discovery.resolve({ selectors: setup.selectors, listed: setup.targets });
 * ```
 */
export function createClusterDiscovery(options: ClusterDiscoveryOptions): ClusterDiscovery {
  const { client, emit, clock } = options;
  const found = new Map<string, Found>();
  const reportedTwice = new Set<string>();
  const at = () => new Date(clock.now());

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

  const targetOf = (selector: ScalerSelector, cluster: ClusterRef, previous?: ScalerTarget): ScalerTarget => {
    const target: ScalerTarget = {
      cluster,
      policy: selector.createPolicy(previous?.policy),
      ...selector.options,
      selector: selector.entry,
    };
    if (previous === undefined) options.prepare?.(target);
    return target;
  };

  const update = (key: string, selector: ScalerSelector, matched: readonly ManagedCluster[]): Found => {
    const before = found.get(key);
    const reloaded = before !== undefined && before.selector !== selector;
    const now = new Map<string, ScalerTarget>();
    const mismatches: Array<{ cluster: ClusterRef; expected: string; actual: string }> = [];
    const expected = selector.options.location;
    for (const managed of matched) {
      const cluster = clusterKey(managed.cluster);
      const kept = before?.targets.get(cluster);
      now.set(cluster, kept && !reloaded ? kept : targetOf(selector, managed.cluster, kept));
      if (
        !kept &&
        expected !== undefined &&
        normalizeLocation(expected) !== normalizeLocation(managed.location)
      ) {
        mismatches.push({ cluster: managed.cluster, expected, actual: managed.location });
      }
    }
    const next = { selector, targets: now };
    found.set(key, next);
    emit({
      kind: 'clusters-listed',
      at: at(),
      selector: selectorInfo(selector),
      clusters: [...now.values()].map((target) => target.cluster),
      added: [...now.entries()].filter(([k]) => !before?.targets.has(k)).map(([, target]) => target.cluster),
      removed: [...(before?.targets.entries() ?? [])].filter(([k]) => !now.has(k)).map(([, t]) => t.cluster),
      first: before === undefined,
      locationMismatches: mismatches,
    });
    return next;
  };

  return {
    current() {
      const seen = new Map<string, ScalerTarget>();
      for (const { targets } of found.values()) {
        for (const [key, target] of targets) if (!seen.has(key)) seen.set(key, target);
      }
      return [...seen.values()];
    },
    async resolve({ selectors, listed, abortSignal }) {
      const occurrences = new Map<string, number>();
      const keyed = selectors.map((selector) => {
        const base = selectorKey(selector);
        const seen = occurrences.get(base) ?? 0;
        occurrences.set(base, seen + 1);
        return { selector, key: `${base}#${seen}` };
      });
      const current = new Set(keyed.map(({ key }) => key));
      for (const [key, gone] of [...found]) {
        if (current.has(key)) continue;
        found.delete(key);
        emit({
          kind: 'selector-dropped',
          at: at(),
          selector: selectorInfo(gone.selector),
          removed: [...gone.targets.values()].map((target) => target.cluster),
        });
      }
      const listings = await Promise.all(
        keyed.map(async ({ selector, key }) => ({
          selector,
          key,
          result: await list(selector, abortSignal),
        })),
      );
      const claimed = new Map<string, string>(
        listed.map((target) => [clusterKey(target.cluster), 'a cluster entry listed by name']),
      );
      const targets: ScalerTarget[] = [];
      const failures: SelectorFailure[] = [];
      for (const { selector, key, result } of listings) {
        if (!Array.isArray(result)) {
          failures.push({ selector, ...result });
          emit({ kind: 'selector-failed', at: at(), selector: selectorInfo(selector), error: result.error });
          continue;
        }
        for (const [cluster, target] of update(key, selector, result).targets) {
          const by = claimed.get(cluster);
          if (by === undefined) {
            claimed.set(cluster, selector.entry);
            targets.push(target);
          } else if (!reportedTwice.has(`${selector.entry}\u0000${cluster}`)) {
            reportedTwice.add(`${selector.entry}\u0000${cluster}`);
            emit({
              kind: 'cluster-selected-twice',
              at: at(),
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
