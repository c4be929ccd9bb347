import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Emulator, type KubernetesEmulator, startKubernetesEmulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { PACKED_MODULE_FILENAME } from '../src/pod/kubernetes/packed-module.js';
import { bundledFixture } from './helpers/bundled-fixture.js';
import { demoCluster } from './helpers/demo-cluster.js';
import { deployDir, only, render } from './helpers/kustomize.js';
import { startNode } from './helpers/processes.js';

// The bundled pod (`node scaler-pod.js`, no node_modules) against the ARM emulator and the Kubernetes API emulator,
// with the service-account files a pod has and exactly the Role the manifests ship.
const CLOCK_AT = fileURLToPath(new URL('./helpers/clock-at.mjs', import.meta.url));
const LOADED_MODULES = fileURLToPath(new URL('./helpers/loaded-modules.mjs', import.meta.url));
const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const CLUSTER_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/myResourceGroup/providers/Microsoft.ContainerService/managedClusters/myManagedCluster`;
const IDENTITY = 'system:serviceaccount:default:workload-identity-sa';

let arm: Emulator | undefined;
let kubernetes: KubernetesEmulator | undefined;
const bundled = bundledFixture({ scratchPrefix: 'aks-scaler-pod-kubernetes-' });

/** The pod's environment in a pod: workload identity for Azure, the service account with the shipped Role. */
async function podEnvironment(): Promise<NodeJS.ProcessEnv> {
  const role = only(render(join(deployDir, 'base')), 'Role', 'aks-scaler');
  const token = kubernetes!.mintToken({ identity: IDENTITY, roles: [role as never] });
  const files = await kubernetes!.writeInClusterFiles({ token });
  return {
    ...(await arm!.workloadIdentityEnv()),
    ...files.env,
    SCALER_SERVICE_ACCOUNT_DIR: files.serviceAccountDir,
    SCALER_POLL_INTERVAL: '20ms',
    POD_NAME: 'aks-scaler-29408130-x2kq9',
  };
}

describe('scaler-pod.js as a CronJob', () => {
  it('keeps the metric policy’s 5-minute scale-down window across once-mode runs, through state.json', async () => {
    arm = await bundled.startEmulator({
      operationDurationInMs: 5,
      clusters: [demoCluster([{ name: 'manualpool2', count: 1 }])],
    });
    kubernetes = bundled.closeAfterTest(await startKubernetesEmulator());
    const config = join(bundled.scratch, 'scaler.yaml');
    await writeFile(
      config,
      [
        'clusters:',
        `  - { subscription: ${SUBSCRIPTION}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
        'policy:',
        '  metric:',
        `    azureMonitor: { resourceUri: ${CLUSTER_ID}, metricName: queue_depth }`,
        '    pools: [manualpool2]',
        '    targetPerNode: 100',
      ].join('\n'),
    );
    const env = {
      ...(await podEnvironment()),
      SCALER_CONFIG: config,
      SUBSCRIPTION: undefined,
      RESOURCE_GROUP: undefined,
      CLUSTER_NAME: undefined,
    };
    /** One CronJob run at `at` (by its own clock): its exit code and what it decided for manualpool2. */
    const runAt = async (at: string) => {
      const pod = startNode(
        bundled.pod,
        [],
        { ...env, TEST_CLOCK_AT: at },
        { nodeArgs: ['--import', CLOCK_AT] },
      );
      const code = await pod.exit();
      const summary = pod.json.find((line) => line.event === 'finished');
      const [pool] = (summary?.pools ?? []) as Array<{ from: number; to: number; reason: string }>;
      return {
        code,
        pool: pool!,
        warnings: pod.json.filter((line) => line.level === 'warn'),
        stderr: pod.stderr(),
      };
    };

    arm.state.setMetric(CLUSTER_ID, 'queue_depth', 500);
    const first = await runAt('2026-12-01T07:30:00Z');
    expect(first).toMatchObject({ code: 0, pool: { from: 1, to: 5 }, warnings: [], stderr: '' });

    // The queue drains: the metric asks for 1 node, but 5 were asked for less than five minutes ago.
    arm.state.setMetric(CLUSTER_ID, 'queue_depth', 100);
    for (const at of ['2026-12-01T07:31:00Z', '2026-12-01T07:34:00Z']) {
      const held = await runAt(at);
      expect(held.code).toBe(0);
      expect(held.pool).toMatchObject({
        from: 5,
        to: 5,
        reason: expect.stringContaining('scale-down held at 5'),
      });
    }
    expect(arm.state.getPool('manualpool2')?.count).toBe(5);

    // Five and a half minutes after the 5: out of the window, so down to 1. A fresh policy would hold 5 again.
    const last = await runAt('2026-12-01T07:35:30Z');
    expect(last).toMatchObject({ code: 0, pool: { from: 5, to: 1 } });
    expect(arm.state.getPool('manualpool2')?.count).toBe(1);

    const map = kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')!;
    const history = JSON.parse(map.data!['status.json']!).history as Array<{
      at: string;
      from: number;
      to: number;
    }>;
    expect(history.map((h) => `${h.at} ${h.from} -> ${h.to}`)).toEqual([
      expect.stringMatching(/^2026-12-01T07:30:\d\d\.\d{3}Z 1 -> 5$/),
      expect.stringMatching(/^2026-12-01T07:35:\d\d\.\d{3}Z 5 -> 1$/),
    ]);
    // Every call the four runs made was allowed by the shipped Role.
    const calls = kubernetes.requests.filter((request) => request.identity === IDENTITY);
    expect(calls.filter((request) => request.status >= 400 && request.status !== 404)).toEqual([]);
    expect(new Set(calls.map((request) => `${request.verb} ${request.resource}`))).toEqual(
      new Set(['get configmaps', 'create configmaps', 'update configmaps', 'create events']),
    );
  }, 120_000);
});

