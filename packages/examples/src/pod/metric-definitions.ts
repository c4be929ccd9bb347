import { type ClusterRef, DEFAULT_EXPECTED_OPERATION_IN_MS, type OperationDurations } from '@aks-scaler/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The labels that name a cluster, on every metric that is about one. */
export const CLUSTER_LABELS = ['subscription', 'resource_group', 'cluster'] as const;

/** The prefix of every metric; the process and Node.js metrics get it too (`aks_scaler_process_cpu_seconds_total`). */
export const METRIC_PREFIX = 'aks_scaler_';

/**
 * The pod's metrics on a fresh registry (never the global one, so several pods in one process do not collide).
 * With `durations`, the expected-operation gauge shows what is learned there at each scrape.
 */
export function definePodMetrics(
  options: {
    defaultMetrics?: boolean;
    durations?: OperationDurations;
    /** Which clusters the expected-operation gauge shows (all when absent). */
    inScope?: (cluster: ClusterRef) => boolean;
  } = {},
) {
  const { durations, inScope } = options;
  const registry = new Registry();
  // The default metrics are already named process_* and nodejs_*: the prefix alone makes them ours.
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const registers = [registry];
  const poolLabels = [...CLUSTER_LABELS, 'pool'] as const;
  return {
    registry,
    current: new Gauge({
      name: `${METRIC_PREFIX}pool_current_nodes`,
      help: 'Node count of the pool as ARM last reported it.',
      labelNames: poolLabels,
      registers,
    }),
    desired: new Gauge({
      name: `${METRIC_PREFIX}pool_desired_nodes`,
      help: 'Node count the scaler drives the pool to (after clamping); absent for pools it leaves alone (skipped, autoscaler, stopped).',
      labelNames: poolLabels,
      registers,
    }),
    lastOutcome: new Gauge({
      name: `${METRIC_PREFIX}pool_last_outcome`,
      help: "1 for the outcome of the pool's last reconcile, 0 for the others.",
      labelNames: [...poolLabels, 'outcome'],
      registers,
    }),
    inFlight: new Gauge({
      name: `${METRIC_PREFIX}operations_in_flight`,
      help: 'Pool operations running now.',
      registers,
    }),
    operationDuration: new Histogram({
      name: `${METRIC_PREFIX}operation_duration_seconds`,
      help: 'Duration of pool operations, from start to a terminal state.',
      labelNames: ['outcome'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800],
      registers,
    }),
    errors: new Counter({
      name: `${METRIC_PREFIX}errors_total`,
      help: 'Errors by stable code (CONFIG, AUTHORIZATION, OPERATION_FAILED...).',
      labelNames: ['code'],
      registers,
    }),
    armRequests: new Counter({
      name: `${METRIC_PREFIX}arm_requests_total`,
      help: 'ARM requests by method and status.',
      labelNames: ['method', 'status'],
      registers,
    }),
    armThrottled: new Counter({
      name: `${METRIC_PREFIX}arm_throttled_total`,
      help: 'ARM requests answered 429 (throttled).',
      labelNames: ['method'],
      registers,
    }),
    armDuration: new Histogram({
      name: `${METRIC_PREFIX}arm_request_duration_seconds`,
      help: 'ARM request durations.',
      labelNames: ['method'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    reconciles: new Counter({
      name: `${METRIC_PREFIX}reconciles_total`,
      help: 'Finished reconciles by result.',
      labelNames: [...CLUSTER_LABELS, 'result'],
      registers,
    }),
    reconcileDuration: new Gauge({
      name: `${METRIC_PREFIX}last_reconcile_duration_seconds`,
      help: 'Duration of the last reconcile.',
      labelNames: CLUSTER_LABELS,
      registers,
    }),
    selectorClusters: new Gauge({
      name: `${METRIC_PREFIX}selector_clusters`,
      help: "Clusters a config entry's selector matched at its last listing (resource_group empty: the whole subscription).",
      labelNames: ['entry', 'subscription', 'resource_group'],
      registers,
    }),
    kubernetesErrors: new Counter({
      name: `${METRIC_PREFIX}kubernetes_errors_total`,
      help: 'Failed calls to the Kubernetes API (status ConfigMap, Events) by operation; reconciles are not affected.',
      labelNames: ['operation'],
      registers,
    }),
    configReloads: new Counter({
      name: `${METRIC_PREFIX}config_reloads_total`,
      help: 'Changed SCALER_CONFIG contents seen in loop mode: applied, or rejected (invalid or unreadable; the running config stays).',
      labelNames: ['result'],
      registers,
    }),
    expectedOperation: new Gauge({
      name: `${METRIC_PREFIX}expected_operation_seconds`,
      help: `What an operation of the pool in this direction is expected to take: the median of its last five (learned from the scaler's own operations; absent until one ran, when ${DEFAULT_EXPECTED_OPERATION_IN_MS / 1000} s is expected).`,
      labelNames: [...poolLabels, 'direction'],
      registers,
      collect() {
        if (!durations) return;
        this.reset();
        for (const learned of durations.entries()) {
          if (inScope && !inScope(learned.cluster)) continue;
          const { subscriptionId, resourceGroup, clusterName } = learned.cluster;
          this.set(
            {
              subscription: subscriptionId,
              resource_group: resourceGroup,
              cluster: clusterName,
              pool: learned.pool,
              direction: learned.direction,
            },
            learned.medianInMs / 1000,
          );
        }
      },
    }),
    lastReconcile: new Gauge({
      name: `${METRIC_PREFIX}last_reconcile_timestamp_seconds`,
      help: 'When the last reconcile finished (Unix time).',
      labelNames: CLUSTER_LABELS,
      registers,
    }),
  };
}

/** The metrics {@link definePodMetrics} creates. */
export type PodMetricSet = ReturnType<typeof definePodMetrics>;
