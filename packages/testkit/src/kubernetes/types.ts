import type { EmulatorClock } from '../emulator/types.js';
import type { InClusterFiles, InClusterFilesOptions, KubeconfigOptions } from './client-files.js';
import type { KubernetesFaultController } from './faults.js';
import type { KubernetesObject } from './objects.js';
import type { KubernetesRequestLogEntry } from './request-log.js';
import type { KubernetesState } from './store.js';
import type { KubernetesTokenOptions } from './tokens.js';

/** Options of {@link startKubernetesEmulator}; every field is optional. */
export interface KubernetesEmulatorOptions {
  /**
   * The time source for `creationTimestamp`, Lease takeovers, table ages and `faults.down({ forInMs })`.
   * @default the real clock
   */
  clock?: EmulatorClock | undefined;
  /** What `/version` reports (gcloud's kubectl dispatcher picks its kubectl by it). @default '1.33.2' */
  kubernetesVersion?: string | undefined;
  /**
   * The namespaces that exist; creating in another one is a 404 NotFound.
   * @default ['default', 'kube-node-lease', 'kube-public', 'kube-system']
   */
  namespaces?: string[] | undefined;
  /** Objects to start with (ConfigMaps, Events, Leases), as for `state.put`. @default none */
  objects?: KubernetesObject[] | undefined;
  /** The most entries kept in {@link KubernetesEmulator.requests}; the oldest are dropped. @default unlimited */
  requestLogLimit?: number | undefined;
  /** Seed of the random fault generator. @default 1 */
  seed?: number | undefined;
  /** The TCP port. @default 0 (any free port) */
  port?: number | undefined;
  /** The address listened on. @default '127.0.0.1' */
  host?: '127.0.0.1' | undefined;
  /** Gives up starting (and closes the server) when aborted before the emulator is ready. */
  abortSignal?: AbortSignal | undefined;
}

/** A running Kubernetes API emulator: configmaps, events and leases over HTTPS on loopback. */
export interface KubernetesEmulator {
  /** `https://127.0.0.1:PORT` (no trailing slash): a kubeconfig's `server`. */
  server: string;
  /** `127.0.0.1`: `KUBERNETES_SERVICE_HOST`. */
  host: string;
  /** The port: `KUBERNETES_SERVICE_PORT`. */
  port: number;
  /** PEM of the CA that signed the TLS certificate (valid for `127.0.0.1` and `localhost`). */
  caCert: string;
  /** A token with every permission in every namespace (identity `kubernetes-admin`), for kubectl and setup. */
  adminToken: string;
  /**
   * Registers a bearer token with Role-shaped permissions and returns it.
   *
   * @example
   * ```ts
   * const token = emulator.mintToken({
   *   identity: 'system:serviceaccount:default:aks-scaler',
   *   rules: {
   *     default: [
   *       { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
   *       { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
   *       { apiGroups: [''], resources: ['configmaps'], resourceNames: ['aks-scaler-status'], verbs: ['get', 'update', 'patch'] },
   *     ],
   *   },
   * });
   * ```
   */
  mintToken(options: KubernetesTokenOptions): string;
  /** Forgets a token: later requests with it get 401 (a rotated or deleted service-account token). */
  revokeToken(token: string): void;
  /** Writes a kubeconfig (server, CA data, token, context namespace) and returns its path. */
  writeKubeconfig(options?: KubeconfigOptions): Promise<string>;
  /** Lays out a pod's service-account files (token, ca.crt, namespace) and returns their paths and env. */
  writeInClusterFiles(options?: InClusterFilesOptions): Promise<InClusterFiles>;
  /** Inspection and direct changes of the objects. */
  state: KubernetesState;
  /** Every request served, in order. */
  requests: KubernetesRequestLogEntry[];
  /** Fault injection: 5xx, 429, resets, delays, conflicts, Lease takeovers, the API down. */
  faults: KubernetesFaultController;
  /** Stops serving, drops open connections and removes the files it wrote. */
  close(): Promise<void>;
}
