import type { ScalerEvent } from '@aks-scaler/core';
import type { PodEvent } from './pod-events.js';

/**
 * The pod event of an override notice of the policy (`override-active`, `override-expired`), for the sinks that
 * announce overrides; undefined for any other event. The notice's details carry the override's target, until,
 * reason and source (see `withOverrides` of `@aks-scaler/policies`).
 */
export function overrideEventOf(event: ScalerEvent): PodEvent | undefined {
  if (event.type !== 'notice' || event.pool === undefined) return undefined;
  if (event.code !== 'override-active' && event.code !== 'override-expired') return undefined;
  const details = event.details ?? {};
  const text = (key: string) => (typeof details[key] === 'string' ? (details[key] as string) : '');
  return {
    kind: event.code,
    at: event.at,
    cluster: event.cluster,
    pool: event.pool,
    target: text('target'),
    until: text('until'),
    reason: text('reason'),
    source: details.source === 'tag' ? 'tag' : 'config',
  };
}
