// Testing code that writes Kubernetes objects: the Kubernetes API emulator, the real @kubernetes/client-node.
// #region start
import { startKubernetesEmulator } from '@aks-scaler/testkit';
import {
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { afterAll, afterEach, expect, it } from 'vitest';

const kubernetes = await startKubernetesEmulator();
// The scaler's service account, with exactly the namespaced Role it ships with.
const token = kubernetes.mintToken({
  identity: 'system:serviceaccount:default:aks-scaler',
  roles: [
    {
      kind: 'Role',
      metadata: { name: 'aks-scaler', namespace: 'default' },
      rules: [
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
        {
          apiGroups: [''],
          resources: ['configmaps'],
          resourceNames: ['aks-scaler-status'],
          verbs: ['get', 'update', 'patch'],
        },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
        {
          apiGroups: ['coordination.k8s.io'],
          resources: ['leases'],
          resourceNames: ['aks-scaler-leader'],
          verbs: ['get', 'update'],
        },
      ],
    },
  ],
});
const config = new KubeConfig();
config.loadFromFile(await kubernetes.writeKubeconfig({ token })); // what KUBECONFIG points at
const core = config.makeApiClient(CoreV1Api);
const coordination = config.makeApiClient(CoordinationV1Api);
// #endregion start

afterEach(() => {
  kubernetes.faults.clear();
  kubernetes.state.delete('configmaps', 'default', 'aks-scaler-status');
});
afterAll(() => kubernetes.close());

// #region status
it('writes the status ConfigMap, and an Event about it', async () => {
  const map = await core.createNamespacedConfigMap({
    namespace: 'default',
    body: { metadata: { name: 'aks-scaler-status' }, data: { 'status.txt': 'manualpool2 5' } },
  });
  await core.createNamespacedEvent({
    namespace: 'default',
    body: {
      metadata: { generateName: 'aks-scaler-status.' },
      involvedObject: {
        kind: 'ConfigMap',
        name: 'aks-scaler-status',
        namespace: 'default',
        uid: map.metadata?.uid,
      },
      reason: 'ScaledUp',
      message: 'manualpool2 1 -> 5',
      type: 'Normal',
      count: 1,
    },
  });
  expect(kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')?.data).toEqual({
    'status.txt': 'manualpool2 5',
  });
  expect(kubernetes.state.list('events', 'default').map((event) => event.reason)).toEqual(['ScaledUp']);
  // Outside the Role: a real 403 Status, naming the verb, resource, name and namespace.
  await expect(core.readNamespacedConfigMap({ name: 'other', namespace: 'default' })).rejects.toMatchObject({
    code: 403,
  });
  expect(kubernetes.requests.at(-1)).toMatchObject({
    verb: 'get',
    name: 'other',
    status: 403,
    reason: 'Forbidden',
  });
});
// #endregion status

// #region faults
it('meets a 409 when another writer got there first, and an API that is down', async () => {
  await core.createNamespacedConfigMap({
    namespace: 'default',
    body: { metadata: { name: 'aks-scaler-status' } },
  });
  kubernetes.faults.inject({ kind: 'conflict', resource: 'configmaps', name: 'aks-scaler-status' });
  const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  const patch = () =>
    core.patchNamespacedConfigMap(
      { name: 'aks-scaler-status', namespace: 'default', body: { data: { 'status.txt': 'new' } } },
      merge,
    );
  await expect(patch()).rejects.toMatchObject({ code: 409 });
  await patch(); // the retry goes through

  const outage = kubernetes.faults.down(); // every connection is reset until cancel() (or forInMs of its clock)
  await expect(patch()).rejects.toThrow();
  outage.cancel();
  expect(kubernetes.faults.triggered.map((fault) => fault.kind)).toEqual(['conflict', 'down']);
});
// #endregion faults

// #region lease
it('sees a Lease that someone else holds', async () => {
  kubernetes.state.takeOverLease('default', 'aks-scaler-leader', 'aks-scaler-7d9f8-other');
  const lease = await coordination.readNamespacedLease({ name: 'aks-scaler-leader', namespace: 'default' });
  expect(lease.spec?.holderIdentity).toBe('aks-scaler-7d9f8-other');
  expect(lease.spec?.leaseDurationSeconds).toBe(15);
});
// #endregion lease
