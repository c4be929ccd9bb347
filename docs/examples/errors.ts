import { AuthorizationError, isScalerError, type ReconcileReport } from '@aks-scaler/core';

/** The exit code and the advice for an error thrown by `reconcile` (the pod's contract: 2 config, 3 auth). */
export function adviceFor(error: unknown): { exitCode: number; advice: string } {
  if (!isScalerError(error)) return { exitCode: 1, advice: 'unexpected error: report it with the log' };
  switch (error.code) {
    case 'CONFIG':
      return { exitCode: 2, advice: 'fix the input; nothing was written' };
    case 'CLUSTER_NOT_FOUND':
      return { exitCode: 2, advice: 'check SUBSCRIPTION, RESOURCE_GROUP and CLUSTER_NAME' };
    case 'AUTHENTICATION':
      return { exitCode: 3, advice: 'check the federated credential, the pod label and the token file' };
    case 'AUTHORIZATION': {
      const action = error instanceof AuthorizationError ? error.action : undefined;
      return { exitCode: 3, advice: `grant ${action ?? 'the missing action'} on the cluster` };
    }
    default:
      return { exitCode: 1, advice: error.message };
  }
}

/** Per-pool failures do not throw: they are in the report, with the same stable codes. */
export function failedPools(report: ReconcileReport): string[] {
  return report.pools
    .filter((pool) => pool.outcome === 'failed')
    .map((pool) => `${pool.pool}: ${pool.error?.code} ${pool.error?.message}`);
}
