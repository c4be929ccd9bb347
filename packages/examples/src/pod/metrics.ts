import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsSink } from './metrics-sink.js';

/** The pod's Prometheus metrics, fed by reconcile events and ARM responses. */
export interface PodMetrics extends MetricsSink {
  /** The registry served on `/metrics`. */
  readonly registry: Registry;
}

const OUTCOMES = ['succeeded', 'failed', 'skipped', 'planned'] as const;

/**
 * Creates the pod's metrics on a fresh registry (never the global one, so tests and several pods in one process
 * do not collide).
 */
export function createPodMetrics(options: { defaultMetrics?: boolean } = {}): PodMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true)
    collectDefaultMetrics({ register: registry, prefix: 'aks_scaler_process_' });
  const registers = [registry];
  const current = new Gauge({
    name: 'aks_scaler_pool_current_nodes',
    help: 'Node count of the pool as last read from ARM.',
    labelNames: ['cluster', 'pool'],
    registers,
  });
  const desired = new Gauge({
    name: 'aks_scaler_pool_desired_nodes',
    help: 'Node count the plan asked for (after clamping).',
    labelNames: ['cluster', 'pool'],
    registers,
  });
  const lastOutcome = new Gauge({
    name: 'aks_scaler_pool_last_outcome',
    help: "1 for the outcome of the pool's last reconcile, 0 for the others.",
    labelNames: ['cluster', 'pool', 'outcome'],
    registers,
  });
  const inFlight = new Gauge({
    name: 'aks_scaler_operations_in_flight',
    help: 'Pool operations running now.',
    registers,
  });
  const operationDuration = new Histogram({
    name: 'aks_scaler_operation_duration_seconds',
    help: 'Duration of pool operations, from start to a terminal state.',
    labelNames: ['outcome'],
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800],
    registers,
  });
  const errors = new Counter({
    name: 'aks_scaler_errors_total',
    help: 'Errors by stable code (CONFIG, AUTHORIZATION, OPERATION_FAILED...).',
    labelNames: ['code'],
    registers,
  });
  const armRequests = new Counter({
    name: 'aks_scaler_arm_requests_total',
    help: 'ARM requests by method and status.',
    labelNames: ['method', 'status'],
    registers,
  });
  const armThrottled = new Counter({
    name: 'aks_scaler_arm_throttled_total',
    help: 'ARM requests answered 429 (throttled).',
    labelNames: ['method'],
    registers,
  });
  const armDuration = new Histogram({
    name: 'aks_scaler_arm_request_duration_seconds',
    help: 'ARM request durations.',
    labelNames: ['method'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const reconciles = new Counter({
    name: 'aks_scaler_reconciles_total',
    help: 'Finished reconciles by result.',
    labelNames: ['cluster', 'result'],
    registers,
  });
  const reconcileDuration = new Gauge({
    name: 'aks_scaler_last_reconcile_duration_seconds',
    help: 'Duration of the last reconcile.',
    labelNames: ['cluster'],
    registers,
  });
  const lastReconcile = new Gauge({
    name: 'aks_scaler_last_reconcile_timestamp_seconds',
    help: 'When the last reconcile finished (Unix time).',
    labelNames: ['cluster'],
    registers,
  });

  const running = new Set<string>();
  return {
    registry,
    observeEvent(event) {
      const cluster = event.cluster.clusterName;
      switch (event.type) {
        case 'planned':
          current.set({ cluster, pool: event.pool }, event.from);
          desired.set({ cluster, pool: event.pool }, event.to);
          break;
        case 'progress':
          current.set({ cluster, pool: event.pool }, event.state.count);
          break;
        case 'started':
          running.add(`${cluster}/${event.pool}`);
          inFlight.inc();
          break;
        case 'succeeded':
        case 'failed': {
          if (running.delete(`${cluster}/${event.pool}`)) inFlight.dec();
          operationDuration.observe({ outcome: event.type }, event.durationInMs / 1000);
          if (event.type === 'succeeded') current.set({ cluster, pool: event.pool }, event.to);
          else errors.inc({ code: event.code });
          break;
        }
        default:
          break;
      }
    },
    observeResponse(response) {
      const method = response.method.toUpperCase();
      armRequests.inc({ method, status: String(response.status) });
      armDuration.observe({ method }, response.durationInMs / 1000);
      if (response.throttled) armThrottled.inc({ method });
    },
    observeError(code) {
      errors.inc({ code });
    },
    observeReport(clusterName, report, durationInMs) {
      reconciles.inc({ cluster: clusterName, result: report.ok ? 'ok' : 'failed' });
      reconcileDuration.set({ cluster: clusterName }, durationInMs / 1000);
      lastReconcile.set({ cluster: clusterName }, report.finishedAt.getTime() / 1000);
      for (const pool of report.pools) {
        for (const outcome of OUTCOMES) {
          lastOutcome.set(
            { cluster: clusterName, pool: pool.pool, outcome },
            pool.outcome === outcome ? 1 : 0,
          );
        }
      }
    },
  };
}
