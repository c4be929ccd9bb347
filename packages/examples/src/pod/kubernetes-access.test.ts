import { describe, expect, it } from 'vitest';
import { statusConfigMapName } from './env-kubernetes.js';
import { settingNames } from './env-variables.js';
import { type AccessFiles, readKubernetesSetup } from './kubernetes-access.js';

const SA = '/var/run/secrets/kubernetes.io/serviceaccount';

/** A file system holding exactly `files` (path -> content). */
function filesOf(files: Record<string, string>): AccessFiles {
  return {
    exists: (path) => path in files,
    readText: (path) => {
      if (!(path in files)) throw new Error(`ENOENT: ${path}`);
      return files[path]!;
    },
  };
}

const inCluster = { [`${SA}/token`]: 'token', [`${SA}/ca.crt`]: 'ca', [`${SA}/namespace`]: 'scaling\n' };
const read = (env: NodeJS.ProcessEnv, files: Record<string, string> = {}) =>
  readKubernetesSetup(env, settingNames(), filesOf(files));

describe('SCALER_KUBERNETES and how the pod reaches the API', () => {
  it('is off in auto mode when neither KUBECONFIG nor a service account is there, whatever ~/.kube/config holds', () => {
    const home = { '/home/scaler/.kube/config': 'apiVersion: v1' };
    const found = read({ HOME: '/home/scaler' }, home);
    expect(found.issues).toEqual([]);
    expect(found.kubernetes.access).toBeUndefined();
    expect(found.kubernetes.settings).toMatchObject({ mode: 'auto', statusConfigMap: 'aks-scaler-status' });
  });

  it('uses KUBECONFIG in auto mode, skipping the files of its list that do not exist', () => {
    const found = read({ KUBECONFIG: '/nowhere:/etc/kube/config' }, { '/etc/kube/config': '' });
    expect(found.kubernetes.access).toEqual({ kind: 'kubeconfig', files: ['/etc/kube/config'] });
  });

  it("uses the pod's service account in auto mode: KUBERNETES_SERVICE_HOST and the token file", () => {
    const env = { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' };
    expect(read(env, inCluster).kubernetes.access).toEqual({
      kind: 'in-cluster',
      server: 'https://10.0.0.1:443',
      tokenFile: `${SA}/token`,
      caFile: `${SA}/ca.crt`,
      namespace: 'scaling',
    });
    // The host alone (no token mounted) is not enough.
    expect(read(env).kubernetes.access).toBeUndefined();
    // An IPv6 service address is bracketed.
    expect(read({ KUBERNETES_SERVICE_HOST: 'fd00::1' }, inCluster).kubernetes.access).toMatchObject({
      server: 'https://[fd00::1]:443',
    });
  });

  it('takes POD_NAMESPACE before the service account namespace file, and reads the folder SCALER_SERVICE_ACCOUNT_DIR names', () => {
    const files = { '/tmp/sa/token': 't', '/tmp/sa/namespace': 'from-file' };
    const env = { KUBERNETES_SERVICE_HOST: '127.0.0.1', SCALER_SERVICE_ACCOUNT_DIR: '/tmp/sa' };
    expect(read(env, files).kubernetes.access).toMatchObject({
      tokenFile: '/tmp/sa/token',
      namespace: 'from-file',
    });
    expect(read({ ...env, POD_NAMESPACE: 'from-env' }, files).kubernetes.access).toMatchObject({
      namespace: 'from-env',
    });
  });

  it('refuses on without a Kubernetes config, saying what to set', () => {
    const found = read({ SCALER_KUBERNETES: 'on', KUBECONFIG: '/missing' });
    expect(found.kubernetes.access).toBeUndefined();
    expect(found.issues).toHaveLength(1);
    expect(found.issues[0]!.path).toBe('SCALER_KUBERNETES');
    expect(found.issues[0]!.message).toMatch(/no Kubernetes config was found: set KUBECONFIG/);
    expect(found.issues[0]!.message).toContain(`${SA}/token`);
    expect(found.issues[0]!.message).toContain('/missing');
  });

  it('finds nothing with off, even in a pod', () => {
    const found = read({ SCALER_KUBERNETES: 'off', KUBERNETES_SERVICE_HOST: '10.0.0.1' }, inCluster);
    expect(found.kubernetes.access).toBeUndefined();
    expect(found.issues).toEqual([]);
  });

  it('warns (auto) when KUBECONFIG names no existing file', () => {
    const found = read({ KUBECONFIG: '/missing' });
    expect(found.kubernetes.access).toBeUndefined();
    expect(found.warnings).toEqual([
      expect.stringContaining('KUBECONFIG names no file that exists (/missing)'),
    ]);
  });

  it('names the variable and the value in every problem', () => {
    const found = read({
      SCALER_KUBERNETES: 'maybe',
      SCALER_STATUS_CONFIGMAP: 'Status_Map',
      POD_NAMESPACE: 'Not A Namespace',
    });
    expect(found.issues.map((issue) => issue.path)).toEqual([
      'SCALER_KUBERNETES',
      'SCALER_STATUS_CONFIGMAP',
      'POD_NAMESPACE',
    ]);
    expect(found.issues.map((issue) => issue.message)).toEqual([
      expect.stringContaining('"maybe" is not a choice; use auto'),
      expect.stringContaining('"Status_Map" is not a ConfigMap name'),
      expect.stringContaining('"Not A Namespace" is not a namespace name'),
    ]);
  });

  it('names the status ConfigMap from one function that shards extend with -<i>', () => {
    const found = read({ SCALER_STATUS_CONFIGMAP: 'scaler-status' });
    expect(statusConfigMapName(found.kubernetes.settings.statusConfigMap)).toBe('scaler-status');
    expect(statusConfigMapName('aks-scaler-status', { index: 2 })).toBe('aks-scaler-status-2');
  });
});
