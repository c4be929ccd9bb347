import type { ClusterRef } from '@aks-scaler/core';
import { clusterKey } from '@aks-scaler/core/common';
import type { Leadership } from './leadership.js';
import type { PodEvent, PodEventError } from './pod-events.js';

/** What `/readyz` answers. */
export interface ReadinessState {
  /** Whether the last reconcile read the pools of every cluster from ARM. */
  ready: boolean;
  /** Why, in words (the body of `/readyz`). */
  reason: string;
}

/** Follows the pod's events and says whether the last reconcile reached ARM. */
export interface Readiness {
  /** Feeds one event (pools read, or not). */
  observe(event: PodEvent): void;
  /** The current answer. */
  state(): ReadinessState;
}

/**
 * Readiness from the last reconcile's reads: ready once every cluster's pools were read (the credential got a token
 * and ARM answered), not ready again when a later read fails (ARM unreachable, the token refused, the cluster gone
 * or not readable), ready again when reads succeed. Before the first read it is not ready. The same goes for the
 * config's selectors (`selectors`, their entries such as `clusters[1]`): each must have listed its clusters, and a
 * cluster a selector no longer matches no longer counts. A reloaded config replaces the clusters and selectors: one
 * that is gone no longer counts, and a new one counts once it was read (or listed).
 *
 * With a leader election, a follower reads no pools: it is ready while it can read the Lease, that is while it
 * could take over. Not being the leader is no reason to be taken out of service: a rollout waits for its new pods to
 * be ready (they start as followers), and the PodDisruptionBudget counts ready pods, so an unready follower would
 * stall rollouts and node drains. One that cannot read the Lease is not ready (it could not take over).
 *
 * @example
 * ```ts
 * const readiness = createReadiness(setup.targets.map((t) => t.cluster));
 * hub.onEvent(readiness.observe);
 * ```
 */
export function createReadiness(
  initial: readonly ClusterRef[],
  initialSelectors: readonly string[] = [],
  options: { leadership?: Pick<Leadership, 'state'> | undefined } = {},
): Readiness {
  let clusters = initial;
  let selectors = initialSelectors;
  const name = (cluster: ClusterRef) => `${cluster.resourceGroup}/${cluster.clusterName}`;
  const keyOf = clusterKey;
  const last = new Map<string, { cluster: ClusterRef; error?: PodEventError }>();
  const listings = new Map<string, PodEventError | undefined>();
  // The clusters each selector matched at its last listing: a reload keeps them (a selector's own events drop them).
  const selected = new Map<string, readonly ClusterRef[]>();
  return {
    observe(event) {
      if (event.kind === 'clusters-listed') {
        listings.set(event.selector.entry, undefined);
        selected.set(event.selector.entry, event.clusters);
        for (const cluster of event.removed) last.delete(keyOf(cluster));
      }
      if (event.kind === 'selector-failed') listings.set(event.selector.entry, event.error);
      if (event.kind === 'selector-dropped') {
        listings.delete(event.selector.entry);
        selected.delete(event.selector.entry);
        for (const cluster of event.removed) last.delete(keyOf(cluster));
      }
      if (event.kind === 'pools-read') last.set(keyOf(event.cluster), { cluster: event.cluster });
      if (event.kind === 'pools-unreadable') {
        last.set(keyOf(event.cluster), { cluster: event.cluster, error: event.error });
      }
      if (event.kind === 'config-reloaded') {
        clusters = event.clusters.map((entry) => entry.cluster);
        selectors = event.selectors;
        const stillSelected = [...selected].filter(([entry]) => selectors.includes(entry));
        const keep = new Set([...clusters, ...stillSelected.flatMap(([, found]) => found)].map(keyOf));
        for (const key of last.keys()) if (!keep.has(key)) last.delete(key);
        for (const entry of listings.keys()) if (!selectors.includes(entry)) listings.delete(entry);
      }
    },
    state() {
      const election = options.leadership?.state();
      if (election && !election.leading) return followerReadiness(election);
      const failed = [...last.values()].filter((entry) => entry.error !== undefined);
      const failedListings = [...listings.entries()].filter(([, error]) => error !== undefined);
      if (failedListings.length > 0) {
        const reasons = failedListings.map(([entry, error]) => `${entry}: ${error!.code}: ${error!.message}`);
        return {
          ready: false,
          reason: `not ready: the last reconcile could not list the clusters of ${reasons.join('; ')}`,
        };
      }
      if (failed.length > 0) {
        const reasons = failed.map(
          (entry) => `${name(entry.cluster)}: ${entry.error!.code}: ${entry.error!.message}`,
        );
        return {
          ready: false,
          reason: `not ready: the last reconcile could not read the pools of ${reasons.join('; ')}`,
        };
      }
      const unlisted = selectors.filter((entry) => !listings.has(entry));
      if (unlisted.length > 0) {
        return {
          ready: false,
          reason: `not ready: no reconcile has listed the clusters of ${unlisted.join(', ')} yet`,
        };
      }
      const unread = clusters.filter((cluster) => !last.has(keyOf(cluster)));
      if (unread.length > 0) {
        return {
          ready: false,
          reason: `not ready: no reconcile has read the pools of ${unread.map(name).join(', ')} yet`,
        };
      }
      return { ready: true, reason: 'ready: the last reconcile read the pools of every cluster from ARM' };
    },
  };
}

function followerReadiness(election: ReturnType<Leadership['state']>): ReadinessState {
  if (election.problem !== undefined) {
    return {
      ready: false,
      reason: `not ready: following, but the Lease ${election.lease} cannot be read or written (${election.problem}): this replica could not take over`,
    };
  }
  if (election.holder === undefined) {
    return { ready: false, reason: `not ready: the Lease ${election.lease} has not been read yet` };
  }
  return {
    ready: true,
    reason:
      election.holder === ''
        ? `ready: following; nobody holds the Lease ${election.lease}, this replica tries to take it`
        : `ready: following ${election.holder}, which holds the Lease ${election.lease}; this replica takes over if it stops renewing`,
  };
}
