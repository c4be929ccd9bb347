import { ApiException, CoordinationV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { KubernetesEmulator } from '../src/index.js';

/** The scaler's status ConfigMap name and the namespace the tests use. */
export const STATUS = 'aks-scaler-status';
export const NS = 'default';

/** The real clients, configured from a kubeconfig the emulator wrote (the `KUBECONFIG` path of a user). */
export async function clientsFor(
  emulator: KubernetesEmulator,
  options: { token?: string; namespace?: string } = {},
): Promise<{ core: CoreV1Api; coordination: CoordinationV1Api; config: KubeConfig }> {
  const config = new KubeConfig();
  config.loadFromFile(await emulator.writeKubeconfig(options));
  return {
    core: config.makeApiClient(CoreV1Api),
    coordination: config.makeApiClient(CoordinationV1Api),
    config,
  };
}

/** The Status object of a failed client call (its HTTP code and parsed body). */
export async function statusOf(promise: Promise<unknown>): Promise<{
  code: number;
  reason?: string;
  message?: string;
  details?: { name?: string; kind?: string; group?: string; causes?: { field: string; message: string }[] };
  kind?: string;
  status?: string;
}> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    const body = typeof error.body === 'string' && error.body ? JSON.parse(error.body) : (error.body ?? {});
    return { ...body, code: error.code };
  }
  throw new Error('expected the call to fail');
}

/** A ConfigMap body for `createNamespacedConfigMap`. */
export function statusMap(data: Record<string, string> = { 'status.txt': 'ok' }, name = STATUS) {
  return { metadata: { name }, data };
}
