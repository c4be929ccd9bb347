import type { Emulator, KubernetesEmulator } from '@aks-scaler/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type PodRun, podEmulatorsPerTest, START, startPod } from './helpers/kubernetes-pod.js';
import { queueDepthPolicy, startPrometheusStub } from './helpers/prometheus-stub.js';
import { virtualClock } from './helpers/virtual-clock.js';
import { waitUntil } from './helpers/wait.js';

// Two loop pods in process against the ARM and Kubernetes emulators, each on its own virtual clock: what a leader
// and a follower serve and log, and the takeover when the leader stops. pod-leader-processes.test.ts runs the
// bundled pod as two real processes.
let arm: Emulator | undefined;
let kubernetes: KubernetesEmulator | undefined;
const startEmulators = podEmulatorsPerTest(); // its hook closes them after the one below has stopped the pods
const pods: PodRun[] = [];
const closing: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const pod of pods.splice(0)) await pod.stop();
  for (const server of closing.splice(0)) await server.close();
  arm = undefined;
  kubernetes = undefined;
});

async function emulators() {
  ({ arm, kubernetes } = await startEmulators({ pools: [{ name: 'manualpool2', count: 1 }] }));
  return { arm, kubernetes };
}

async function loopPod(name: string, env: NodeJS.ProcessEnv = {}, config?: string): Promise<PodRun> {
  const pod = await startPod({
    arm: arm!,
    clock: virtualClock(Date.parse(START)),
    ...(config !== undefined && { config }),
    env: {
      NODE_POOLS_AMOUNT: '{ "manualpool2": 3 }',
      SCALER_MODE: 'loop',
      SCALER_HTTP_PORT: '0',
      SCALER_HTTP_HOST: '127.0.0.1',
      KUBECONFIG: await kubernetes!.writeKubeconfig(),
      POD_NAME: name,
      ...env,
    },
  });
  pods.push(pod);
  return pod;
}

const leadership = (pod: PodRun) =>
  pod.lines
    .filter((line) => line.event === 'leadership')
    .map((line) => ({ change: line.change, leading: line.leading, holder: line.holder }));

async function served(pod: PodRun) {
  const get = async (path: string) => {
    const response = await fetch(`${pod.base()}${path}`);
    return { status: response.status, body: await response.text() };
  };
  const metrics = (await get('/metrics')).body;
  return {
    healthz: await get('/healthz'),
    readyz: await get('/readyz'),
    leader: /^aks_scaler_leader (\d+)$/m.exec(metrics)?.[1],
  };
}

