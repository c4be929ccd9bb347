import { join } from 'node:path';
import {
  type Emulator,
  type KubernetesEmulator,
  startEmulator,
  startKubernetesEmulator,
} from '@aks-scaler/testkit';
import {
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START, startPod } from './helpers/kubernetes-pod.js';
import { deployDir, only, render } from './helpers/kustomize.js';

// The shipped Role, rendered with the real `kubectl kustomize`, is what the emulator gives the scaler's service
// account: every call the pod makes in two reconciles (read, create and update the status ConfigMap, create Events
// and raise a repeated one's count) is allowed, and anything else it could try is refused.
const IDENTITY = 'system:serviceaccount:default:workload-identity-sa';
let arm: Emulator;
let kubernetes: KubernetesEmulator;
let token: string;
beforeAll(async () => {
  arm = await startEmulator({
    operationDurationInMs: 5,
    clusters: [
      {
        resourceGroup: 'myResourceGroup',
        name: 'myManagedCluster',
        pools: [
          { name: 'manualpool2', count: 1 },
          { name: 'manualpool3', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 5 },
        ],
      },
    ],
  });
  kubernetes = await startKubernetesEmulator({ clock: { now: () => Date.parse(START) } });
  const role = only(render(join(deployDir, 'base')), 'Role', 'aks-scaler');
  token = kubernetes.mintToken({ identity: IDENTITY, roles: [role as never] });
});
afterAll(async () => {
  await arm?.close();
  await kubernetes?.close();
});

describe('the shipped Role', () => {
  it("allows every call the pod makes, in the pod's own namespace", async () => {
    const files = await kubernetes.writeInClusterFiles({ token });
    const pod = await startPod({
      arm,
      env: {
        NODE_POOLS_AMOUNT: '{ "manualpool2": 3, "manualpool3": 3 }',
        SCALER_MODE: 'loop',
        SCALER_HTTP_PORT: '0',
        SCALER_HTTP_HOST: '127.0.0.1',
        ...files.env,
        SCALER_SERVICE_ACCOUNT_DIR: files.serviceAccountDir,
      },
    });
    await pod.reconciled(1);
    await pod.settled(() => kubernetes.state.list('events', 'default').length === 2, 'the first Events');
    pod.clock.advance(60_000);
    await pod.reconciled(2);
    await pod.settled(() => kubernetes.requests.some((r) => r.verb === 'patch'), 'the repeated Event');
    expect(await pod.stop()).toBe(0);

    const calls = kubernetes.requests.filter((request) => request.identity === IDENTITY);
    expect(calls.map((r) => `${r.verb} ${r.resource} ${r.status}`)).toEqual([
      'get configmaps 404', // the saved state: none yet
      'get configmaps 404',
      'create configmaps 201',
      'create events 201',
      'create events 201',
      'get configmaps 200',
      'update configmaps 200',
      'patch events 200',
    ]);
    expect(pod.lines.filter((line) => line.event === 'kubernetes-failed')).toEqual([]);
  });

  it('refuses what the pod never needs: other ConfigMaps, lists, deletes, Leases, other namespaces', async () => {
    const config = new KubeConfig();
    config.loadFromFile(await kubernetes.writeKubeconfig({ token }));
    const core = config.makeApiClient(CoreV1Api);
    const coordination = config.makeApiClient(CoordinationV1Api);
    kubernetes.state.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'aks-scaler-env', namespace: 'default' },
    });
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const attempts: Array<[string, () => Promise<unknown>]> = [
      [
        'get another ConfigMap',
        () => core.readNamespacedConfigMap({ name: 'aks-scaler-env', namespace: 'default' }),
      ],
      [
        'change another ConfigMap',
        () =>
          core.patchNamespacedConfigMap(
            { name: 'aks-scaler-env', namespace: 'default', body: { data: { NODE_POOLS_AMOUNT: '{}' } } },
            merge,
          ),
      ],
      ['list ConfigMaps', () => core.listNamespacedConfigMap({ namespace: 'default' })],
      [
        'delete the status ConfigMap',
        () => core.deleteNamespacedConfigMap({ name: 'aks-scaler-status', namespace: 'default' }),
      ],
      ['list Events', () => core.listNamespacedEvent({ namespace: 'default' })],
      [
        'create a Lease',
        () =>
          coordination.createNamespacedLease({
            namespace: 'default',
            body: { metadata: { name: 'aks-scaler-leader' }, spec: { holderIdentity: 'x' } },
          }),
      ],
      [
        'write the status ConfigMap in another namespace',
        () =>
          core.createNamespacedConfigMap({
            namespace: 'kube-system',
            body: { metadata: { name: 'aks-scaler-status' } },
          }),
      ],
    ];
    for (const [what, attempt] of attempts)
      await expect(attempt(), what).rejects.toMatchObject({ code: 403 });
  });
});
