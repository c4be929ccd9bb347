import type { ClusterRef } from '@aks-scaler/core';
import type { Logger } from '../shared/logger.js';
import { clusterFields } from './event-log.js';
import type { PodEvent, SelectorInfo } from './pod-events.js';

/** The discovery events the log writes. */
export type DiscoveryEvent = Extract<
  PodEvent,
  { kind: 'clusters-listed' | 'selector-failed' | 'selector-dropped' | 'cluster-selected-twice' }
>;

function selectorFields(selector: SelectorInfo) {
  return {
    entry: selector.entry,
    subscription: selector.subscription,
    ...(selector.resourceGroup !== undefined && { resourceGroup: selector.resourceGroup }),
    tags: selector.tags,
  };
}

/** A cluster as discovery lines list it: its resource group and name (the subscription is the selector's). */
function named(cluster: ClusterRef): { resourceGroup: string; cluster: string } {
  return { resourceGroup: cluster.resourceGroup, cluster: cluster.clusterName };
}

function tagsText(selector: SelectorInfo): string {
  return Object.entries(selector.tags)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}

function scopeText(selector: SelectorInfo): string {
  return selector.resourceGroup === undefined
    ? `subscription ${selector.subscription}`
    : `resource group ${selector.resourceGroup} of subscription ${selector.subscription}`;
}

/** One line of what discovery found: its level, its JSON fields and its message. */
export interface DiscoveryLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/**
 * What discovery found, once per change: `{"event":"discovered"}` when a selector's clusters changed (the first
 * listing that finds any included), with every cluster it matches, those added and those removed;
 * `{"event":"selector-empty"}` (a warning) when it matches nothing, at the first listing or when its last cluster
 * left; `{"event":"selector-failed"}` (an error) at every failed listing; a warning for each added cluster whose
 * region is not the entry's `location`, and for a cluster another entry already has.
 */
export function discoveryLines(event: DiscoveryEvent): DiscoveryLine[] {
  const base = selectorFields(event.selector);
  const entry = event.selector.entry;
  switch (event.kind) {
    case 'clusters-listed': {
      const lines: DiscoveryLine[] = [];
      if (event.added.length > 0 || event.removed.length > 0) {
        const changes = [
          event.added.length > 0 && `added ${event.added.map((c) => c.clusterName).join(', ')}`,
          event.removed.length > 0 && `removed ${event.removed.map((c) => c.clusterName).join(', ')}`,
        ].filter(Boolean);
        lines.push({
          level: 'info',
          fields: {
            event: 'discovered',
            ...base,
            clusters: event.clusters.map(named),
            added: event.added.map(named),
            removed: event.removed.map(named),
          },
          message: `selector ${entry} matches ${event.clusters.length} cluster${event.clusters.length === 1 ? '' : 's'} (${changes.join('; ')})`,
        });
      }
      if (event.clusters.length === 0 && (event.first || event.removed.length > 0)) {
        lines.push({
          level: 'warn',
          fields: { event: 'selector-empty', ...base },
          message: `selector ${entry} matches no cluster: no managed cluster of ${scopeText(event.selector)} has the tags ${tagsText(event.selector)} (tag names compare case-insensitively, values exactly); nothing to reconcile for it`,
        });
      }
      for (const mismatch of event.locationMismatches) {
        lines.push({
          level: 'warn',
          fields: {
            ...base,
            ...clusterFields(mismatch.cluster),
            expected: mismatch.expected,
            actual: mismatch.actual,
          },
          message: `${entry} expects location ${mismatch.expected} but cluster ${mismatch.cluster.clusterName} is in ${mismatch.actual}; fix the entry's location (nothing else depends on it)`,
        });
      }
      return lines;
    }
    case 'selector-failed':
      return [
        {
          level: 'error',
          fields: { event: 'selector-failed', ...base, error: event.error },
          message: `could not list the clusters of selector ${entry} (${event.error.code}: ${event.error.message}); its clusters are not reconciled this time`,
        },
      ];
    case 'selector-dropped':
      return [
        {
          level: 'info',
          fields: { event: 'selector-dropped', ...base, removed: event.removed.map(named) },
          message: `selector ${entry} is no longer in the configuration; its ${event.removed.length} cluster${event.removed.length === 1 ? ' is' : 's are'} no longer reconciled`,
        },
      ];
    case 'cluster-selected-twice': {
      const owner = event.by === 'a cluster entry listed by name' ? event.by : `entry ${event.by}`;
      return [
        {
          level: 'warn',
          fields: { ...base, ...clusterFields(event.cluster), by: event.by },
          message: `selector ${entry} also matches cluster ${event.cluster.clusterName}, which ${owner} already has; it is reconciled once, by that entry`,
        },
      ];
    }
  }
}

/** Writes {@link discoveryLines} to the pod's log. */
export function logDiscovery(logger: Logger, event: DiscoveryEvent): void {
  for (const line of discoveryLines(event)) logger[line.level](line.fields, line.message);
}
