import type { ProcessRecord } from './observed.js';

const AUTH = new Set(['AUTHENTICATION', 'AUTHORIZATION']);
const CONFIG = new Set(['CONFIG', 'CLUSTER_NOT_FOUND']);

/**
 * The pod's documented exit code (docs/configuration.md), derived independently from what a pod logged: 2 configuration, 3
 * authentication/authorization, 1 any other failure, 0 converged. Pools not started because the pod was stopping
 * (`ABORTED` after SIGTERM) are not failures.
 */
export function expectedExitCode(process: ProcessRecord): number {
  if (process.configFailure) return 2;
  const stopping = process.signalled === 'SIGTERM';
  if (process.failure) {
    const { code } = process.failure;
    if (AUTH.has(code)) return 3;
    if (CONFIG.has(code)) return 2;
    return stopping && code === 'ABORTED' ? 0 : 1;
  }
  const failed = (process.report?.pools ?? []).filter(
    (p) => p.outcome === 'failed' && !(stopping && p.error?.code === 'ABORTED'),
  );
  if (failed.some((p) => AUTH.has(p.error?.code ?? ''))) return 3;
  if (failed.length > 0) return 1;
  return process.report || stopping ? 0 : 1;
}
