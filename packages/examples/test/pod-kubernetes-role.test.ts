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
import { demoCluster } from './helpers/demo-cluster.js';
import { leaseRequests, START, startPod } from './helpers/kubernetes-pod.js';
import { deployDir, only, render } from './helpers/kustomize.js';
import { waitUntil } from './helpers/wait.js';

// The shipped Roles, rendered with the real `kubectl kustomize`, are what the emulator gives the scaler's service
// account: every call the loop pod makes in two reconciles (take and renew the Lease, read, create and update the
// status ConfigMap, create Events and raise a repeated one's count, clear the Lease when stopping) is allowed by the
// loop variant's Role, and anything else it could try is refused; the CronJob base's Role has no Lease rules.
const IDENTITY = 'system:serviceaccount:default:workload-identity-sa';
// The same service account with the loop variant's Role (another token, so that its calls can be told apart).
const LOOP_IDENTITY = 'system:serviceaccount:default:workload-identity-sa (loop)';
let arm: Emulator;
let kubernetes: KubernetesEmulator;
let token: string;
let loopToken: string;
beforeAll(async () => {
  arm = await startEmulator({
    operationDurationInMs: 5,
    clusters: [
      demoCluster([
        { name: 'manualpool2', count: 1 },
        { name: 'manualpool3', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 5 },
      ]),
    ],
  });
  kubernetes = await startKubernetesEmulator({ clock: { now: () => Date.parse(START) } });
  const role = only(render(join(deployDir, 'base')), 'Role', 'aks-scaler');
  token = kubernetes.mintToken({ identity: IDENTITY, roles: [role as never] });
  const loopRole = only(render(join(deployDir, 'loop')), 'Role', 'aks-scaler');
  loopToken = kubernetes.mintToken({ identity: LOOP_IDENTITY, roles: [loopRole as never] });
});
afterAll(async () => {
  await arm?.close();
  await kubernetes?.close();
});

describe('the shipped Role', () => {
  it("allows every call the loop pod makes, leader election included, in the pod's own namespace", async () => {
    const files = await kubernetes.writeInClusterFiles({ token: loopToken });
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

    const calls = kubernetes.requests.filter((request) => request.identity === LOOP_IDENTITY);
    expect(
      calls.filter((r) => r.resource !== 'leases').map((r) => `${r.verb} ${r.resource} ${r.status}`),
    ).toEqual([
      'get configmaps 404', // the saved state: none yet
      'get configmaps 404',
      'create configmaps 201',
      'create events 201',
      'create events 201',
      'get configmaps 200',
      'update configmaps 200',
      'patch events 200',
    ]);
    // Taken (there was none), renewed once the clock moved on a minute (read first: its lease had run out on this
    // replica's clock), cleared when stopping.
    expect(leaseRequests(kubernetes, LOOP_IDENTITY)).toEqual([
      'get 404',
      'create 201',
      'get 200',
      'update 200',
      'update 200',
    ]);
    expect(pod.lines.filter((line) => line.event === 'kubernetes-failed')).toEqual([]);
  });

  it('leaves the loop pod a follower, saying why, when its Role lacks the Lease rules (the CronJob base)', async () => {
    const files = await kubernetes.writeInClusterFiles({ token });
    const armRequestsBefore = arm.requests.length;
    const pod = await startPod({
      arm,
      env: {
        NODE_POOLS_AMOUNT: '{ "manualpool2": 3 }',
        SCALER_MODE: 'loop',
        SCALER_HTTP_PORT: '0',
        SCALER_HTTP_HOST: '127.0.0.1',
        ...files.env,
        SCALER_SERVICE_ACCOUNT_DIR: files.serviceAccountDir,
      },
    });
    await waitUntil(() => pod.lines.some((line) => line.event === 'kubernetes-failed'), 'the refused Lease');
    const readyz = await fetch(`${pod.base()}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.text()).toMatch(
      /^not ready: following, but the Lease aks-scaler-leader cannot be read or written \(get lease default\/aks-scaler-leader: 403 /,
    );
    expect(await pod.stop()).toBe(0);
    expect(pod.lines.find((line) => line.event === 'kubernetes-failed')).toMatchObject({
      operation: 'lease-read',
      status: 403,
      msg: expect.stringContaining("the scaler's Role does not allow it"),
    });
    // A follower never reconciles: not a single ARM request.
    expect(pod.summaries()).toEqual([]);
    expect(arm.requests.slice(armRequestsBefore)).toEqual([]);
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

  it("the loop variant's Role allows the one Lease only: no other name, no list, no delete, no patch", async () => {
    const config = new KubeConfig();
    config.loadFromFile(await kubernetes.writeKubeconfig({ token: loopToken }));
    const coordination = config.makeApiClient(CoordinationV1Api);
    kubernetes.state.put({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'kube-scheduler', namespace: 'default' },
      spec: { holderIdentity: 'scheduler-1', leaseDurationSeconds: 15 },
    });
    await expect(
      coordination.readNamespacedLease({ name: 'aks-scaler-leader', namespace: 'default' }),
    ).resolves.toBeDefined();
    const attempts: Array<[string, () => Promise<unknown>]> = [
      [
        'read another Lease',
        () => coordination.readNamespacedLease({ name: 'kube-scheduler', namespace: 'default' }),
      ],
      [
        'take another Lease',
        () =>
          coordination.replaceNamespacedLease({
            name: 'kube-scheduler',
            namespace: 'default',
            body: { metadata: { name: 'kube-scheduler' }, spec: { holderIdentity: 'aks-scaler' } },
          }),
      ],
      ['list Leases', () => coordination.listNamespacedLease({ namespace: 'default' })],
      [
        'delete the Lease',
        () => coordination.deleteNamespacedLease({ name: 'aks-scaler-leader', namespace: 'default' }),
      ],
      [
        'patch the Lease',
        () =>
          coordination.patchNamespacedLease(
            { name: 'aks-scaler-leader', namespace: 'default', body: { spec: { holderIdentity: 'x' } } },
            setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
          ),
      ],
      [
        'take the Lease in another namespace',
        () =>
          coordination.createNamespacedLease({
            namespace: 'kube-system',
            body: { metadata: { name: 'aks-scaler-leader' }, spec: { holderIdentity: 'x' } },
          }),
      ],
    ];
    for (const [what, attempt] of attempts)
      await expect(attempt(), what).rejects.toMatchObject({ code: 403 });
  });
});
