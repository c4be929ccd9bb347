import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Where `@kubernetes/client-node`, client-go and the scaler look for a pod's service-account files. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Options of {@link KubernetesEmulator.writeKubeconfig}. */
export interface KubeconfigOptions {
  /** The bearer token the user entry carries. @default the emulator's `adminToken` */
  token?: string | undefined;
  /** The context's namespace. @default 'default' */
  namespace?: string | undefined;
  /** Where to write it. @default a new file in the emulator's temp folder */
  path?: string | undefined;
  /** The cluster, user and context name. @default 'aks-scaler-emulator' */
  contextName?: string | undefined;
  /** Stops before the file is written. */
  abortSignal?: AbortSignal | undefined;
}

/** Options of {@link KubernetesEmulator.writeInClusterFiles}. */
export interface InClusterFilesOptions {
  /** The service-account token. @default the emulator's `adminToken` */
  token?: string | undefined;
  /** The `namespace` file's content. @default 'default' */
  namespace?: string | undefined;
  /** The root the service-account path is laid out under. @default a new folder in the emulator's temp folder */
  pathPrefix?: string | undefined;
  /** Stops before the files are written. */
  abortSignal?: AbortSignal | undefined;
}

/** The files a pod with a mounted service-account token has, laid out under a prefix. */
export interface InClusterFiles {
  /**
   * The prefix before `/var/run/secrets/kubernetes.io/serviceaccount`: pass it to
   * `KubeConfig.loadFromCluster(pathPrefix)`.
   */
  pathPrefix: string;
  /** `<pathPrefix>/var/run/secrets/kubernetes.io/serviceaccount`, holding `token`, `ca.crt` and `namespace`. */
  serviceAccountDir: string;
  /** The token file. */
  tokenFile: string;
  /** The CA file (`ca.crt`). */
  caFile: string;
  /** The namespace file. */
  namespaceFile: string;
  /** `KUBERNETES_SERVICE_HOST` and `KUBERNETES_SERVICE_PORT`, as the kubelet sets them for a pod. */
  env: { KUBERNETES_SERVICE_HOST: string; KUBERNETES_SERVICE_PORT: string };
}

/** A kubeconfig (JSON, which kubectl and every client read as YAML) for one cluster, user and context. */
export function kubeconfigFor(options: {
  server: string;
  caCert: string;
  token: string;
  namespace: string;
  contextName: string;
}): string {
  const name = options.contextName;
  return `${JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name,
          cluster: {
            server: options.server,
            'certificate-authority-data': Buffer.from(options.caCert).toString('base64'),
          },
        },
      ],
      users: [{ name, user: { token: options.token } }],
      contexts: [{ name, context: { cluster: name, user: name, namespace: options.namespace } }],
      'current-context': name,
      preferences: {},
    },
    null,
    2,
  )}\n`;
}

/** Writes a kubeconfig file (mode 0600, as it holds a token). */
export async function writeKubeconfigFile(options: {
  path: string;
  text: string;
  abortSignal?: AbortSignal | undefined;
}): Promise<void> {
  options.abortSignal?.throwIfAborted();
  await mkdir(dirname(options.path), { recursive: true });
  await writeFile(options.path, options.text, { mode: 0o600, signal: options.abortSignal });
}

/** Lays out `token`, `ca.crt` and `namespace` under `pathPrefix` + {@link SERVICE_ACCOUNT_DIR}. */
export async function writeServiceAccountFiles(options: {
  pathPrefix: string;
  token: string;
  caCert: string;
  namespace: string;
  host: string;
  port: number;
  abortSignal?: AbortSignal | undefined;
}): Promise<InClusterFiles> {
  const signal = options.abortSignal;
  signal?.throwIfAborted();
  const serviceAccountDir = join(options.pathPrefix, SERVICE_ACCOUNT_DIR);
  await mkdir(serviceAccountDir, { recursive: true });
  const tokenFile = join(serviceAccountDir, 'token');
  const caFile = join(serviceAccountDir, 'ca.crt');
  const namespaceFile = join(serviceAccountDir, 'namespace');
  await writeFile(tokenFile, options.token, { mode: 0o600, signal });
  await writeFile(caFile, options.caCert, { signal });
  await writeFile(namespaceFile, options.namespace, { signal });
  return {
    pathPrefix: options.pathPrefix,
    serviceAccountDir,
    tokenFile,
    caFile,
    namespaceFile,
    env: { KUBERNETES_SERVICE_HOST: options.host, KUBERNETES_SERVICE_PORT: String(options.port) },
  };
}
