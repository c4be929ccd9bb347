import type { ArmResponseInfo, ReconcileReport, ScalerEvent } from '@aks-scaler/core';

/** What the pod reports to its metrics. */
export interface MetricsSink {
  /** Feeds one reconcile event. */
  observeEvent(event: ScalerEvent): void;
  /** Feeds one ARM response. */
  observeResponse(response: ArmResponseInfo): void;
  /** Counts an error that stopped a whole reconcile (by its code). */
  observeError(code: string): void;
  /** Records a finished reconcile. */
  observeReport(clusterName: string, report: ReconcileReport, durationInMs: number): void;
}

/**
 * The sink of a pod that serves no `/metrics` (once mode without `SCALER_HTTP_PORT`): prom-client is then not
 * even loaded, which keeps a CronJob pod's memory low.
 */
export const NO_METRICS: MetricsSink = {
  observeEvent() {},
  observeResponse() {},
  observeError() {},
  observeReport() {},
};
