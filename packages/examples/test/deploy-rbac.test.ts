// What the manifests give the scaler on the Kubernetes API: exactly the documented Role, bound to its
// ServiceAccount (the Lease rules in the loop variant only, where the leader election runs), and the
// service-account token mounted into the scaler's container only. Rendered with the real `kubectl kustomize`;
// scaler-pod-kubernetes.test.ts and pod-kubernetes-role.test.ts run the real pod with exactly these Roles.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVICE_ACCOUNT_DIR } from '../src/pod/env-kubernetes.js';
import { deployDir, type Manifest, only, render } from './helpers/kustomize.js';

const THE_ROLE_RULES = [
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
  {
    apiGroups: [''],
    resources: ['configmaps'],
    resourceNames: ['aks-scaler-status'],
    verbs: ['get', 'update', 'patch'],
  },
];

/** The leader election's Lease, where it runs (the loop variant): created once, then that one only. */
const LEASE_RULES = [
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
  {
    apiGroups: ['coordination.k8s.io'],
    resources: ['leases'],
    resourceNames: ['aks-scaler-leader'],
    verbs: ['get', 'update'],
  },
];

const RULES: Record<string, unknown[]> = { base: THE_ROLE_RULES, loop: [...THE_ROLE_RULES, ...LEASE_RULES] };

function scalerPod(manifests: Manifest[]): Manifest['spec'] {
  const cronJob = manifests.find((m) => m.kind === 'CronJob');
  return cronJob
    ? cronJob.spec.jobTemplate.spec.template.spec
    : only(manifests, 'Deployment').spec.template.spec;
}

describe.each(['base', 'loop'])('deploy/%s on the Kubernetes API', (variant) => {
  const manifests = render(join(deployDir, variant));

  it('has a namespaced Role with exactly the status ConfigMap and Events rules (and the Lease in loop mode), and nothing to list or watch', () => {
    const role = only(manifests, 'Role', 'aks-scaler');
    expect(role.apiVersion).toBe('rbac.authorization.k8s.io/v1');
    expect(role.rules).toEqual(RULES[variant]);
    const verbs = role.rules.flatMap((rule: { verbs: string[] }) => rule.verbs);
    for (const broad of ['list', 'watch', 'delete', 'deletecollection', '*'])
      expect(verbs).not.toContain(broad);
    expect(manifests.filter((m) => m.kind === 'ClusterRole' || m.kind === 'ClusterRoleBinding')).toEqual([]);
  });

  it("binds the Role to the scaler's ServiceAccount", () => {
    const binding = only(manifests, 'RoleBinding', 'aks-scaler');
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'aks-scaler',
    });
    const account = only(manifests, 'ServiceAccount').metadata.name;
    expect(scalerPod(manifests).serviceAccountName).toBe(account);
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: account }]);
  });

  it("mounts the API token into the scaler's container only, as a projected volume, not by automount", () => {
    const pod = scalerPod(manifests);
    expect(pod.automountServiceAccountToken).toBe(false);
    const volume = pod.volumes.find((v: { name: string }) => v.name === 'kube-api-access');
    const sources = volume.projected.sources;
    // The API server's own audience (no `audience`), rotated by the kubelet, with the CA and the namespace.
    expect(sources[0]).toEqual({ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } });
    expect(sources[1]).toEqual({
      configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] },
    });
    expect(sources[2]).toEqual({
      downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] },
    });
    const containers = [...pod.containers, ...(pod.initContainers ?? [])];
    const mounting = containers.filter((c: { volumeMounts?: { name: string }[] }) =>
      (c.volumeMounts ?? []).some((m) => m.name === 'kube-api-access'),
    );
    expect(mounting.map((c: { name: string }) => c.name)).toEqual(['scaler']);
    const mount = mounting[0].volumeMounts.find((m: { name: string }) => m.name === 'kube-api-access');
    expect(mount).toEqual({ name: 'kube-api-access', mountPath: SERVICE_ACCOUNT_DIR, readOnly: true });
  });

  it('tells the scaler its namespace and pod name through the downward API', () => {
    const env = scalerPod(manifests).containers[0].env as { name: string; valueFrom?: unknown }[];
    expect(env.find((e) => e.name === 'POD_NAMESPACE')?.valueFrom).toEqual({
      fieldRef: { fieldPath: 'metadata.namespace' },
    });
    expect(env.find((e) => e.name === 'POD_NAME')?.valueFrom).toEqual({
      fieldRef: { fieldPath: 'metadata.name' },
    });
  });
});

describe('an overlay with its own namespace', () => {
  const overlayDir = mkdtempSync(join(tmpdir(), 'aks-scaler-rbac-overlay-'));
  afterAll(() => rmSync(overlayDir, { recursive: true, force: true }));

  it('puts the Role, the RoleBinding and its subject in that namespace', () => {
    const base = relative(overlayDir, join(deployDir, 'base'));
    writeFileSync(
      join(overlayDir, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: scaling\nresources: [${JSON.stringify(base)}]\n`,
    );
    const manifests = render(overlayDir);
    expect(only(manifests, 'Role').metadata.namespace).toBe('scaling');
    const binding = only(manifests, 'RoleBinding');
    expect(binding.metadata.namespace).toBe('scaling');
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'workload-identity-sa', namespace: 'scaling' },
    ]);
  });
});
