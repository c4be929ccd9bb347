import { realClock } from '../emulator/clock.js';
import { createServerFiles, listenTls } from '../emulator/server-files.js';
import { kubeconfigFor, writeKubeconfigFile, writeServiceAccountFiles } from './client-files.js';
import { KubernetesFaultController } from './faults.js';
import type { KubernetesRequestLogEntry } from './request-log.js';
import { createKubernetesListener } from './server.js';
import { KubernetesStore } from './store.js';
import { TokenRegistry } from './tokens.js';
import type { KubernetesEmulator, KubernetesEmulatorOptions } from './types.js';

/** The namespaces a fresh cluster has. */
export const DEFAULT_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/**
 * Starts a Kubernetes API emulator over HTTPS on 127.0.0.1 (a fresh CA): discovery, and configmaps, events and
 * leases in namespaces, with bearer tokens and Role-shaped permissions, optimistic concurrency, patches,
 * validation and `Status` errors like a real API server's. `@kubernetes/client-node` and `kubectl` work against
 * it unchanged.
 *
 * @example
 * ```ts
 * import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
 *
 * const kubernetes = await startKubernetesEmulator();
 * const config = new KubeConfig();
 * config.loadFromFile(await kubernetes.writeKubeconfig());
 * const core = config.makeApiClient(CoreV1Api);
 * await core.createNamespacedConfigMap({
 *   namespace: 'default',
 *   body: { metadata: { name: 'aks-scaler-status' }, data: { 'status.txt': 'ok' } },
 * });
 * kubernetes.state.get('configmaps', 'default', 'aks-scaler-status'); // { ..., data: { 'status.txt': 'ok' } }
 * await kubernetes.close();
 * ```
 */
export async function startKubernetesEmulator(
  options: KubernetesEmulatorOptions = {},
): Promise<KubernetesEmulator> {
  options.abortSignal?.throwIfAborted();
  const clock = options.clock ?? realClock;
  const host = options.host ?? '127.0.0.1';
  const { server, certificates, port, origin } = await listenTls(host, options.port);
  if (options.abortSignal?.aborted) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    options.abortSignal.throwIfAborted();
  }

  const store = new KubernetesStore(clock, options.namespaces ?? DEFAULT_NAMESPACES);
  for (const object of options.objects ?? []) store.put(object);
  const tokens = new TokenRegistry();
  const adminToken = tokens.mint({
    identity: 'kubernetes-admin',
    rules: { '*': [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
  });
  const faults = new KubernetesFaultController(options.seed ?? 1, () => clock.now());
  const requests: KubernetesRequestLogEntry[] = [];
  server.on(
    'request',
    createKubernetesListener({
      store,
      tokens,
      faults,
      requests,
      requestLogLimit: options.requestLogLimit ?? Number.POSITIVE_INFINITY,
      clock,
      kubernetesVersion: options.kubernetesVersion ?? '1.33.2',
      serverAddress: `${host}:${port}`,
    }),
  );

  const files = createServerFiles('aks-scaler-kubernetes-', { numbered: true });
  const temp = files.path;
  return {
    server: origin,
    host,
    port,
    caCert: certificates.caCert,
    adminToken,
    mintToken: (tokenOptions) => tokens.mint(tokenOptions),
    revokeToken: (token) => tokens.revoke(token),
    async writeKubeconfig(kubeconfigOptions = {}) {
      kubeconfigOptions.abortSignal?.throwIfAborted();
      const path = kubeconfigOptions.path ?? (await temp('kubeconfig'));
      const text = kubeconfigFor({
        server: origin,
        caCert: certificates.caCert,
        token: kubeconfigOptions.token ?? adminToken,
        namespace: kubeconfigOptions.namespace ?? 'default',
        contextName: kubeconfigOptions.contextName ?? 'aks-scaler-emulator',
      });
      await writeKubeconfigFile({ path, text, abortSignal: kubeconfigOptions.abortSignal });
      return path;
    },
    async writeInClusterFiles(filesOptions = {}) {
      filesOptions.abortSignal?.throwIfAborted();
      return writeServiceAccountFiles({
        pathPrefix: filesOptions.pathPrefix ?? (await temp('in-cluster')),
        token: filesOptions.token ?? adminToken,
        caCert: certificates.caCert,
        namespace: filesOptions.namespace ?? 'default',
        host,
        port,
        abortSignal: filesOptions.abortSignal,
      });
    },
    state: store,
    requests,
    faults,
    close: () => files.close(server),
  };
}
