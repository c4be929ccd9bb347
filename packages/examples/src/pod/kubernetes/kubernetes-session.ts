import type { Clock } from '@aks-scaler/core';
import type { KubernetesAccess } from '../kubernetes-access.js';
import type { KubernetesOperation } from '../pod-events.js';
import { isKubernetesRequestFailure, type KubernetesApi } from './kubernetes-api.js';
import type { KubernetesFailures } from './kubernetes-failures.js';
import { loadKubernetesClient } from './load-kubernetes-client.js';
import { withDeadline } from './with-deadline.js';

/** How long one Kubernetes call may take before the pod gives up on it (and tries again next time). */
export const KUBERNETES_CALL_TIMEOUT_IN_MS = 5_000;

/** The outcome of one call: its value, or how it failed. */
export type CallResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: unknown;
      /** The HTTP status, when the API server answered. */
      status: number | undefined;
      /** The `Status` reason (`Conflict`, `AlreadyExists`, `NotFound`...). */
      reason: string | undefined;
      /** Already reported (the connection itself failed). */
      reported?: boolean;
    };

/** The connection the writers share: connected on first use (again after a failure), every call bounded in time. */
export interface KubernetesSession {
  /** The namespace written to, once connected. */
  namespace(): string | undefined;
  /** Makes one call; never throws. A failure is not reported: {@link KubernetesSession.fail} does that. */
  call<T>(
    run: (api: KubernetesApi, abortSignal: AbortSignal) => Promise<T>,
    options?: { abortSignal?: AbortSignal | undefined },
  ): Promise<CallResult<T>>;
  /** Reports a failed call (counted, logged once per kind). */
  fail(operation: KubernetesOperation, result: CallResult<unknown> & { ok: false }): void;
  /** Closes the connection (at shutdown). */
  close(): Promise<void>;
}

/** Options of {@link createKubernetesSession}. */
export interface KubernetesSessionOptions {
  access: KubernetesAccess;
  clock: Clock;
  failures: KubernetesFailures;
  /** @default KUBERNETES_CALL_TIMEOUT_IN_MS */
  timeoutInMs?: number;
  /** Called once connected, for the log. */
  onConnected?: (api: KubernetesApi) => void;
}

/** Creates the session; nothing is loaded or connected before the first call. */
export function createKubernetesSession(options: KubernetesSessionOptions): KubernetesSession {
  const timeoutInMs = options.timeoutInMs ?? KUBERNETES_CALL_TIMEOUT_IN_MS;
  let api: KubernetesApi | undefined;
  const connect = async (abortSignal: AbortSignal | undefined): Promise<KubernetesApi> => {
    if (api) return api;
    const { connectKubernetes } = await loadKubernetesClient();
    api = await connectKubernetes({ access: options.access, abortSignal });
    options.onConnected?.(api);
    return api;
  };
  const failed = (error: unknown): CallResult<never> => ({
    ok: false,
    error,
    status: isKubernetesRequestFailure(error) ? error.status : undefined,
    reason: isKubernetesRequestFailure(error) ? error.reason : undefined,
  });
  return {
    namespace: () => api?.namespace,
    async call(run, { abortSignal } = {}) {
      let connected: KubernetesApi;
      try {
        connected = await connect(abortSignal);
      } catch (error) {
        options.failures.report('connect', error);
        return { ...failed(error), reported: true };
      }
      try {
        const value = await withDeadline({ clock: options.clock, timeoutInMs, abortSignal }, (signal) =>
          run(connected, signal),
        );
        return { ok: true, value };
      } catch (error) {
        return failed(error);
      }
    },
    fail(operation, result) {
      if (!result.reported) options.failures.report(operation, result.error);
    },
    async close() {
      await api?.close().catch(() => {});
    },
  };
}
