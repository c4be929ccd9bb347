import type { ClusterRef } from '@aks-scaler/core';
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
 * or not readable), ready again when reads succeed. Before the first read it is not ready. A reloaded config
 * replaces the clusters: one that is gone no longer counts, and a new one counts once it was read.
 *
 * @example
 * ```ts
 * const readiness = createReadiness(setup.targets.map((t) => t.cluster));
 * hub.onEvent(readiness.observe);
 * ```
 */
export function createReadiness(initial: readonly ClusterRef[]): Readiness {
  let clusters = initial;
  const name = (cluster: ClusterRef) => `${cluster.resourceGroup}/${cluster.clusterName}`;
  const keyOf = (cluster: ClusterRef) =>
    `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.clusterName}`.toLowerCase();
  const last = new Map<string, { cluster: ClusterRef; error?: PodEventError }>();
  return {
    observe(event) {
      if (event.kind === 'pools-read') last.set(keyOf(event.cluster), { cluster: event.cluster });
      if (event.kind === 'pools-unreadable') {
        last.set(keyOf(event.cluster), { cluster: event.cluster, error: event.error });
      }
      if (event.kind === 'config-reloaded') {
        clusters = event.clusters.map((entry) => entry.cluster);
        const keep = new Set(clusters.map(keyOf));
        for (const key of last.keys()) if (!keep.has(key)) last.delete(key);
      }
    },
    state() {
      const failed = [...last.values()].filter((entry) => entry.error !== undefined);
      if (failed.length > 0) {
        const reasons = failed.map(
          (entry) => `${name(entry.cluster)}: ${entry.error!.code}: ${entry.error!.message}`,
        );
        return {
          ready: false,
          reason: `not ready: the last reconcile could not read the pools of ${reasons.join('; ')}`,
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
