import type { ClusterRef, ReconcileReport } from '@aks-scaler/core';
import type { Notification } from './notification.js';

/** Options of {@link notificationsFromReport}. */
export interface NotificationsFromReportOptions {
  /** The cluster, when the report does not name it. */
  cluster?: ClusterRef;
}

/**
 * The `scaled` and `failed` notifications of one reconcile: one per pool whose operation succeeded or failed.
 * Pools left as they were (`none`, `skip`) and dry runs announce nothing.
 *
 * @example
 * ```ts
 * const report = await reconcile({ client, cluster, policy });
 * for (const notification of notificationsFromReport(report)) notifier.notify(notification);
 * ```
 */
export function notificationsFromReport(
  report: ReconcileReport,
  options: NotificationsFromReportOptions = {},
): Notification[] {
  const cluster = report.cluster ?? options.cluster;
  if (report.dryRun || cluster === undefined) return [];
  const at = report.finishedAt;
  const notifications: Notification[] = [];
  for (const entry of report.pools) {
    if (entry.outcome === 'failed') notifications.push({ kind: 'failed', at, cluster, entry });
    else if (entry.outcome === 'succeeded' && entry.action !== 'none' && entry.action !== 'skip') {
      notifications.push({ kind: 'scaled', at, cluster, entry });
    }
  }
  return notifications;
}
