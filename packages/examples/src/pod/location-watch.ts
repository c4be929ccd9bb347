import type { NodePoolClient } from '@aks-scaler/core';
import type { Logger } from '../shared/logger.js';
import type { EventHub } from './event-hub.js';
import { checkLocation } from './location-check.js';
import type { ScalerTarget } from './setup.js';

/** Options of {@link watchLocations}. */
export interface WatchLocationsOptions {
  /** The pod's events: the first read of the pools, and reloads. */
  hub: EventHub;
  /** The node-pool client that reads the clusters. */
  client: NodePoolClient;
  /** The targets running now (they change when a config is reloaded). */
  targets: () => readonly ScalerTarget[];
  /** Where a mismatch is reported. */
  logger: Logger;
  /** Stops the checks. */
  abortSignal: AbortSignal;
}

/**
 * `LOCATION` (or a cluster's `location`) is checked right after the first successful read of the pools (the token
 * is cached by then), beside the reconcile: it never delays a write, and a once-mode run waits for it before
 * exiting. After a reloaded config, the clusters whose expected location is new are checked too.
 */
export function watchLocations(options: WatchLocationsOptions): { done(): Promise<void> } {
  const checked = new Set<string>();
  let running: Promise<void> | undefined;
  const check = () => {
    const targets = options.targets().filter((target) => {
      if (target.location === undefined) return false;
      const { subscriptionId, resourceGroup, clusterName } = target.cluster;
      const key = `${subscriptionId}/${resourceGroup}/${clusterName}/${target.location}`.toLowerCase();
      if (checked.has(key)) return false;
      checked.add(key);
      return true;
    });
    if (targets.length === 0) return;
    const next = checkLocation({
      client: options.client,
      logger: options.logger,
      targets,
      abortSignal: options.abortSignal,
    }).catch(() => {});
    running = running === undefined ? next : Promise.all([running, next]).then(() => {});
  };
  let read = false;
  options.hub.onEvent((event) => {
    if (event.kind === 'pools-read' && !read) {
      read = true;
      check();
    } else if (event.kind === 'config-reloaded' && read) {
      check();
    }
  });
  return { done: async () => running };
}
