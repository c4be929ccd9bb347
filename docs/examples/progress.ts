import type { ScalerEvent } from '@aks-scaler/core';

/** One line per event, as a progress display or a log would show it. */
export function describeEvent(event: ScalerEvent): string {
  const at = event.at.toISOString();
  switch (event.type) {
    case 'notice':
      return `${at} ${event.pool ?? event.cluster.clusterName} ${event.level}: ${event.message}`;
    case 'planned':
      return `${at} ${event.pool} planned: ${event.action} ${event.from} -> ${event.to} (${event.reason})`;
    case 'waiting':
      return `${at} ${event.pool} waiting: ${event.provisioningState} (${event.reason})`;
    case 'started':
      return `${at} ${event.pool} started: ${event.from} -> ${event.to}`;
    case 'progress':
      return `${at} ${event.pool} ${event.state.provisioningState}: ${event.state.count} nodes`;
    case 'retry':
      return `${at} ${event.pool} retry in ${event.delayInMs} ms: ${event.reason}`;
    case 'succeeded':
      return `${at} ${event.pool} succeeded: ${event.to} nodes after ${event.durationInMs} ms`;
    case 'failed':
      return `${at} ${event.pool} failed: ${event.code} ${event.message}`;
    case 'skipped':
      return `${at} ${event.pool} skipped: ${event.reason}`;
    case 'finished':
      return `${at} finished: ${event.report.ok ? 'converged' : 'some pools failed'}`;
  }
}
