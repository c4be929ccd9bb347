import { request } from 'node:https';
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

/** A raw HTTPS request to the emulator (trusting its CA), for what the client library never sends. */
export function rawRequest(
  emulator: KubernetesEmulator,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${emulator.server}${options.path}`,
      {
        method: options.method ?? 'GET',
        headers: {
          ...(options.body !== undefined
            ? { 'content-length': String(Buffer.byteLength(options.body)) }
            : {}),
          ...options.headers,
        },
        ca: emulator.caCert,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
