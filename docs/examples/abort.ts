import {
  type ClusterRef,
  type NodePoolClient,
  type Policy,
  type ReconcileReport,
  reconcile,
} from '@aks-scaler/core';

/** Options of {@link reconcileUntilShutdown}. */
export interface ShutdownOptions {
  /** Aborted when the process is asked to stop (e.g. on SIGTERM). */
  shutdownSignal: AbortSignal;
  /** The hard deadline: after it, waits are abandoned. @default 9 minutes */
  deadlineInMs?: number;
}

/**
 * Two signals, two meanings. `drainSignal` starts nothing new and lets running operations finish (what a pod
 * does on SIGTERM); `abortSignal` abandons every wait at once (ARM still finishes what it accepted).
 */
export function reconcileUntilShutdown(
  client: NodePoolClient,
  cluster: ClusterRef,
  policy: Policy,
  options: ShutdownOptions,
): Promise<ReconcileReport> {
  return reconcile({
    client,
    cluster,
    policy,
    drainSignal: options.shutdownSignal,
    abortSignal: AbortSignal.timeout(options.deadlineInMs ?? 9 * 60_000),
  });
}

/** A signal aborted when Kubernetes asks the pod to stop. */
export function sigtermSignal(): AbortSignal {
  const shutdown = new AbortController();
  process.once('SIGTERM', () => shutdown.abort());
  return shutdown.signal;
}
