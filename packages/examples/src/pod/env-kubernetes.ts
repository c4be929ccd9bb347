import { delimiter } from 'node:path';
import type { ValueReader } from './env-values.js';
import { DEFAULT_LEASE_TIMINGS, type LeaseTimings } from './leadership.js';
import { readLeaseTimings } from './lease-timings.js';

/** `SCALER_KUBERNETES`: whether the pod talks to the Kubernetes API of the cluster it runs in. */
export type KubernetesMode = 'auto' | 'on' | 'off';

/** `SCALER_KUBERNETES` when unset: on when a Kubernetes config is found. */
export const DEFAULT_KUBERNETES_MODE: KubernetesMode = 'auto';

/** `SCALER_LEADER_ELECTION`: `auto` elects a leader in loop mode when the pod talks to Kubernetes; `off` never. */
export type LeaderElectionMode = 'auto' | 'off';

/** `SCALER_STATUS_CONFIGMAP` when unset. */
export const DEFAULT_STATUS_CONFIGMAP = 'aks-scaler-status';

/** Where a pod's service-account token, CA and namespace are mounted (`SCALER_SERVICE_ACCOUNT_DIR` changes it). */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The pod's Kubernetes settings, read from its variables. */
export interface KubernetesSettings {
  /** `SCALER_KUBERNETES`. @default 'auto' */
  mode: KubernetesMode;
  /** `SCALER_STATUS_CONFIGMAP`: the status ConfigMap's base name. @default 'aks-scaler-status' */
  statusConfigMap: string;
  /** `POD_NAMESPACE` (the downward API's `metadata.namespace`), when set. */
  podNamespace?: string;
  /** `POD_NAME` (the downward API's `metadata.name`), when set; the hostname otherwise. */
  podName?: string;
  /** `KUBECONFIG`, split on the path delimiter (`:`), when set. */
  kubeconfigFiles?: string[];
  /** `KUBERNETES_SERVICE_HOST`, which the kubelet sets in every pod. */
  serviceHost?: string;
  /** `KUBERNETES_SERVICE_PORT`. @default '443' */
  servicePort?: string;
  /**
   * `SCALER_SERVICE_ACCOUNT_DIR`: the folder with the service account's `token`, `ca.crt` and `namespace`. Only
   * for tests and local runs; in a pod keep the default.
   * @default '/var/run/secrets/kubernetes.io/serviceaccount'
   */
  serviceAccountDir: string;
  /**
   * `SCALER_LEADER_ELECTION`: `auto` runs the leader election in loop mode whenever the pod talks to Kubernetes
   * (so two replicas never both write); `off` lets a single loop replica reconcile without the Lease (then it keeps
   * scaling while the Kubernetes API is down, and a second replica would write too: run only one).
   * @default 'auto'
   */
  leaderElection: LeaderElectionMode;
  /**
   * `SCALER_LEADER_ELECTION_TIMINGS`: `<lease>,<renew deadline>,<retry>`. Only for tests: in a cluster keep
   * client-go's defaults.
   * @default DEFAULT_LEASE_TIMINGS (15 s, 10 s, 2 s)
   */
  leaseTimings: LeaseTimings;
}

// A ConfigMap name is a DNS-1123 subdomain; a shard appends `-<i>`, so leave room for it.
const CONFIGMAP_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const MAX_CONFIGMAP_NAME_LENGTH = 240;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The status ConfigMap's name: `SCALER_STATUS_CONFIGMAP` (default `aks-scaler-status`), with `-<i>` for shard `i`
 * when the process runs as one shard of several. The one place that name is made.
 *
 * @example
 * ```ts
 * statusConfigMapName('aks-scaler-status'); // 'aks-scaler-status'
 * statusConfigMapName('aks-scaler-status', { index: 2 }); // 'aks-scaler-status-2'
 * ```
 */
export function statusConfigMapName(base: string, shard?: { index: number }): string {
  return shard === undefined ? base : `${base}-${shard.index}`;
}

/** Reads the Kubernetes variables, recording a problem for each invalid one. */
export function readKubernetesSettings(read: ValueReader): KubernetesSettings {
  const { names } = read;
  const modeText = read.text('SCALER_KUBERNETES')?.toLowerCase() ?? DEFAULT_KUBERNETES_MODE;
  if (modeText !== 'auto' && modeText !== 'on' && modeText !== 'off') {
    read.issue(
      names.nameOf('SCALER_KUBERNETES'),
      `${JSON.stringify(modeText)} is not a choice; use auto (on when KUBECONFIG or a pod's service account is found), on or off.`,
    );
  }
  const mode: KubernetesMode = modeText === 'on' || modeText === 'off' ? modeText : 'auto';
  const statusConfigMap = read.text('SCALER_STATUS_CONFIGMAP') ?? DEFAULT_STATUS_CONFIGMAP;
  if (!CONFIGMAP_NAME.test(statusConfigMap) || statusConfigMap.length > MAX_CONFIGMAP_NAME_LENGTH) {
    read.issue(
      names.nameOf('SCALER_STATUS_CONFIGMAP'),
      `${JSON.stringify(statusConfigMap)} is not a ConfigMap name; use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most ${MAX_CONFIGMAP_NAME_LENGTH} characters.`,
    );
  }
  const podNamespace = read.text('POD_NAMESPACE');
  if (podNamespace !== undefined && (!NAMESPACE.test(podNamespace) || podNamespace.length > 63)) {
    read.issue(
      names.nameOf('POD_NAMESPACE'),
      `${JSON.stringify(podNamespace)} is not a namespace name; use lowercase letters, digits and '-', at most 63 characters (the downward API's metadata.namespace gives the right one).`,
    );
  }
  const podName = read.text('POD_NAME');
  const kubeconfig = read.text('KUBECONFIG');
  const serviceHost = read.text('KUBERNETES_SERVICE_HOST');
  const servicePort = read.text('KUBERNETES_SERVICE_PORT');
  const kubeconfigFiles = kubeconfig?.split(delimiter).filter((path) => path.trim() !== '');
  const electionText = read.text('SCALER_LEADER_ELECTION')?.toLowerCase() ?? 'auto';
  if (electionText !== 'auto' && electionText !== 'off') {
    read.issue(
      names.nameOf('SCALER_LEADER_ELECTION'),
      `${JSON.stringify(electionText)} is not a choice; use auto (two loop replicas elect a leader through the Lease) or off (a single loop replica, no Lease).`,
    );
  }
  return {
    mode,
    statusConfigMap,
    ...(podNamespace !== undefined && { podNamespace }),
    ...(podName !== undefined && { podName }),
    ...(kubeconfigFiles !== undefined && kubeconfigFiles.length > 0 && { kubeconfigFiles }),
    ...(serviceHost !== undefined && { serviceHost }),
    ...(servicePort !== undefined && { servicePort }),
    serviceAccountDir: read.text('SCALER_SERVICE_ACCOUNT_DIR') ?? SERVICE_ACCOUNT_DIR,
    leaderElection: electionText === 'off' ? 'off' : 'auto',
    leaseTimings: readLeaseTimings(read) ?? DEFAULT_LEASE_TIMINGS,
  };
}
