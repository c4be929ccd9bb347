import type { NotificationKind } from './notification.js';

/** How one notification to one webhook ended; the pod counts these in `aks_scaler_notifications_total{result}`. */
export type NotificationResultKind = 'delivered' | 'failed' | 'dropped';

/** What a notifier's `onResult` is told about each notification and webhook. */
export interface NotificationResult {
  /** `delivered` (2xx), `failed` (every try failed, or an answer that retrying cannot fix) or `dropped`
   * (the queue overflowed, or a shutdown abandoned it). */
  result: NotificationResultKind;
  /** The notification's kind. */
  kind: NotificationKind;
  /** The sink's name, e.g. `notify[0]`. */
  sink: string;
  /** The webhook's host: never the URL's path or query. */
  host: string;
  /** The tries made (0 when dropped before a try). */
  attempts: number;
  /** The last HTTP status, when the webhook answered. */
  status?: number;
  /** Why it failed or was dropped, safe to log. */
  reason?: string;
}

/** Where the notifier writes what went wrong: a pino logger fits. */
export interface NotifyLogger {
  /** A delivery failed or was dropped. */
  warn(fields: object, message: string): void;
  /** A delivery succeeded. */
  debug(fields: object, message: string): void;
}

/** Logs a result (failed and dropped at warn, delivered at debug) and hands it to `onResult`; never throws. */
export function reportResult(
  result: NotificationResult,
  options: { format: string; logger?: NotifyLogger; onResult?: (result: NotificationResult) => void },
): void {
  const fields = {
    event: `notification-${result.result}`,
    notification: result.kind,
    sink: result.sink,
    host: result.host,
    format: options.format,
    attempts: result.attempts,
    ...(result.status !== undefined && { status: result.status }),
    ...(result.reason !== undefined && { reason: result.reason }),
  };
  try {
    if (result.result === 'delivered') options.logger?.debug(fields, 'notification delivered');
    else options.logger?.warn(fields, `notification ${result.result}`);
  } catch {
    // a broken logger must not break deliveries
  }
  try {
    options.onResult?.(result);
  } catch {
    // nor a broken counter
  }
}
