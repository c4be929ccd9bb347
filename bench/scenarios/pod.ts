import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, startKubernetesEmulator } from '@aks-scaler/testkit';
import { benchClusters } from '../lib/fixture.js';
import { mbOfKib, POD, type PodRun, runPod, scalingEnv } from '../lib/pod-process.js';
import { median, round } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';
import { podRssRows } from './pod-rss.js';

const POOLS = 100;

/** Pools a scaling run reconciles: 100 per cluster, in as many clusters as it takes. */
export function podSizes(mode: 'quick' | 'full'): number[] {
  return mode === 'quick' ? [100, 300] : [100, 1000, 2000];
}

/** The pod's peak memory while it scales `pools` pools (100 per cluster) through SCALER_CONFIG. */
async function scalingRun(pools: number, temp: string): Promise<{ run: PodRun; converged: number }> {
  const clusters = benchClusters(Math.ceil(pools / POOLS), POOLS, 1);
  const emulator = await startEmulator({ clusters, operationDurationInMs: 50 });
  try {
    const env = await scalingEnv(emulator, clusters, temp, { config: true });
    const run = await runPod(env, join(temp, `rss-config-${pools}.json`));
    const converged = clusters
      .flatMap((c) => emulator.state.listPools(c.resourceGroup, c.name))
      .filter((p) => p.mode === 'User' && p.count === 2 && p.provisioningState === 'Succeeded').length;
    return { run, converged };
  } finally {
    await emulator.close();
  }
}

