/**
 * Every default of the pod's settings, named once. The operation defaults are core's, so the pod, the CLI and the
 * library agree.
 */
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_OPERATION_TIMEOUT_IN_MS,
  DEFAULT_POLL_INTERVAL_IN_MS,
} from '@aks-scaler/core';
export { MAX_CONCURRENCY } from '@aks-scaler/core/common';

/** `SCALER_MODE` when unset. */
export const DEFAULT_MODE = 'once';

/** `SCALER_INTERVAL` when unset: the loop period. */
export const DEFAULT_INTERVAL_IN_MS = 60_000;

/** The shortest `SCALER_INTERVAL` accepted. */
export const MIN_INTERVAL_IN_MS = 1_000;

/** `SCALER_SHUTDOWN_TIMEOUT` when unset: after SIGTERM, how long in-flight operations may take. */
export const DEFAULT_SHUTDOWN_TIMEOUT_IN_MS = 25_000;

/** `SCALER_HTTP_PORT` in loop mode when unset. */
export const DEFAULT_HTTP_PORT = 8080;

/** `SCALER_HTTP_HOST` when unset: every interface, as a pod behind a Service needs. */
export const DEFAULT_HTTP_HOST = '0.0.0.0';

/** `LOG_LEVEL` when unset. */
export const DEFAULT_LOG_LEVEL = 'info';

/** `AZURE_RESOURCE_MANAGER_ENDPOINT` when unset: the public cloud. */
export const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';
