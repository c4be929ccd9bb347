import {
  type Emulator,
  type KubernetesEmulator,
  startEmulator,
  startKubernetesEmulator,
} from '@aks-scaler/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type PodRun, START, startPod } from './helpers/kubernetes-pod.js';
import { waitUntil } from './helpers/wait.js';

// A Kubernetes API that is down, failing, forbidding or conflicting never changes a reconcile: each run below is
// compared with the same run without Kubernetes (SCALER_KUBERNETES=off) on the same virtual clock. The loop only
// moves on when the test advances the clock, so a reconcile that waited for the API would never finish.
const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const emulator of opened.splice(0)) await emulator.close();
});

const POOLS = [
  { name: 'nodepool1', mode: 'System' as const, count: 1 },
  { name: 'manualpool2', count: 1 },
  { name: 'manualpool3', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 5 },
];
const LOOP = {
  NODE_POOLS_AMOUNT: '{ "manualpool2": 5, "manualpool3": 4 }',
  SCALER_MODE: 'loop',
  SCALER_HTTP_PORT: '0',
  SCALER_HTTP_HOST: '127.0.0.1',
};

async function arm(): Promise<Emulator> {
  const emulator = await startEmulator({
    operationDurationInMs: 5,
    clusters: [{ resourceGroup: 'myResourceGroup', name: 'myManagedCluster', pools: POOLS }],
  });
  opened.push(emulator);
  return emulator;
}

async function kubernetesApi(): Promise<KubernetesEmulator> {
  const emulator = await startKubernetesEmulator({ clock: { now: () => Date.parse(START) } });
  opened.push(emulator);
  return emulator;
}

/** Two reconciles a minute apart; what they did, and what the pod logged and measured. */
async function twoReconciles(pod: PodRun, em: Emulator) {
  await pod.reconciled(1);
  await pod.settled(() => true, 'the first status write');
  pod.clock.advance(60_000);
  await pod.reconciled(2);
  await pod.settled(() => true, 'the second status write');
  const metrics = await (await fetch(`${pod.base()}/metrics`)).text();
  const code = await pod.stop();
  return {
    code,
    summaries: pod.summaries(),
    // What was read and written on ARM (operation polls depend on real time, and are left out).
    armRequests: em.requests
      .filter((r) => r.target === 'arm' && !r.path.includes('/operations/'))
      .map((r) => `${r.method} ${r.path} ${r.status}`)
      .sort(),
    failures: pod.lines.filter((line) => line.event === 'kubernetes-failed'),
    metrics,
    errors: (operation: string) =>
      Number(
        new RegExp(`^aks_scaler_kubernetes_errors_total\\{operation="${operation}"\\} (\\d+)$`, 'm').exec(
          metrics,
        )?.[1] ?? 0,
      ),
  };
}

type Fault = (kubernetes: KubernetesEmulator) => Promise<string> | string;

const FAULTS: Array<[string, Fault, Record<string, number>]> = [
  [
    'down',
    (k) => {
      k.faults.down();
      return k.writeKubeconfig();
    },
    // The saved state's read at start, then one read per reconcile; the Events are not even tried.
    { 'status-read': 3, 'event-create': 0 },
  ],
  [
    'answering 500',
    (k) => {
      k.faults.inject({ kind: 'server-error', times: Number.POSITIVE_INFINITY });
      return k.writeKubeconfig();
    },
    // ScaledUp and PoolSkipped, then PoolSkipped again (never recorded, so created again).
    { 'status-read': 3, 'event-create': 3 },
  ],
  [
    'forbidding everything (a token without the Role)',
    (k) =>
      k.writeKubeconfig({
        token: k.mintToken({ identity: 'system:serviceaccount:default:workload-identity-sa' }),
      }),
    { 'status-read': 3, 'event-create': 3 },
  ],
  [
    'answering 409 to every update of the status map',
    (k) => {
      k.state.put({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'aks-scaler-status', namespace: 'default' },
      });
      k.faults.inject({
        kind: 'conflict',
        resource: 'configmaps',
        name: 'aks-scaler-status',
        times: Number.POSITIVE_INFINITY,
      });
      return k.writeKubeconfig();
    },
    { 'status-read': 0, 'status-update': 2 },
  ],
];

