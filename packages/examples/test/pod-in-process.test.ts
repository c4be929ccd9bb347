import type { Emulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { demoCluster } from './helpers/demo-cluster.js';
import { startInProcessPod } from './helpers/in-process-pod.js';
import { scratchFixture } from './helpers/scratch-fixture.js';
import { waitUntil } from './helpers/wait.js';

// The pod in this process (real SDK, real workload-identity exchange, the emulator over TLS) with a manual clock
// for its loop, so each reconcile starts when the test says.
let emulator: Emulator | undefined;
const fixture = scratchFixture();

/** A loop pod whose HTTP server listens at `base`; `config` is the SCALER_CONFIG file's content (or its changing `text`). */
async function startLoopPod(em: Emulator, env: NodeJS.ProcessEnv, config?: string | { text: string }) {
  const pod = await startInProcessPod(em, {
    env: { SCALER_MODE: 'loop', ...env },
    ...(config !== undefined && { config }),
  });
  await waitUntil(() => pod.port() !== undefined, 'the HTTP server to listen');
  return { ...pod, base: `http://127.0.0.1:${pod.port()}` };
}

const readyz = async (base: string) => {
  const response = await fetch(`${base}/readyz`);
  return { status: response.status, body: await response.text() };
};

describe('the pod in process', () => {
  it("answers /readyz from the last reconcile's reads, and names the cluster it could not read", async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5 });
    const config = [
      'clusters:',
      `  - { subscription: ${emulator.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
      `  - { subscription: ${emulator.subscriptionId}, resourceGroup: myResourceGroup, name: retired }`,
      'policy: { static: { manualpool2: 2 } }',
    ].join('\n');
    const pod = await startLoopPod(emulator, { SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml' }, config);
    await pod.reconciled();
    const answer = await readyz(pod.base);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatch(
      /^not ready: the last reconcile could not read the pools of myResourceGroup\/retired: CLUSTER_NOT_FOUND: /,
    );
    expect(answer.body).not.toContain('myManagedCluster');
    expect(emulator.state.getPool('manualpool2')?.count).toBe(2); // the other cluster was reconciled
    expect(await pod.stop()).toBe(0);
  }, 30_000);

  it("shows what each pool's operations took, as the server timed them, on /metrics", async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: { baseInMs: 40, perNodeInMs: 10 } });
    const pod = await startLoopPod(emulator, { NODE_POOLS_AMOUNT: '{ "manualpool2": 3, "manualpool3": 0 }' });
    await pod.reconciled();
    const metrics = await (await fetch(`${pod.base}/metrics`)).text();
    const series = (pool: string, direction: string) =>
      `aks_scaler_expected_operation_seconds{subscription="${emulator!.subscriptionId}",resource_group="myResourceGroup",cluster="myManagedCluster",pool="${pool}",direction="${direction}"}`;
    // manualpool2 1 -> 3 (40 ms + 2 x 10 ms), manualpool3 1 -> 0 (40 ms + 10 ms).
    expect(metrics).toContain(`${series('manualpool2', 'up')} 0.06`);
    expect(metrics).toContain(`${series('manualpool3', 'down')} 0.05`);
    expect(metrics).not.toContain(series('manualpool2', 'down'));
    expect(await pod.stop()).toBe(0);
  }, 30_000);

  it('in bounds mode, reports the count ARM has and no desired count for the autoscaler pool', async () => {
    emulator = await fixture.startEmulator({
      operationDurationInMs: 5,
      clusters: [
        demoCluster(
          [
            { name: 'nodepool1', mode: 'System', count: 1 },
            { name: 'manualpool2', mode: 'User', count: 1 },
            { name: 'autopool', mode: 'User', count: 6, enableAutoScaling: true, minCount: 2, maxCount: 10 },
          ],
          { location: 'westeurope' },
        ),
      ],
    });
    const config = [
      'clusters:',
      `  - { subscription: ${emulator.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster, autoscalerPools: bounds }`,
      'policy: { static: { manualpool2: 3, autopool: 4 } }',
    ].join('\n');
    const pod = await startLoopPod(emulator, { SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml' }, config);
    await pod.reconciled();
    const metrics = await (await fetch(`${pod.base}/metrics`)).text();
    const pool = (name: string) =>
      `{subscription="${emulator!.subscriptionId}",resource_group="myResourceGroup",cluster="myManagedCluster",pool="${name}"}`;
    // The range became 4..10; the autoscaler keeps its 6 nodes, and the scaler does not claim a count for it.
    expect(emulator.state.getPool('autopool')).toMatchObject({ minCount: 4, maxCount: 10, count: 6 });
    expect(metrics).toContain(`aks_scaler_pool_current_nodes${pool('autopool')} 6`);
    expect(metrics).not.toContain(`aks_scaler_pool_desired_nodes${pool('autopool')}`);
    expect(metrics).toContain(`aks_scaler_pool_desired_nodes${pool('manualpool2')} 3`);
    expect(metrics).toContain(`aks_scaler_pool_current_nodes${pool('manualpool2')} 3`);
    expect(metrics).toContain('aks_scaler_process_cpu_user_seconds_total');
    // Logs name the cluster as fully as the metrics do.
    const summary = pod.lines.find((line) => line.event === 'finished');
    expect(summary).toMatchObject({
      subscription: emulator.subscriptionId,
      resourceGroup: 'myResourceGroup',
      cluster: 'myManagedCluster',
      ok: true,
    });
    expect(
      pod.lines
        .filter((line) => line.event === 'planned')
        .every((line) => line.resourceGroup === 'myResourceGroup'),
    ).toBe(true);
    expect(await pod.stop()).toBe(0);
  }, 30_000);

  it('checks the location of a cluster that a reloaded config gives one, and ready follows the new clusters', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5 });
    const cluster = `{ subscription: ${emulator.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster`;
    const file = { text: `clusters:\n  - ${cluster} }\npolicy: { static: { manualpool2: 2 } }\n` };
    const pod = await startLoopPod(emulator, { SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml' }, file);
    await pod.reconciled();
    expect((await readyz(pod.base)).status).toBe(200);

    // The cluster is in westeurope; the new config expects northeurope, and adds a cluster not read yet.
    file.text = [
      'clusters:',
      `  - ${cluster}, location: northeurope }`,
      `  - { subscription: ${emulator.subscriptionId}, resourceGroup: myResourceGroup, name: second }`,
      'policy: { static: { manualpool2: 3 } }',
    ].join('\n');
    const waits = pod.lines.length;
    pod.hup();
    await waitUntil(
      () => pod.lines.some((line) => line.event === 'finished' && line.cluster === 'second'),
      'the reconcile of the new config',
    );
    expect(
      pod.lines
        .slice(waits)
        .map((line) => line.event)
        .filter(Boolean)[0],
    ).toBe('reload-requested');
    // The new cluster counts for readiness (it does not exist in the emulator).
    expect((await readyz(pod.base)).body).toMatch(
      /^not ready: the last reconcile could not read the pools of myResourceGroup\/second: CLUSTER_NOT_FOUND: /,
    );
    const mismatch = await waitUntil(
      () => pod.lines.slice(waits).find((line) => line.expected === 'northeurope'),
      'the location warning',
    );
    expect(mismatch).toMatchObject({ level: 'warn', cluster: 'myManagedCluster', actual: 'westeurope' });
    await waitUntil(() => emulator!.state.getPool('manualpool2')?.count === 3, 'the new count');
    expect(await pod.stop()).toBe(0);
  }, 30_000);
});
