import { Counter, type Registry } from 'prom-client';
import type { NotificationResult, NotificationResultKind } from './notification-result.js';

const RESULTS: readonly NotificationResultKind[] = ['delivered', 'failed', 'dropped'];

/**
 * Registers `aks_scaler_notifications_total{result}` (`delivered`, `failed`, `dropped`, each present from the
 * start at 0) and returns the `onResult` callback that counts into it.
 *
 * @example
 * ```ts
 * const notifier = createNotifier({ sinks, origin, onResult: countNotifications(metrics.registry) });
 * ```
 */
export function countNotifications(registry: Registry): (result: NotificationResult) => void {
  const counter = new Counter({
    name: 'aks_scaler_notifications_total',
    help: 'Webhook notifications by result: delivered (2xx), failed (after every try), dropped (queue full or shutdown).',
    labelNames: ['result'],
    registers: [registry],
  });
  for (const result of RESULTS) counter.inc({ result }, 0);
  return (outcome) => counter.inc({ result: outcome.result });
}
