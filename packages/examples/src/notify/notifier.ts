import { type Clock, realClock } from '@aks-scaler/core';
import { cloudEventPayload } from './cloudevent-format.js';
import { type DeliveryQueue, deliveryQueue } from './delivery-queue.js';
import type { Notification, NotificationKind } from './notification.js';
import { type NotificationResult, type NotifyLogger, reportResult } from './notification-result.js';
import type { NotifySink } from './notify-sink.js';
import { type SendWebhookOptions, sendWebhook } from './send-webhook.js';
import { slackPayload } from './slack-format.js';
import type { WebhookPayload } from './webhook-payload.js';

/** Options of {@link createNotifier}. */
export interface NotifierOptions extends Omit<SendWebhookOptions, 'abortSignal'> {
  /** The webhooks. */
  sinks: readonly NotifySink[];
  /** Where the scaler runs, for CloudEvents' `source` (see `notificationOrigin`). */
  origin: string;
  /** Called once per notification and webhook with how it ended. Exceptions it throws are ignored. */
  onResult?: (result: NotificationResult) => void;
  /** Logs failed and dropped deliveries (warn) and delivered ones (debug). */
  logger?: NotifyLogger;
  /**
   * How many notifications may wait per webhook; past it the oldest is dropped (and counted `dropped`).
   * @default 100
   */
  queueSize?: number;
  /**
   * CloudEvents ids.
   * @default a random UUID
   */
  newId?: () => string;
}

/** Options of {@link Notifier.flush}. */
export interface FlushOptions {
  /**
   * How long to wait for the queues to drain before abandoning what is left.
   * @default 10000
   */
  timeoutInMs?: number;
  /** Stops waiting at once: what is left is abandoned. */
  abortSignal?: AbortSignal;
}

/** What {@link Notifier.flush} found. */
export interface FlushResult {
  /** Whether every queued notification was delivered or failed before the timeout. */
  drained: boolean;
  /** How many were abandoned (counted `dropped`). */
  dropped: number;
}

/** Sends notifications to webhooks in the background. */
export interface Notifier {
  /** Queues a notification for every webhook that wants its kind, and returns at once. Never throws. */
  notify(notification: Notification): void;
  /** Waits for the queues to drain, for shutdown; abandons what is left after `timeoutInMs`. Never rejects. */
  flush(options?: FlushOptions): Promise<FlushResult>;
  /** Notifications waiting or being sent, over all webhooks. */
  readonly pendingCount: number;
}

interface Job {
  notification: Notification;
}

/**
 * A notifier: one bounded queue per webhook, delivered in order by a background worker, so a webhook that hangs
 * or fails delays neither the caller nor the other webhooks. Each delivery is one POST with a 5 s timeout and up
 * to 3 tries (see `sendWebhook`). Logs, results and errors name a webhook by its host only.
 *
 * @example
 * ```ts
 * const onResult = countNotifications(metrics.registry);
 * const notifier = createNotifier({ sinks, origin: notificationOrigin(), logger, onResult });
 * for (const notification of notificationsFromReport(report)) notifier.notify(notification);
 * await notifier.flush({ timeoutInMs: 10_000 }); // at shutdown
 * ```
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const clock: Clock = options.clock ?? realClock;
  const limit = options.queueSize ?? 100;
  const { fetch, timeoutInMs, tries, backoff, maxRetryAfterInMs } = options;
  const sending: SendWebhookOptions = { clock, fetch, timeoutInMs, tries, backoff, maxRetryAfterInMs };
  const report = (
    sink: NotifySink,
    kind: NotificationKind,
    outcome: Omit<NotificationResult, 'kind' | 'sink' | 'host'>,
  ) =>
    reportResult(
      { ...outcome, kind, sink: sink.name, host: sink.target.host },
      { format: sink.format, logger: options.logger, onResult: options.onResult },
    );

  const payloadFor = (sink: NotifySink, notification: Notification): WebhookPayload =>
    sink.format === 'slack'
      ? slackPayload(notification)
      : cloudEventPayload(notification, {
          origin: options.origin,
          ...(options.newId && { id: options.newId() }),
        });

  const deliver = async (sink: NotifySink, job: Job, abortSignal: AbortSignal): Promise<void> => {
    const { kind } = job.notification;
    let payload: WebhookPayload;
    try {
      payload = payloadFor(sink, job.notification);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report(sink, kind, {
        result: 'failed',
        attempts: 0,
        reason: `could not be formatted: ${sink.target.scrub(message)}`,
      });
      return;
    }
    try {
      const delivery = await sendWebhook({ target: sink.target, payload }, { ...sending, abortSignal });
      report(sink, kind, {
        result: delivery.delivered ? 'delivered' : 'failed',
        attempts: delivery.attempts,
        ...(delivery.status !== undefined && { status: delivery.status }),
        ...(!delivery.delivered && { reason: delivery.reason }),
      });
    } catch {
      report(sink, kind, { result: 'dropped', attempts: 0, reason: 'abandoned at shutdown' });
    }
  };

  const queues = new Map<NotifySink, DeliveryQueue<Job>>();
  for (const sink of options.sinks) {
    queues.set(
      sink,
      deliveryQueue<Job>({ limit, run: (job, { abortSignal }) => deliver(sink, job, abortSignal) }),
    );
  }

  const pendingCount = (): number => {
    let count = 0;
    for (const queue of queues.values()) count += queue.size;
    return count;
  };
  const idle = () => Promise.all([...queues.values()].map((queue) => queue.idle()));
  /** Drops what waits and aborts what is in flight (which then reports `dropped` itself). */
  const abandon = (): void => {
    for (const [sink, queue] of queues) {
      for (const job of queue.abandon()) {
        report(sink, job.notification.kind, {
          result: 'dropped',
          attempts: 0,
          reason: 'abandoned at shutdown',
        });
      }
    }
  };

  return {
    notify(notification) {
      try {
        for (const [sink, queue] of queues) {
          if (!sink.on.includes(notification.kind)) continue;
          const dropped = queue.push({ notification });
          if (dropped) {
            report(sink, dropped.notification.kind, {
              result: 'dropped',
              attempts: 0,
              reason: `queue full (${limit} waiting): the oldest was dropped`,
            });
          }
        }
      } catch {
        // notify never fails its caller
      }
    },
    async flush(flushOptions = {}) {
      if (pendingCount() === 0) return { drained: true, dropped: 0 };
      const stop = new AbortController();
      const signals = flushOptions.abortSignal ? [stop.signal, flushOptions.abortSignal] : [stop.signal];
      const drained = await Promise.race([
        idle().then(() => true),
        clock.sleep(flushOptions.timeoutInMs ?? 10_000, AbortSignal.any(signals)).then(
          () => false,
          () => false,
        ),
      ]);
      stop.abort();
      if (drained) return { drained: true, dropped: 0 };
      const dropped = pendingCount();
      abandon();
      await idle();
      return { drained: false, dropped };
    },
    get pendingCount() {
      return pendingCount();
    },
  };
}