describe('scaler-pod.js without Kubernetes', () => {
  /** The module specifiers a dry run of the bundle resolved, with `env` added. */
  async function modulesLoaded(env: NodeJS.ProcessEnv, name: string): Promise<string[]> {
    const file = join(bundled.scratch, `${name}.json`);
    const pod = startNode(
      bundled.pod,
      [],
      {
        ...(await arm!.workloadIdentityEnv()),
        NODE_POOLS_AMOUNT: '{ "manualpool2": 2 }',
        SCALER_DRY_RUN: 'true',
        TEST_LOADED_MODULES_FILE: file,
        ...env,
      },
      { nodeArgs: ['--import', LOADED_MODULES] },
    );
    expect(await pod.exit()).toBe(0);
    return JSON.parse(await readFile(file, 'utf8')) as string[];
  }

  it('never loads the Kubernetes client when off, or when auto finds no config; it does when on', async () => {
    arm = await bundled.startEmulator();
    kubernetes = bundled.closeAfterTest(await startKubernetesEmulator());
    const kubeconfig = await kubernetes.writeKubeconfig();
    const client = (modules: string[]) => modules.filter((entry) => entry.startsWith('compiled:'));

    expect(client(await modulesLoaded({ SCALER_KUBERNETES: 'off', KUBECONFIG: kubeconfig }, 'off'))).toEqual(
      [],
    );
    expect(client(await modulesLoaded({ HOME: bundled.scratch }, 'auto'))).toEqual([]);
    expect(kubernetes.requests).toEqual([]);
    // The probe sees the client's module when it is loaded: the check above can fail.
    expect(client(await modulesLoaded({ SCALER_KUBERNETES: 'on', KUBECONFIG: kubeconfig }, 'on'))).toEqual([
      `compiled:${PACKED_MODULE_FILENAME}`,
    ]);
    expect(kubernetes.requests.length).toBeGreaterThan(0);
  }, 60_000);
});
