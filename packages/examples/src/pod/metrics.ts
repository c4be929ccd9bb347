import type {
  ArmResponseInfo,
  ClusterRef,
  NodePool,
  OperationDurations,
  ReconcileReport,
  ScalerEvent,
} from '@aks-scaler/core';
import { clusterKey, poolKey } from '@aks-scaler/core/common';
import type { Registry } from 'prom-client';
import { definePodMetrics } from './metric-definitions.js';
import type { SelectorInfo } from './pod-events.js';
import { type DrivenStep, driveOf } from './pool-drive.js';

/** The pod's Prometheus metrics, fed by what ARM reports and by reconcile events. */
export interface PodMetrics {
  /** The registry served on `/metrics`. */
  readonly registry: Registry;
  /** A cluster's pools as ARM reported them: their current counts (pools no longer there lose their series). */
  observePoolsRead(cluster: ClusterRef, pools: readonly NodePool[]): void;
  /** Feeds one reconcile event. */
  observeEvent(event: ScalerEvent): void;
  /** Feeds one ARM response. */
  observeResponse(response: ArmResponseInfo): void;
  /** Counts an error that stopped a whole reconcile (by its code). */
  observeError(code: string): void;
  /** Records a finished reconcile of one cluster. */
  observeReport(cluster: ClusterRef, report: ReconcileReport, durationInMs: number): void;
  /** Records how many clusters a selector matched. */
  observeSelector(selector: SelectorInfo, clusters: number): void;
  /** Drops the series of a selector a reloaded config no longer has. */
  forgetSelector(selector: SelectorInfo): void;
  /** Drops every series of a cluster the scaler no longer reconciles (a selector no longer matches it). */
  forgetCluster(cluster: ClusterRef): void;
  /** Counts a failed call to the Kubernetes API. */
  observeKubernetesError(operation: string): void;
  /**
   * Counts a config reload; an applied one lists the clusters reconciled from now on (named, and those the
   * selectors matched), and the series of the clusters no longer among them are removed as {@link forgetCluster}
   * removes them (so a removed cluster does not look stuck).
   */
  observeConfigReload(result: 'applied' | 'rejected', clusters?: readonly ClusterRef[]): void;
  /** Sets `aks_scaler_leader`: whether this replica leads. */
  observeLeadership(leading: boolean): void;
}

const OUTCOMES = ['succeeded', 'failed', 'skipped', 'planned'] as const;

/** What a step does with a pool's count: a skip or an autoscaler range drives none, a stop drives it to 0. */
function countDrive(step: DrivenStep): 'count' | 'stop' | false {
  const drive = driveOf(step);
  return drive === 'range' ? false : drive;
}

const selectorLabels = (selector: SelectorInfo) => ({
  entry: selector.entry,
  subscription: selector.subscription,
  resource_group: selector.resourceGroup ?? '',
});

/**
 * Creates the pod's metrics on a fresh registry.
 *
 * `aks_scaler_pool_current_nodes` is what ARM reports (a read, an operation's poll, the count an operation wrote);
 * `aks_scaler_pool_desired_nodes` exists only for pools whose count the scaler drives: never for a pool it skips,
 * an autoscaler pool (an autoscaler range, or `bounds` mode: the scaler sets the range, the autoscaler the count)
 * or a stopped pool it was not asked to stop. A pool it stops has desired 0 (a stopped pool runs no nodes, and ARM
 * reports count 0). So `desired != current` means a pool the scaler is moving has not arrived yet.
 */
