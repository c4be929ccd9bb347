import type { ClusterRef, NodePool, ReconcileReport } from '@aks-scaler/core';
import { clusterKey } from '@aks-scaler/core/common';
import type { PodEvent, PodEventError } from '../pod-events.js';

/** An override that applied to a pool during the reconcile. */
export interface ActiveOverride {
  target: string;
  until: string;
  reason: string;
}

/** What one reconcile of one cluster showed: its report (or why there is none) and its pools as last reported. */
export interface ClusterObservation {
  cluster: ClusterRef;
  /** The report, when the cluster's pools could be read and its policy evaluated. */
  report?: ReconcileReport;
  /** Why the cluster could not be reconciled (redacted). */
  error?: PodEventError;
  /** Each pool as ARM last reported it: the read, then every poll of an operation. */
  pools: ReadonlyMap<string, NodePool>;
  /** When each pool's operation ended. */
  endedAt: ReadonlyMap<string, Date>;
  /** Overrides that applied. */
  overrides: ReadonlyMap<string, ActiveOverride>;
}

/** One reconcile of every cluster, as the status ConfigMap and Events describe it. */
export interface FleetObservation {
  /** When the reconcile ended. */
  at: Date;
  /** Whether nothing was written. */
  dryRun: boolean;
  /** One entry per cluster, in the config's order. */
  clusters: ClusterObservation[];
}

interface Gathered {
  pools: Map<string, NodePool>;
  endedAt: Map<string, Date>;
  overrides: Map<string, ActiveOverride>;
}

/**
 * Gathers the pod's events into one {@link FleetObservation} per reconcile: call `observe` with every event; it
 * returns the observation on `fleet-reconciled`, and starts over.
 */
export function createFleetObserver(): { observe(event: PodEvent): FleetObservation | undefined } {
  let gathered = new Map<string, Gathered>();
  const of = (cluster: ClusterRef): Gathered => {
    const key = clusterKey(cluster);
    let entry = gathered.get(key);
    if (!entry) {
      entry = { pools: new Map(), endedAt: new Map(), overrides: new Map() };
      gathered.set(key, entry);
    }
    return entry;
  };
  return {
    observe(event) {
      switch (event.kind) {
        case 'pools-read':
          for (const pool of event.pools) of(event.cluster).pools.set(pool.name, pool);
          return undefined;
        case 'override-active':
          of(event.cluster).overrides.set(event.pool, {
            target: event.target,
            until: event.until,
            reason: event.reason,
          });
          return undefined;
        case 'scaler': {
          const scaler = event.event;
          if (scaler.type === 'progress') of(scaler.cluster).pools.set(scaler.pool, scaler.state);
          if (scaler.type === 'succeeded' || scaler.type === 'failed') {
            of(scaler.cluster).endedAt.set(scaler.pool, scaler.at);
          }
          return undefined;
        }
        case 'fleet-reconciled': {
          const { fleet } = event;
          const observation: FleetObservation = {
            at: fleet.finishedAt,
            dryRun: fleet.dryRun,
            clusters: fleet.clusters.map((entry) => {
              const seen = of(entry.cluster);
              return {
                cluster: entry.cluster,
                ...(entry.report !== undefined && { report: entry.report }),
                ...(entry.error !== undefined && { error: entry.error }),
                pools: seen.pools,
                endedAt: seen.endedAt,
                overrides: seen.overrides,
              };
            }),
          };
          gathered = new Map();
          return observation;
        }
        default:
          return undefined;
      }
    },
  };
}

/** A cluster's identity, case-insensitive as ARM ids are (core's `clusterKey`). */
export { clusterKey };
