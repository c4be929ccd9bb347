import type { Logger } from '../../shared/logger.js';
import type { KubernetesOperation, PodEvent } from '../pod-events.js';
import { isKubernetesRequestFailure } from './kubernetes-api.js';

/** Where failed Kubernetes calls go: every one is counted, each kind is logged once. */
export interface KubernetesFailures {
  /** Records a failed call. */
  report(operation: KubernetesOperation, error: unknown): void;
}

const WHAT: Record<KubernetesOperation, string> = {
  connect: 'loading the Kubernetes config',
  'status-read': 'reading the status ConfigMap',
  'status-create': 'creating the status ConfigMap',
  'status-update': 'updating the status ConfigMap',
  'event-create': 'creating an Event',
  'event-patch': 'updating an Event',
};

/**
 * Reports failed Kubernetes calls: each is emitted as a `kubernetes-failed` event (counted in
 * `aks_scaler_kubernetes_errors_total{operation}`), and the first of each kind (operation and HTTP status, or
 * unreachable) is logged as a warning. A failure never changes a reconcile: the call is made again next time.
 */
export function createKubernetesFailures(options: {
  logger: Logger;
  emit: (event: PodEvent) => void;
}): KubernetesFailures {
  const logged = new Set<string>();
  return {
    report(operation, error) {
      const failure = isKubernetesRequestFailure(error) ? error : undefined;
      const status = failure?.status;
      const reason = failure?.reason;
      const message = error instanceof Error ? error.message : String(error);
      options.emit({ kind: 'kubernetes-failed', operation, status, reason, message });
      const kind = `${operation}/${status ?? 'unreachable'}`;
      if (logged.has(kind)) return;
      logged.add(kind);
      const hint =
        status === 403
          ? "the scaler's Role does not allow it (see docs/security.md for the Role it needs)"
          : status === undefined
            ? 'the Kubernetes API cannot be reached or did not answer in time'
            : `the Kubernetes API answered ${status}${reason ? ` ${reason}` : ''}`;
      options.logger.warn(
        { event: 'kubernetes-failed', operation, status, reason, error: message },
        `${WHAT[operation]} failed: ${hint}. Reconciles go on unchanged and it is tried again at the next one; later failures of this kind are not logged.`,
      );
    },
  };
}
