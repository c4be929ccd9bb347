import { type ClusterRef, ConfigError, type NodePoolClient, redact } from '@aks-scaler/core';
import type { Logger } from '../shared/logger.js';
import { clusterFields } from './event-log.js';
import type { ScalerTarget } from './setup.js';

/** Options of {@link checkLocation}. */
export interface CheckLocationOptions {
  /** The clusters whose expected `location` is checked. */
  targets: readonly ScalerTarget[];
  /** The node-pool client that reads the clusters (its retries, pacing, metrics and typed errors). */
  client: NodePoolClient;
  /** Where warnings go. */
  logger: Logger;
  /** Stops the check. */
  abortSignal?: AbortSignal;
}

/**
 * Reads each cluster's region and warns when it differs from `LOCATION` (case and spaces ignored, so `West Europe`
 * equals `westeurope`). It never fails a run: a cluster it cannot read is reported at debug level, because the
 * reconcile that runs alongside reports real access problems itself.
 */
export async function checkLocation(options: CheckLocationOptions): Promise<void> {
  for (const target of options.targets) {
    if (target.location === undefined) continue;
    try {
      const actual = await readClusterLocation({ ...options, cluster: target.cluster });
      if (normalizeLocation(actual) !== normalizeLocation(target.location)) {
        options.logger.warn(
          { ...clusterFields(target.cluster), expected: target.location, actual },
          `LOCATION is ${target.location} but the cluster is in ${actual}; fix LOCATION (nothing else depends on it)`,
        );
      }
    } catch (error) {
      options.logger.debug(
        {
          ...clusterFields(target.cluster),
          reason: redact(error instanceof Error ? error.message : String(error)),
        },
        'could not read the cluster to check LOCATION',
      );
    }
  }
}

/** Options of {@link readClusterLocation}. */
export interface ReadClusterLocationOptions {
  /** The node-pool client. */
  client: NodePoolClient;
  /** The cluster to read. */
  cluster: ClusterRef;
  /** Stops the read. */
  abortSignal?: AbortSignal;
}

/** Reads a managed cluster's region (its ARM `location`, e.g. `westeurope`) with the client's `getCluster`. */
export async function readClusterLocation(options: ReadClusterLocationOptions): Promise<string> {
  const { client } = options;
  if (client.getCluster === undefined) {
    throw new ConfigError('LOCATION can be checked only with a client that reads clusters (getCluster).', {
      issues: [{ path: 'LOCATION', message: 'the node-pool client has no getCluster' }],
    });
  }
  const cluster = await client.getCluster(options.cluster, { abortSignal: options.abortSignal });
  return cluster.location;
}

/** A region as ARM compares it: `West Europe` and `westeurope` are the same. */
export function normalizeLocation(location: string): string {
  return location.replaceAll(/\s+/g, '').toLowerCase();
}
