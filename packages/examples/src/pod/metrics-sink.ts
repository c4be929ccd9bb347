import type { ClusterRef } from '@aks-scaler/core';
import type { PodSink } from './event-hub.js';
import type { PodMetrics } from './metrics.js';

/** The metrics as a sink: in-memory updates, so it is called inline. */
export function createMetricsSink(metrics: PodMetrics): PodSink {
  // The clusters each selector matched at its last listing: a reload keeps them (a selector's own events drop them).
  const selected = new Map<string, readonly ClusterRef[]>();
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
          selected.set(event.selector.entry, event.clusters);
          metrics.observeSelector(event.selector, event.clusters.length);
          for (const cluster of event.removed) metrics.forgetCluster(cluster);
          return;
        case 'selector-dropped':
          selected.delete(event.selector.entry);
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
          metrics.observeConfigReload('applied', [
            ...event.clusters.map((entry) => entry.cluster),
            ...[...selected.values()].flat(),
          ]);
          return;
        case 'config-rejected':
          metrics.observeConfigReload('rejected');
          return;
        case 'leadership':
          metrics.observeLeadership(event.leading);
          return;
        default:
          return;
      }
    },
  };
}