describe('a Kubernetes API that is in the way', () => {
  it.each(FAULTS)(
    'changes nothing in the reconciles when it is %s; each kind of failure is counted, and logged once',
    async (_name, fault, counts) => {
      const baseArm = await arm();
      const baseline = await twoReconciles(
        await startPod({ arm: baseArm, env: { ...LOOP, SCALER_KUBERNETES: 'off' } }),
        baseArm,
      );
      const kubernetes = await kubernetesApi();
      const faultArm = await arm();
      const kubeconfig = await fault(kubernetes);
      const faulty = await twoReconciles(
        await startPod({ arm: faultArm, env: { ...LOOP, KUBECONFIG: kubeconfig } }),
        faultArm,
      );

      expect(faulty.code).toBe(baseline.code);
      expect(faulty.summaries).toEqual(baseline.summaries);
      expect(faulty.summaries).toHaveLength(2);
      expect(faulty.armRequests).toEqual(baseline.armRequests);
      for (const [operation, count] of Object.entries(counts))
        expect(faulty.errors(operation), operation).toBe(count);
      // One warning per kind of failure (operation and status), however often it happened.
      const kinds = faulty.failures.map((line) => `${line.operation}/${line.status ?? 'unreachable'}`);
      expect(new Set(kinds).size).toBe(kinds.length);
      expect(kinds.length).toBe(Object.values(counts).filter((count) => count > 0).length);
      expect(baseline.metrics).not.toContain('aks_scaler_kubernetes_errors_total{');
    },
    60_000,
  );

  it('never makes a reconcile wait for a slow write: the call gives up after its timeout, by the pod clock', async () => {
    const em = await arm();
    const kubernetes = await kubernetesApi();
    kubernetes.faults.inject({ kind: 'delay', verb: 'create', resource: 'configmaps', delayInMs: 30_000 });
    const pod = await startPod({
      arm: em,
      env: { NODE_POOLS_AMOUNT: '{ "manualpool2": 5 }', KUBECONFIG: await kubernetes.writeKubeconfig() },
    });
    // The reconcile finishes while the create still waits for its answer. The read before it has its own
    // timeout: wait until the create is the call held, or the clock would fire the read's.
    await waitUntil(
      () =>
        pod.summaries().length === 1 &&
        kubernetes.faults.triggered.some((fault) => fault.kind === 'delay' && fault.method === 'POST') &&
        pod.clock.pending().includes(5_000),
      'the reconcile to finish and the create to be held',
    );
    expect(pod.summaries()).toEqual([expect.objectContaining({ ok: true, durationInMs: 0 })]);
    expect(em.state.getPool('manualpool2')?.count).toBe(5);
    expect(pod.clock.pending()).toContain(5_000);
    pod.clock.advance(5_000);
    expect(await pod.done).toBe(0);
    expect(pod.lines.find((line) => line.event === 'kubernetes-failed')).toMatchObject({
      operation: 'status-create',
      error: expect.stringContaining('no answer within 5000ms'),
    });
  });

  it('starts the first reconcile fresh when the saved state cannot be read within the timeout', async () => {
    const em = await arm();
    const kubernetes = await kubernetesApi();
    kubernetes.faults.inject({ kind: 'delay', verb: 'get', resource: 'configmaps', delayInMs: 30_000 });
    const pod = await startPod({
      arm: em,
      env: { NODE_POOLS_AMOUNT: '{ "manualpool2": 5 }', KUBECONFIG: await kubernetes.writeKubeconfig() },
    });
    // The pools are read from ARM meanwhile; the policy waits for the saved state, at most the call timeout.
    await waitUntil(
      () => em.requests.some((r) => r.method === 'GET' && r.path.endsWith('/agentPools')),
      'the pools to be read',
    );
    expect(pod.clock.pending()).toContain(5_000);
    expect(em.state.getPool('manualpool2')?.count).toBe(1);
    pod.clock.advance(5_000);
    expect(await pod.done).toBe(0);
    expect(em.state.getPool('manualpool2')?.count).toBe(5);
    expect(pod.lines.map((line) => line.msg)).toContain(
      'no saved state could be read: the policies start fresh',
    );
    expect(kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')).toBeDefined();
  });
});
