import { existsSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import type { ConfigIssue } from '@aks-scaler/core';
import { type KubernetesSettings, readKubernetesSettings } from './env-kubernetes.js';
import { createValueReader } from './env-values.js';
import type { SettingNames } from './env-variables.js';

/**
 * How the pod reaches the Kubernetes API, found from its variables and files without loading any Kubernetes code:
 * a kubeconfig (`KUBECONFIG`), or the pod's own service account (in-cluster).
 */
export type KubernetesAccess =
  | {
      kind: 'kubeconfig';
      /** The kubeconfig files that exist, in `KUBECONFIG`'s order (the first one's current context is used). */
      files: string[];
      /** `POD_NAMESPACE`, else the service account's namespace file; else the context's namespace applies. */
      namespace?: string;
    }
  | {
      kind: 'in-cluster';
      /** `https://KUBERNETES_SERVICE_HOST:KUBERNETES_SERVICE_PORT`. */
      server: string;
      /** The service-account token (re-read as the kubelet rotates it). */
      tokenFile: string;
      /** The cluster's CA. */
      caFile: string;
      /** `POD_NAMESPACE`, else the service account's namespace file. */
      namespace?: string;
    };

/** The file system calls {@link findKubernetesAccess} makes (injectable for tests). */
export interface AccessFiles {
  exists(path: string): boolean;
  readText(path: string): string;
}

const nodeFiles: AccessFiles = { exists: existsSync, readText: (path) => readFileSync(path, 'utf8') };

/** The pod's Kubernetes settings and how it reaches the API (none: Kubernetes is off). */
export interface KubernetesSetup {
  /** The settings (`SCALER_KUBERNETES`, `SCALER_STATUS_CONFIGMAP`, `POD_NAMESPACE`...). */
  settings: KubernetesSettings;
  /** How to reach the API; `undefined` when off. */
  access?: KubernetesAccess;
}

/** Reads the Kubernetes variables and finds the access: the setup, every problem, and remarks for the log. */
export function readKubernetesSetup(
  env: NodeJS.ProcessEnv,
  names: SettingNames,
  files: AccessFiles = nodeFiles,
): { kubernetes: KubernetesSetup; issues: ConfigIssue[]; warnings: string[] } {
  const read = createValueReader(env, names);
  const settings = readKubernetesSettings(read);
  const found = findKubernetesAccess(settings, names, files);
  return {
    kubernetes: { settings, ...(found.access && { access: found.access }) },
    issues: [...read.issues, ...(found.issue ? [found.issue] : [])],
    warnings: found.warning ? [found.warning] : [],
  };
}

/** What {@link findKubernetesAccess} found: the access (none means off), and what to tell or refuse. */
export interface KubernetesAccessResult {
  /** How to reach the API; `undefined` when Kubernetes is off (asked for, or nothing found in `auto`). */
  access?: KubernetesAccess;
  /** Why `SCALER_KUBERNETES=on` cannot be honoured (exit 2). */
  issue?: ConfigIssue;
  /** A remark for the log, e.g. a `KUBECONFIG` whose files do not exist. */
  warning?: string;
}

/**
 * Decides whether the pod talks to Kubernetes and how. `auto` is on when `KUBECONFIG` names an
 * existing file, or when the pod's service account is there (`KUBERNETES_SERVICE_HOST` and the token file); never
 * from an implicit `~/.kube/config`. `on` without either is a configuration problem; `off` finds nothing.
 */
export function findKubernetesAccess(
  settings: KubernetesSettings,
  names: SettingNames,
  files: AccessFiles = nodeFiles,
): KubernetesAccessResult {
  if (settings.mode === 'off') return {};
  const tokenFile = join(settings.serviceAccountDir, 'token');
  const namespaceFile = join(settings.serviceAccountDir, 'namespace');
  const namespace = settings.podNamespace ?? readNamespaceFile(namespaceFile, files);
  const ns = namespace !== undefined ? { namespace } : {};
  let warning: string | undefined;
  if (settings.kubeconfigFiles !== undefined) {
    const found = settings.kubeconfigFiles.filter((path) => files.exists(path));
    if (found.length > 0) return { access: { kind: 'kubeconfig', files: found, ...ns } };
    warning = `${names.nameOf('KUBECONFIG')} names no file that exists (${settings.kubeconfigFiles.join(', ')}).`;
  }
  if (settings.serviceHost !== undefined && files.exists(tokenFile)) {
    const host = isIPv6(settings.serviceHost) ? `[${settings.serviceHost}]` : settings.serviceHost;
    return {
      access: {
        kind: 'in-cluster',
        server: `https://${host}:${settings.servicePort ?? '443'}`,
        tokenFile,
        caFile: join(settings.serviceAccountDir, 'ca.crt'),
        ...ns,
      },
      ...(warning !== undefined && { warning }),
    };
  }
  if (settings.mode === 'on') {
    return {
      issue: {
        path: names.nameOf('SCALER_KUBERNETES'),
        message: `is on, but no Kubernetes config was found: set KUBECONFIG to a kubeconfig file, or run in a pod whose service-account token is mounted (KUBERNETES_SERVICE_HOST and ${tokenFile}); or set ${names.nameOf('SCALER_KUBERNETES')}=off.${warning ? ` ${warning}` : ''}`,
      },
    };
  }
  return warning !== undefined
    ? { warning: `${warning} The status ConfigMap and Events are off (SCALER_KUBERNETES=auto).` }
    : {};
}

function readNamespaceFile(path: string, files: AccessFiles): string | undefined {
  try {
    if (!files.exists(path)) return undefined;
    const text = files.readText(path).trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}