describe('two loop replicas', () => {
  it('only the leader reconciles; the follower serves its endpoints, ready, with aks_scaler_leader 0', async () => {
    await emulators();
    const a = await loopPod('aks-scaler-6b7c9-a');
    await a.reconciled(1);
    const b = await loopPod('aks-scaler-6b7c9-b');
    await waitUntil(() => leadership(b).length === 1, 'b to see the leader');

    expect(leadership(a)).toEqual([{ change: 'acquired', leading: true, holder: 'aks-scaler-6b7c9-a' }]);
    expect(leadership(b)).toEqual([{ change: 'observed', leading: false, holder: 'aks-scaler-6b7c9-a' }]);
    expect(await served(a)).toEqual({
      healthz: { status: 200, body: 'ok\n' },
      readyz: { status: 200, body: 'ready: the last reconcile read the pools of every cluster from ARM\n' },
      leader: '1',
    });
    expect(await served(b)).toEqual({
      healthz: { status: 200, body: 'ok\n' },
      readyz: {
        status: 200,
        body: 'ready: following aks-scaler-6b7c9-a, which holds the Lease aks-scaler-leader; this replica takes over if it stops renewing\n',
      },
      leader: '0',
    });
    expect(a.summaries()).toHaveLength(1);
    expect(b.summaries()).toEqual([]);
    expect(arm!.state.getPool('manualpool2')?.count).toBe(3);
    expect(kubernetes!.state.get('leases', 'default', 'aks-scaler-leader')?.spec).toMatchObject({
      holderIdentity: 'aks-scaler-6b7c9-a',
      leaseDurationSeconds: 15,
    });
  });

  it('gives each shard its own Lease, so two shards each have a leader', async () => {
    await emulators();
    const a = await loopPod('aks-scaler-shard0-a', { SCALER_SHARD: '0/2' });
    const b = await loopPod('aks-scaler-shard1-a', { SCALER_SHARD: '1/2' });
    await waitUntil(() => leadership(a).length === 1 && leadership(b).length === 1, 'both shards to elect');

    expect(leadership(a)).toEqual([{ change: 'acquired', leading: true, holder: 'aks-scaler-shard0-a' }]);
    expect(leadership(b)).toEqual([{ change: 'acquired', leading: true, holder: 'aks-scaler-shard1-a' }]);
    expect(kubernetes!.state.get('leases', 'default', 'aks-scaler-leader-0')?.spec).toMatchObject({
      holderIdentity: 'aks-scaler-shard0-a',
    });
    expect(kubernetes!.state.get('leases', 'default', 'aks-scaler-leader-1')?.spec).toMatchObject({
      holderIdentity: 'aks-scaler-shard1-a',
    });
    expect(kubernetes!.state.get('leases', 'default', 'aks-scaler-leader')).toBeUndefined();
  });

  it('on SIGTERM the leader clears the Lease, and the follower leads at its next retry and reconciles at once', async () => {
    await emulators();
    const a = await loopPod('a');
    await a.reconciled(1);
    const b = await loopPod('b');
    await waitUntil(() => leadership(b).length === 1, 'b to follow');
    expect(await a.stop()).toBe(0);
    pods.splice(pods.indexOf(a), 1);
    expect(leadership(a).at(-1)).toEqual({ change: 'released', leading: false, holder: '' });
    expect(kubernetes!.state.get('leases', 'default', 'aks-scaler-leader')?.spec).toMatchObject({
      holderIdentity: '',
      leaseDurationSeconds: 1,
    });

    // b's next try comes after one retry period (2 s) and its jitter (up to 2.2 retry periods).
    const retry = await b.clock.whenSleeping((ms) => ms >= 2_000 && ms <= 4_400);
    b.clock.advance(retry);
    await b.reconciled(1);
    expect(leadership(b).at(-1)).toEqual({ change: 'acquired', leading: true, holder: 'b' });
    expect(b.lines.find((line) => line.event === 'leadership' && line.change === 'acquired')?.reason).toBe(
      'took the Lease aks-scaler-leader, which nobody held',
    );
    expect((await served(b)).leader).toBe('1');
    // The new leader wrote the status, on its own clock.
    const status = JSON.parse(
      kubernetes!.state.get('configmaps', 'default', 'aks-scaler-status')!.data!['status.json']!,
    );
    expect(Date.parse(status.updatedAt) - Date.parse(START)).toBe(retry);
    expect(kubernetes!.state.get('leases', 'default', 'aks-scaler-leader')?.spec).toMatchObject({
      holderIdentity: 'b',
      leaseTransitions: 1,
    });
  });

  it("a new leader reads back the state its predecessor saved (a metric policy's window), a follower never does", async () => {
    await emulators();
    const prometheus = await startPrometheusStub(500);
    closing.push(prometheus);
    const config = [
      'clusters:',
      `  - { subscription: ${arm!.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
      ...queueDepthPolicy(prometheus.url),
    ].join('\n');
    const withConfig = {
      SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml',
      NODE_POOLS_AMOUNT: undefined,
      SUBSCRIPTION: undefined,
      RESOURCE_GROUP: undefined,
      CLUSTER_NAME: undefined,
    };
    const a = await loopPod('a', withConfig, config);
    await a.reconciled(1);
    await a.settled(
      () => kubernetes!.state.get('configmaps', 'default', 'aks-scaler-status') !== undefined,
      'the state saved',
    );
    const b = await loopPod('b', withConfig, config);
    await waitUntil(() => leadership(b).length === 1, 'b to follow');
    expect(await a.stop()).toBe(0);
    pods.splice(pods.indexOf(a), 1);
    const retry = await b.clock.whenSleeping((ms) => ms >= 2_000 && ms <= 4_400);
    // The queue drained meanwhile: a fresh policy would go down to 1 node; the one a saved holds 5 in its window.
    prometheus.set(100);
    b.clock.advance(retry);
    await b.reconciled(1);
    const acquired = b.lines.findIndex((line) => line.event === 'leadership' && line.change === 'acquired');
    const restored = b.lines.findIndex((line) => line.msg === "restored the policies' saved state");
    expect(acquired).toBeGreaterThanOrEqual(0);
    expect(restored).toBeGreaterThan(acquired);
    expect(b.lines.slice(0, acquired).filter((line) => /saved state/.test(String(line.msg)))).toEqual([]);
    expect(b.summaries()[0]?.pools).toEqual([
      expect.objectContaining({
        pool: 'manualpool2',
        from: 5,
        to: 5,
        reason: expect.stringContaining('held at 5'),
      }),
    ]);
  });

  it('without leader election (SCALER_LEADER_ELECTION=off, or no Kubernetes) a loop pod leads alone and says so', async () => {
    await emulators();
    const off = await loopPod('off', { SCALER_LEADER_ELECTION: 'off' });
    await off.reconciled(1);
    const alone = await loopPod('alone', { SCALER_KUBERNETES: 'off' });
    await alone.reconciled(1);
    for (const [pod, why] of [
      [off, 'SCALER_LEADER_ELECTION is off'],
      [alone, 'the pod does not talk to Kubernetes (SCALER_KUBERNETES)'],
    ] as const) {
      expect(pod.lines.filter((line) => line.event === 'leadership')).toEqual([
        expect.objectContaining({
          change: 'single',
          leading: true,
          reason: expect.stringMatching(
            new RegExp(`^no leader election: ${why.replace(/[()]/g, '\\$&')}.*run a single replica`),
          ),
        }),
      ]);
      expect((await served(pod)).leader).toBe('1');
    }
    expect(kubernetes!.requests.filter((r) => r.resource === 'leases')).toEqual([]);
  });
});
