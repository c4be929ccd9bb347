import type { Clock } from '@aks-scaler/core';
import type { Registry } from 'prom-client';
import { notificationOrigin } from '../notify/cloudevent-format.js';
import { countNotifications } from '../notify/notification-metrics.js';
import { notificationsFromReport } from '../notify/notifications-from-report.js';
import { createNotifier } from '../notify/notifier.js';
import type { NotifySink } from '../notify/notify-sink.js';
import { overrideNotifications } from '../notify/override-notifications.js';
import type { Logger } from '../shared/logger.js';
import type { PodSink } from './event-hub.js';

/** Options of {@link createNotificationSink}. */
export interface NotificationSinkOptions {
  /** The config's webhooks, their URLs resolved. */
  webhooks: readonly NotifySink[];
  /** Logs failed and dropped deliveries (by host only). */
  logger: Logger;
  /** Where `aks_scaler_notifications_total{result}` is counted, when the pod serves metrics. */
  registry?: Registry | undefined;
  /** The pod's environment: `POD_NAMESPACE` names where the events come from. @default process.env */
  env?: NodeJS.ProcessEnv | undefined;
  /** Times the deliveries' timeouts and backoff. */
  clock?: Clock | undefined;
  /**
   * How long the pod's shutdown waits for queued notifications.
   * @default 10_000
   */
  flushTimeoutInMs?: number | undefined;
}

/**
 * The pod's notification sink: each cluster's report becomes `scaled` and `failed` notifications for the config's
 * webhooks, an override that becomes active or expires an `override` notification (once per change), and a config
 * that loop mode found invalid (and kept the running one) a `config-rejected` notification. Handing them over is
 * synchronous and never blocks (the notifier queues them per webhook), so the sink runs inline; at shutdown it
 * waits for the queues within the grace period.
 */
export function createNotificationSink(options: NotificationSinkOptions): PodSink {
  const notifier = createNotifier({
    sinks: options.webhooks,
    origin: notificationOrigin(options.env),
    logger: options.logger,
    ...(options.registry !== undefined && { onResult: countNotifications(options.registry) }),
    ...(options.clock !== undefined && { clock: options.clock }),
  });
  const overrides = overrideNotifications();
  return {
    name: 'notifications',
    handle(event) {
      if (event.kind === 'override-active' || event.kind === 'override-expired') {
        const notification = overrides.next(event);
        if (notification) notifier.notify(notification);
        return;
      }
      if (event.kind === 'config-rejected') {
        notifier.notify({
          kind: 'config-rejected',
          at: event.at,
          config: event.path,
          problems: event.problems,
        });
        return;
      }
      if (event.kind !== 'cluster-reconciled') return;
      for (const notification of notificationsFromReport(event.report, { cluster: event.cluster })) {
        notifier.notify(notification);
      }
    },
    async close({ abortSignal }) {
      await notifier.flush({ timeoutInMs: options.flushTimeoutInMs ?? 10_000, abortSignal });
    },
  };
}
