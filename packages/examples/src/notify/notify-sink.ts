import type { NotifyFormat } from '@aks-scaler/policies';
import type { NotificationKind } from './notification.js';
import type { WebhookTarget } from './webhook-target.js';

/** One webhook and what it is told about (a resolved `notify` entry of the config). */
export interface NotifySink {
  /** Where it came from, e.g. `notify[0]`. */
  name: string;
  /** The message format it receives. */
  format: NotifyFormat;
  /** The notification kinds it receives. */
  on: readonly NotificationKind[];
  /** The webhook (its URL is a secret). */
  target: WebhookTarget;
}
