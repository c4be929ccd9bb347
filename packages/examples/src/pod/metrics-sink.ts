import type { PodSink } from './event-hub.js';
import type { PodMetrics } from './metrics.js';

/** The metrics as a sink: in-memory updates, so it is called inline. */
export function createMetricsSink(metrics: PodMetrics): PodSink {
  return {
    name: 'metrics',
    handle(event) {
      switch (event.kind) {
        case 'pools-read':
          metrics.observePoolsRead(event.cluster, event.pools);
          return;
        case 'scaler':
          metrics.observeEvent(event.event);
          return;
        case 'arm-response':
          metrics.observeResponse(event.response);
          return;
        case 'cluster-reconciled':
          metrics.observeReport(event.cluster, event.report, event.durationInMs);
          return;
        case 'clusters-listed':
          metrics.observeSelector(event.selector, event.clusters.length);
          for (const cluster of event.removed) metrics.forgetCluster(cluster);
          return;
        case 'selector-dropped':
          metrics.forgetSelector(event.selector);
          for (const cluster of event.removed) metrics.forgetCluster(cluster);
          return;
        case 'selector-failed':
        case 'cluster-failed':
        case 'reconcile-failed':
          metrics.observeError(event.error.code);
          return;
        case 'kubernetes-failed':
          metrics.observeKubernetesError(event.operation);
          return;
        case 'config-reloaded':
          metrics.observeConfigReload(
            'applied',
            event.clusters.map((entry) => entry.cluster),
          );
          return;
        case 'config-rejected':
          metrics.observeConfigReload('rejected');
          return;
        default:
          return;
      }
    },
  };
}
