import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type ClusterRef, type PoolReport, redact } from '@aks-scaler/core';
import { CloudEvent, HTTP } from 'cloudevents';
import type { Notification, NotificationKind } from './notification.js';
import type { WebhookPayload } from './webhook-payload.js';

/** The CloudEvents `type` of each notification kind. */
export const CLOUDEVENT_TYPES = {
  scaled: 'io.aks-scaler.pool.scaled',
  failed: 'io.aks-scaler.pool.failed',
  override: 'io.aks-scaler.pool.override',
  'config-rejected': 'io.aks-scaler.config.rejected',
} as const satisfies Record<NotificationKind, string>;

/** Options of {@link toCloudEvent}. */
export interface CloudEventOptions {
  /** Where the scaler runs: its Kubernetes namespace, else its host name (see {@link notificationOrigin}). */
  origin: string;
  /**
   * The event's `id`.
   * @default a random UUID
   */
  id?: string;
}

/**
 * Where the scaler runs, for the events' `source`: `POD_NAMESPACE` when set (from the downward API,
 * `fieldRef: { fieldPath: metadata.namespace }`), else the host name.
 *
 * @example
 * ```ts
 * notificationOrigin({ POD_NAMESPACE: 'aks-scaler' }); // 'aks-scaler'
 * ```
 */
export function notificationOrigin(
  env: NodeJS.ProcessEnv = process.env,
  host: () => string = hostname,
): string {
  const namespace = env.POD_NAMESPACE?.trim();
  return namespace ? namespace : host();
}

/**
 * The events' `source`: `aks-scaler/<namespace or host>/<cluster>` for a pool's events, `aks-scaler/<namespace
 * or host>` for a config (which may name many clusters).
 */
export function notificationSource(origin: string, cluster?: ClusterRef): string {
  const base = `aks-scaler/${encodeURIComponent(origin)}`;
  return cluster ? `${base}/${encodeURIComponent(cluster.clusterName)}` : base;
}

function clusterData(cluster: ClusterRef) {
  return {
    subscription: cluster.subscriptionId,
    resourceGroup: cluster.resourceGroup,
    name: cluster.clusterName,
  };
}

/** The report entry as the event's data: named fields only, the error redacted. */
function entryData(entry: PoolReport) {
  return {
    pool: entry.pool,
    from: entry.from,
    to: entry.to,
    action: entry.action,
    ...(entry.operations !== undefined && { operations: entry.operations }),
    ...(entry.bounds !== undefined && { bounds: entry.bounds }),
    reason: entry.reason,
    outcome: entry.outcome,
    ...(entry.durationInMs !== undefined && { durationInMs: entry.durationInMs }),
    ...(entry.error !== undefined && {
      error: { code: entry.error.code, message: redact(entry.error.message) },
    }),
  };
}

/** The `data` of a notification's event. */
export function notificationData(notification: Notification): Record<string, unknown> {
  switch (notification.kind) {
    case 'scaled':
    case 'failed':
      return { cluster: clusterData(notification.cluster), ...entryData(notification.entry) };
    case 'override':
      return { cluster: clusterData(notification.cluster), ...notification.override };
    case 'config-rejected':
      return {
        config: notification.config,
        problems: notification.problems.map((problem) => ({ path: problem.path, message: problem.message })),
      };
  }
}

/**
 * A notification as a CloudEvents 1.0 event: `type` from {@link CLOUDEVENT_TYPES}, `source` from
 * {@link notificationSource}, `subject` the pool (the config file for `config-rejected`), `time` when it happened,
 * `datacontenttype` `application/json`, `data` the pool's report entry (or the override, or the problems).
 *
 * @example
 * ```ts
 * const event = toCloudEvent(notification, { origin: notificationOrigin() });
 * event.type; // 'io.aks-scaler.pool.scaled'
 * ```
 */
export function toCloudEvent(
  notification: Notification,
  options: CloudEventOptions,
): CloudEvent<Record<string, unknown>> {
  const pooled = notification.kind !== 'config-rejected';
  return new CloudEvent<Record<string, unknown>>({
    specversion: '1.0',
    id: options.id ?? randomUUID(),
    type: CLOUDEVENT_TYPES[notification.kind],
    source: notificationSource(options.origin, pooled ? notification.cluster : undefined),
    subject: subjectOf(notification),
    time: notification.at.toISOString(),
    datacontenttype: 'application/json',
    data: notificationData(notification),
  });
}

function subjectOf(notification: Notification): string {
  switch (notification.kind) {
    case 'scaled':
    case 'failed':
      return notification.entry.pool;
    case 'override':
      return notification.override.pool;
    case 'config-rejected':
      return notification.config;
  }
}

/** The structured-mode HTTP request of a notification's event (`application/cloudevents+json`). */
export function cloudEventPayload(notification: Notification, options: CloudEventOptions): WebhookPayload {
  const message = HTTP.structured(toCloudEvent(notification, options));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = String(value);
  }
  return { headers, body: String(message.body) };
}