/** The bundled pod (`packages/examples/dist/scaler-pod.js`): start-up time and peak memory while scaling pools. */
export const podScenario: Scenario = {
  name: 'pod',
  async run(mode, log) {
    if (!existsSync(POD)) {
      throw new Error(
        `${POD} is missing: build it with pnpm --filter @aks-scaler/examples build (pnpm bench does).`,
      );
    }
    const startRuns = mode === 'quick' ? 3 : 7;
    const clusters = benchClusters(1, POOLS, 1);
    const emulator = await startEmulator({ clusters, operationDurationInMs: 50 });
    const temp = await mkdtemp(join(tmpdir(), 'aks-scaler-bench-pod-'));
    try {
      const env = await scalingEnv(emulator, clusters, temp);
      const starts: Array<{ toFirstArmInMs: number; credentialExchangeInMs: number; startInMs: number }> = [];
      let scaled: PodRun | undefined;
      let rssOfDryRuns: number[] = [];
      for (let i = 0; i < startRuns; i++) {
        // Every run but the last is a dry run (same path to the first ARM request); the last scales the 100 pools.
        const last = i === startRuns - 1;
        const from = emulator.requests.length;
        const run = await runPod(
          { ...env, SCALER_DRY_RUN: last ? 'false' : 'true' },
          join(temp, `rss-${i}.json`),
        );
        const requests = emulator.requests.slice(from);
        const firstEntra = requests.find((r) => r.target === 'entra');
        const firstArm = requests.find((r) => r.target === 'arm');
        if (firstEntra && firstArm) {
          const toFirstArmInMs = firstArm.at - run.spawnedAt;
          const credentialExchangeInMs = firstArm.at - firstEntra.at;
          starts.push({
            toFirstArmInMs,
            credentialExchangeInMs,
            startInMs: toFirstArmInMs - credentialExchangeInMs,
          });
        }
        if (last) scaled = run;
        else if (run.maxRssKib !== undefined) rssOfDryRuns = [...rssOfDryRuns, run.maxRssKib];
      }
      // The same 100 pools again, with the status ConfigMap and Events written to a Kubernetes API (SCALER_KUBERNETES
      // on through KUBECONFIG): what the Kubernetes client costs when it is on. All the runs above had it off.
      for (const pool of clusters[0]!.pools.filter((p) => p.mode === 'User'))
        emulator.state.setPool(pool.name, { count: 1 });
      const kubernetes = await startKubernetesEmulator();
      let withKubernetes: PodRun;
      let statusPools = 0;
      try {
        withKubernetes = await runPod(
          { ...env, KUBECONFIG: await kubernetes.writeKubeconfig() },
          join(temp, 'rss-kubernetes.json'),
        );
        const status = kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')?.data?.[
          'status.json'
        ];
        statusPools = status
          ? (JSON.parse(status) as { clusters: { pools: unknown[] }[] }).clusters[0]!.pools.length
          : 0;
      } finally {
        await kubernetes.close();
      }
      // Where the memory goes: bare Node, then the bundle loaded (stopped by a config error before any request).
      const bare = await runPod(env, join(temp, 'rss-bare.json'), { args: ['-e', '0'] });
      const { NODE_POOLS_AMOUNT: _omitted, ...withoutPolicy } = env;
      const loaded = await runPod(withoutPolicy, join(temp, 'rss-loaded.json'), { expectedExit: 2 });
      const converged = emulator.state
        .listPools()
        .filter((p) => p.mode === 'User' && p.count === 2 && p.provisioningState === 'Succeeded').length;
      await emulator.close();
      const scaling: Array<{ pools: number; run: PodRun; converged: number }> = [];
      for (const pools of podSizes(mode)) {
        const { run, converged: done } = await scalingRun(pools, temp);
        log(`pod: ${pools} pools through SCALER_CONFIG, peak RSS ${String(mbOfKib(run.maxRssKib))} MB`);
        scaling.push({ pools, run, converged: done });
      }
      const startInMs = round(median(starts.map((s) => s.startInMs)), 1);
      log(
        `pod: start ${startInMs} ms, peak RSS ${String(mbOfKib(scaled?.maxRssKib))} MB, ${converged}/${POOLS} pools scaled`,
      );
      const how = `node ${process.version} on the bundled dist/scaler-pod.js, against the emulator (Workload Identity, TLS)`;
      return {
        results: [
          {
            name: 'pod/start',
            unit: 'ms',
            ours: startInMs,
            baseline: null,
            ideal: null,
            targets: [
              {
                field: 'ours',
                op: '<',
                value: 300,
                whyMissed: 'module loading and set-up before the first request',
              },
            ],
            note: `Process spawn to the first ARM request, minus the credential exchange (first Entra request to first ARM request, from the emulator's log); median of ${starts.length} runs; ${how}, NODE_POOLS_AMOUNT with ${POOLS} pools.`,
            details: {
              runs: starts.map((s) => ({
                toFirstArmInMs: round(s.toFirstArmInMs, 1),
                credentialExchangeInMs: round(s.credentialExchangeInMs, 1),
                startInMs: round(s.startInMs, 1),
              })),
            },
          },
          ...podRssRows({
            pools: POOLS,
            converged,
            scaled,
            dryRunsKib: rssOfDryRuns,
            bare,
            loaded,
            scaling,
            how,
          }),
          {
            name: 'pod/rss-kubernetes',
            unit: 'MB',
            ours: mbOfKib(withKubernetes.maxRssKib),
            baseline: null,
            ideal: null,
            targets: [],
            note: `Peak resident set size of the same run (${POOLS} pools 1 → 2) with SCALER_KUBERNETES on through KUBECONFIG, against the Kubernetes API emulator: the Kubernetes client loaded, the status ConfigMap (${statusPools} pools in status.json) and an Event per pool written. With Kubernetes off (pod/rss) it is ${String(mbOfKib(scaled?.maxRssKib))} MB; ${how}.`,
            details: {
              maxRssKib: withKubernetes.maxRssKib ?? null,
              offMaxRssKib: scaled?.maxRssKib ?? null,
              statusPools,
            },
          },
        ],
        panels: [],
      };
    } finally {
      await emulator.close();
      await rm(temp, { recursive: true, force: true });
    }
  },
};