export function createPodMetrics(
  options: {
    defaultMetrics?: boolean;
    durations?: OperationDurations;
    /** Whether this process leads from the start: `false` for a replica that elects a leader. @default true */
    leading?: boolean;
  } = {},
): PodMetrics {
  const clusters = new Map<string, ClusterRef>();
  // The learned durations of clusters no longer in scope (dropped by a reload or a selector) stay learned, unshown.
  const m = definePodMetrics({ ...options, inScope: (cluster) => clusters.has(clusterKey(cluster)) });
  // Both results exist from the start, so `increase(...)` sees the first rejection.
  for (const result of ['applied', 'rejected']) m.configReloads.inc({ result }, 0);
  // Until told otherwise (a replica that elects a leader follows until it took the Lease).
  m.leader.set(options.leading === false ? 0 : 1);
  const pools = new Map<string, NodePool>();
  /**
   * Per pool, what the plan does with its count: drives it (`count`), stops the pool (`stop`: desired 0, also once
   * it is stopped), or neither (`false`: a skip, an autoscaler range).
   */
  const planned = new Map<string, 'count' | 'stop' | false>();
  const known = new Map<string, Set<string>>();
  const running = new Set<string>();
  const clusterLabels = (cluster: ClusterRef) => ({
    subscription: cluster.subscriptionId,
    resource_group: cluster.resourceGroup,
    cluster: cluster.clusterName,
  });
  const poolLabels = (cluster: ClusterRef, pool: string) => ({ ...clusterLabels(cluster), pool });

  const key = poolKey;
  /**
   * Whether the scaler drives this pool's count: a pool it stops (desired 0), or one planned to a count that has no
   * autoscaler and is not stopped (as last reported).
   */
  const drivesCount = (cluster: ClusterRef, pool: string) => {
    const plan = planned.get(key(cluster, pool));
    if (plan === 'stop') return true;
    const state = pools.get(key(cluster, pool));
    return plan !== false && state?.enableAutoScaling !== true && state?.powerState !== 'Stopped';
  };
  const setDesired = (cluster: ClusterRef, pool: string, to: number) => {
    if (drivesCount(cluster, pool)) m.desired.set(poolLabels(cluster, pool), to);
    else m.desired.remove(poolLabels(cluster, pool));
  };
  const forget = (cluster: ClusterRef, pool: string) => {
    const labels = poolLabels(cluster, pool);
    m.current.remove(labels);
    m.desired.remove(labels);
    for (const outcome of OUTCOMES) m.lastOutcome.remove({ ...labels, outcome });
    pools.delete(key(cluster, pool));
    planned.delete(key(cluster, pool));
  };

  const forgetCluster = (cluster: ClusterRef) => {
    for (const pool of known.get(clusterKey(cluster)) ?? []) forget(cluster, pool);
    known.delete(clusterKey(cluster));
    const labels = clusterLabels(cluster);
    m.reconcileDuration.remove(labels);
    m.lastReconcile.remove(labels);
    for (const result of ['ok', 'failed']) m.reconciles.remove({ ...labels, result });
    clusters.delete(clusterKey(cluster));
  };
  return {
    registry: m.registry,
    observePoolsRead(cluster, read) {
      const names = new Set(read.map((pool) => pool.name));
      for (const gone of known.get(clusterKey(cluster)) ?? []) if (!names.has(gone)) forget(cluster, gone);
      known.set(clusterKey(cluster), names);
      clusters.set(clusterKey(cluster), cluster);
      for (const pool of read) {
        pools.set(key(cluster, pool.name), pool);
        m.current.set(poolLabels(cluster, pool.name), pool.count);
      }
    },
    observeEvent(event) {
      const { cluster } = event;
      switch (event.type) {
        case 'planned':
          planned.set(key(cluster, event.pool), countDrive(event));
          m.current.set(poolLabels(cluster, event.pool), event.from);
          setDesired(cluster, event.pool, event.to);
          break;
        case 'progress':
          pools.set(key(cluster, event.pool), event.state);
          m.current.set(poolLabels(cluster, event.pool), event.state.count);
          if (!drivesCount(cluster, event.pool)) m.desired.remove(poolLabels(cluster, event.pool));
          break;
        case 'started':
          running.add(key(cluster, event.pool));
          m.inFlight.inc();
          break;
        case 'succeeded':
        case 'failed': {
          if (running.delete(key(cluster, event.pool))) m.inFlight.dec();
          m.operationDuration.observe({ outcome: event.type }, event.durationInMs / 1000);
          // A count write ends at the count written; an autoscaler range leaves the count to the autoscaler.
          if (event.type === 'succeeded' && drivesCount(cluster, event.pool)) {
            m.current.set(poolLabels(cluster, event.pool), event.to);
          } else if (event.type === 'failed') {
            m.errors.inc({ code: event.code });
          }
          break;
        }
        default:
          break;
      }
    },
    observeResponse(response) {
      const method = response.method.toUpperCase();
      m.armRequests.inc({ method, status: String(response.status) });
      m.armDuration.observe({ method }, response.durationInMs / 1000);
      if (response.throttled) m.armThrottled.inc({ method });
    },
    observeError(code) {
      m.errors.inc({ code });
    },
    observeSelector(selector, clusters) {
      m.selectorClusters.set(selectorLabels(selector), clusters);
    },
    forgetSelector(selector) {
      m.selectorClusters.remove(selectorLabels(selector));
    },
    forgetCluster,
    observeKubernetesError(operation) {
      m.kubernetesErrors.inc({ operation });
    },
    observeLeadership(leading) {
      m.leader.set(leading ? 1 : 0);
    },
    observeConfigReload(result, configured) {
      m.configReloads.inc({ result });
      if (configured === undefined) return;
      const keep = new Set(configured.map(clusterKey));
      for (const [keyOfCluster, cluster] of [...clusters]) {
        if (!keep.has(keyOfCluster)) forgetCluster(cluster);
      }
    },
    observeReport(cluster, report, durationInMs) {
      clusters.set(clusterKey(cluster), cluster);
      const labels = clusterLabels(cluster);
      m.reconciles.inc({ ...labels, result: report.ok ? 'ok' : 'failed' });
      m.reconcileDuration.set(labels, durationInMs / 1000);
      m.lastReconcile.set(labels, report.finishedAt.getTime() / 1000);
      for (const pool of report.pools) {
        if (pool.unknownPool) continue; // the cluster has no such pool: nothing to show a count for
        // The report is the final word on what the plan did (a busy pool is planned again once it is free).
        planned.set(key(cluster, pool.pool), countDrive(pool));
        setDesired(cluster, pool.pool, pool.to);
        for (const outcome of OUTCOMES) {
          m.lastOutcome.set({ ...poolLabels(cluster, pool.pool), outcome }, pool.outcome === outcome ? 1 : 0);
        }
      }
    },
  };
}
