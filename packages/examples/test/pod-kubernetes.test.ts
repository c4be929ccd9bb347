import { describe, expect, it } from 'vitest';
import { podEmulatorsPerTest, START, scalerRequests, startPod } from './helpers/kubernetes-pod.js';

// The pod in process against the ARM emulator and the Kubernetes API emulator (real @kubernetes/client-node over
// TLS), on a virtual clock: the status ConfigMap and the Events it writes after every reconcile.
const startEmulators = podEmulatorsPerTest();

const POOLS = [
  { name: 'nodepool1', mode: 'System' as const, count: 1 },
  { name: 'manualpool2', count: 1 },
  { name: 'manualpool3', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 5 },
];

const start = (options: { namespaces?: string[] } = {}) => startEmulators({ pools: POOLS, ...options });

const podEnv = (kubeconfig: string) => ({
  NODE_POOLS_AMOUNT: '{ "manualpool2": 5, "manualpool3": 4 }',
  KUBECONFIG: kubeconfig,
  POD_NAME: 'aks-scaler-29408130-x2kq9',
});

describe('the status ConfigMap and Events', () => {
  it('writes aks-scaler-status after the reconcile, and an Event about each change or warned skip, involving it', async () => {
    const { arm, kubernetes } = await start();
    const pod = await startPod({ arm, env: podEnv(await kubernetes.writeKubeconfig()) });
    expect(await pod.done).toBe(0);

    const map = kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')!;
    expect(map.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'aks-scaler',
      'app.kubernetes.io/component': 'status',
    });
    expect(Object.keys(map.data!).sort()).toEqual(['state.json', 'status.json', 'status.txt']);
    const status = JSON.parse(map.data!['status.json']!);
    expect(status).toMatchObject({ version: 1, updatedAt: START });
    expect(status.clusters).toEqual([
      {
        subscription: arm.subscriptionId,
        resourceGroup: 'myResourceGroup',
        name: 'myManagedCluster',
        pools: [
          {
            name: 'manualpool2',
            count: 5,
            desired: 5,
            power: 'Running',
            action: 'scale',
            outcome: 'succeeded',
            reason: 'NODE_POOLS_AMOUNT manualpool2=5; scale 1 -> 5',
            lastChange: { at: START, from: 1, to: 5 },
          },
          {
            name: 'manualpool3',
            count: 2,
            desired: null,
            power: 'Running',
            action: 'skip',
            outcome: 'skipped',
            reason: expect.stringContaining('autoscaler'),
          },
        ],
      },
    ]);
    expect(status.history).toEqual([
      {
        at: START,
        cluster: 'myResourceGroup/myManagedCluster',
        pool: 'manualpool2',
        action: 'scale',
        from: 1,
        to: 5,
        outcome: 'succeeded',
        reason: 'NODE_POOLS_AMOUNT manualpool2=5; scale 1 -> 5',
      },
    ]);
    expect(map.data!['status.txt']).toContain(
      'manualpool2  5      5        Running  2026-12-01 07:30 1 -> 5',
    );

    const events = kubernetes.state.list('events', 'default');
    expect(events.map((e) => [e.reason, e.type, e.message])).toEqual([
      [
        'ScaledUp',
        'Normal',
        'myManagedCluster/manualpool2 1 -> 5: NODE_POOLS_AMOUNT manualpool2=5; scale 1 -> 5',
      ],
      ['PoolSkipped', 'Warning', expect.stringMatching(/^myManagedCluster\/manualpool3: .*autoscaler/)],
    ]);
    for (const event of events) {
      expect(event.involvedObject).toEqual({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: 'aks-scaler-status',
        namespace: 'default',
        uid: map.metadata.uid,
      });
      expect(event).toMatchObject({
        count: 1,
        eventTime: '2026-12-01T07:30:00.000000Z',
        firstTimestamp: '2026-12-01T07:30:00Z',
        lastTimestamp: '2026-12-01T07:30:00Z',
        reportingComponent: 'aks-scaler',
        reportingInstance: 'aks-scaler-29408130-x2kq9',
        source: { component: 'aks-scaler' },
      });
      expect(event.metadata.name).toMatch(/^aks-scaler-status\.[0-9a-f]+$/);
    }
    // The saved state is read first (absent), then the status is read, created, and the Events follow.
    expect(scalerRequests(kubernetes)).toEqual([
      'get configmaps aks-scaler-status 404',
      'get configmaps aks-scaler-status 404',
      'create configmaps aks-scaler-status 201',
      'create events 201',
      'create events 201',
    ]);
    expect(pod.lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
  });

  it('writes after every reconcile, also when nothing changed, and raises the count of a repeated Event', async () => {
    const { arm, kubernetes } = await start();
    const pod = await startPod({
      arm,
      env: {
        ...podEnv(await kubernetes.writeKubeconfig()),
        SCALER_MODE: 'loop',
        SCALER_HTTP_PORT: '0',
        SCALER_HTTP_HOST: '127.0.0.1',
      },
    });
    await pod.reconciled(1);
    await pod.settled(() => kubernetes.state.list('events', 'default').length === 2, 'the first Events');
    const first = kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')!;

    pod.clock.advance(60_000);
    await pod.reconciled(2);
    await pod.settled(() => scalerRequests(kubernetes).includes('patch events 200'), 'the repeated Event');
    const second = kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')!;
    expect(await pod.stop()).toBe(0);

    expect(JSON.parse(second.data!['status.json']!).updatedAt).toBe('2026-12-01T07:31:00.000Z');
    expect(second.metadata.resourceVersion).not.toBe(first.metadata.resourceVersion);
    expect(JSON.parse(second.data!['status.json']!).history).toEqual(
      JSON.parse(first.data!['status.json']!).history,
    );
    // Nothing changed in the second reconcile: the same PoolSkipped Event counts 2, and no new ScaledUp.
    const events = kubernetes.state.list('events', 'default');
    expect(events.map((e) => [e.reason, e.count, e.lastTimestamp])).toEqual([
      ['ScaledUp', 1, '2026-12-01T07:30:00Z'],
      ['PoolSkipped', 2, '2026-12-01T07:31:00Z'],
    ]);
    expect(scalerRequests(kubernetes).slice(5)).toEqual([
      'get configmaps aks-scaler-status 200',
      'update configmaps aks-scaler-status 200',
      'patch events 200',
    ]);
  });

  it('reads again and writes on top of another writer after a 409, keeping its history', async () => {
    const { arm, kubernetes } = await start();
    const theirs = {
      at: '2026-11-30T22:00:00.000Z',
      cluster: 'myResourceGroup/myManagedCluster',
      pool: 'manualpool2',
      action: 'scale',
      from: 3,
      to: 1,
      outcome: 'succeeded',
      reason: 'nightly',
    };
    kubernetes.state.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'aks-scaler-status', namespace: 'default' },
      data: {
        'status.json': JSON.stringify({ version: 1, updatedAt: theirs.at, clusters: [], history: [theirs] }),
      },
    });
    kubernetes.faults.inject({ kind: 'conflict', resource: 'configmaps', name: 'aks-scaler-status' });
    const pod = await startPod({ arm, env: podEnv(await kubernetes.writeKubeconfig()) });
    expect(await pod.done).toBe(0);
    expect(scalerRequests(kubernetes).slice(0, 4)).toEqual([
      'get configmaps aks-scaler-status 200',
      'get configmaps aks-scaler-status 200',
      'update configmaps aks-scaler-status 409',
      'get configmaps aks-scaler-status 200',
    ]);
    expect(scalerRequests(kubernetes)[4]).toBe('update configmaps aks-scaler-status 200');
    const map = kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')!;
    const history = JSON.parse(map.data!['status.json']!).history;
    expect(history.map((h: { from: number; to: number }) => `${h.from} -> ${h.to}`)).toEqual([
      '3 -> 1',
      '1 -> 5',
    ]);
    expect(pod.lines.filter((line) => line.level === 'warn')).toEqual([]);
  });
  it('records a reloaded config that was rejected as a ConfigRejected Event', async () => {
    const { arm, kubernetes } = await start();
    let config = [
      'clusters:',
      `  - { subscription: ${arm.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
      'policy: { static: { manualpool2: 2 } }',
    ].join('\n');
    const pod = await startPod({
      arm,
      env: {
        SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml',
        SCALER_MODE: 'loop',
        SCALER_HTTP_PORT: '0',
        SCALER_HTTP_HOST: '127.0.0.1',
        KUBECONFIG: await kubernetes.writeKubeconfig(),
        SUBSCRIPTION: undefined,
        RESOURCE_GROUP: undefined,
        CLUSTER_NAME: undefined,
      },
      readTextFile: async () => config,
    });
    await pod.reconciled(1);
    await pod.settled(() => kubernetes.state.list('events', 'default').length === 1, 'the ScaledUp Event');
    config = config.replace('manualpool2: 2', 'manualpool2: lots');
    pod.clock.advance(60_000);
    await pod.reconciled(2);
    await pod.settled(
      () => kubernetes.state.list('events', 'default').some((e) => e.reason === 'ConfigRejected'),
      'the ConfigRejected Event',
    );
    expect(await pod.stop()).toBe(0);
    const rejected = kubernetes.state.list('events', 'default').find((e) => e.reason === 'ConfigRejected');
    expect(rejected).toMatchObject({
      type: 'Warning',
      action: 'Reload',
      message: expect.stringMatching(
        /^the new config was rejected, the running one is kept: policy\.static\.manualpool2: /,
      ),
      involvedObject: { kind: 'ConfigMap', name: 'aks-scaler-status' },
    });
  });
});

describe('where it writes', () => {
  it("writes in the kubeconfig context's namespace, and in POD_NAMESPACE when that is set", async () => {
    const { arm, kubernetes } = await start({ namespaces: ['default', 'kube-system', 'scaling'] });
    const kubeconfig = await kubernetes.writeKubeconfig({ namespace: 'kube-system' });
    expect(await (await startPod({ arm, env: podEnv(kubeconfig) })).done).toBe(0);
    expect(kubernetes.state.get('configmaps', 'kube-system', 'aks-scaler-status')).toBeDefined();
    const env = { ...podEnv(kubeconfig), POD_NAMESPACE: 'scaling', SCALER_STATUS_CONFIGMAP: 'scaler-status' };
    expect(await (await startPod({ arm, env })).done).toBe(0);
    expect(kubernetes.state.get('configmaps', 'scaling', 'scaler-status')).toBeDefined();
    expect(kubernetes.state.list('events', 'scaling')[0]?.involvedObject).toMatchObject({
      name: 'scaler-status',
      namespace: 'scaling',
    });
  });

  it("uses the pod's service account, and its namespace file, when there is no KUBECONFIG", async () => {
    const { arm, kubernetes } = await start({ namespaces: ['default', 'scaling'] });
    const files = await kubernetes.writeInClusterFiles({ namespace: 'scaling' });
    const env = {
      NODE_POOLS_AMOUNT: '{ "manualpool2": 2 }',
      ...files.env,
      SCALER_SERVICE_ACCOUNT_DIR: files.serviceAccountDir,
    };
    expect(await (await startPod({ arm, env })).done).toBe(0);
    const map = kubernetes.state.get('configmaps', 'scaling', 'aks-scaler-status');
    expect(JSON.parse(map!.data!['status.json']!).clusters[0].pools[0]).toMatchObject({
      name: 'manualpool2',
      count: 2,
    });
  });

  it('exits 2 before any call to Azure when SCALER_KUBERNETES=on finds no Kubernetes config', async () => {
    const { arm } = await start();
    const pod = await startPod({
      arm,
      env: { NODE_POOLS_AMOUNT: '{ "manualpool2": 2 }', SCALER_KUBERNETES: 'on' },
    });
    expect(await pod.done).toBe(2);
    expect(arm.requests).toEqual([]);
    const fatal = pod.lines.find((line) => line.level === 'fatal');
    expect(fatal?.issues).toEqual([
      {
        path: 'SCALER_KUBERNETES',
        message: expect.stringMatching(/^is on, but no Kubernetes config was found: set KUBECONFIG/),
      },
    ]);
  });
});
