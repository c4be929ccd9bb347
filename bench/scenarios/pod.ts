import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulator, startKubernetesEmulator } from '@aks-scaler/testkit';
import { benchClusters } from '../lib/fixture.js';
import { median, round } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';

const POD = fileURLToPath(new URL('../../packages/examples/dist/scaler-pod.js', import.meta.url));
const PROBE = pathToFileURL(fileURLToPath(new URL('../lib/rss-probe.mjs', import.meta.url))).href;
const POOLS = 100;
const POD_TIMEOUT_IN_MS = 90_000;

interface PodRun {
  exitCode: number | null;
  spawnedAt: number;
  maxRssKib?: number;
}

async function runPod(
  env: Record<string, string>,
  rssFile: string,
  options: { args?: string[]; expectedExit?: number } = {},
): Promise<PodRun> {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, ['--import', PROBE, ...(options.args ?? [POD])], {
    env: { ...env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), POD_TIMEOUT_IN_MS);
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  clearTimeout(timer);
  if (exitCode !== (options.expectedExit ?? 0))
    throw new Error(`the pod exited with ${String(exitCode)}: ${stderr.trim().slice(0, 500)}`);
  const probe = JSON.parse(await readFile(rssFile, 'utf8')) as { maxRssKib: number };
  return { exitCode, spawnedAt, maxRssKib: probe.maxRssKib };
}

/** The bundled pod (`packages/examples/dist/scaler-pod.js`): start-up time and peak memory while scaling 100 pools. */
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
      const wi = await emulator.workloadIdentityEnv();
      const amounts = Object.fromEntries(
        clusters[0]!.pools.filter((p) => p.mode === 'User').map((p) => [p.name, 2]),
      );
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        ...wi,
        NODE_POOLS_AMOUNT: JSON.stringify(amounts),
        SCALER_POLL_INTERVAL: '100ms',
        // One subscription and 100 PUTs: paced to AKS's limit they would take 80 minutes; this emulator does not
        // throttle, and what is measured here is the pod's footprint, not the limit (the fleet scenario is).
        SCALER_WRITE_PACING: 'off',
      };
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
      const mb = (kib: number | undefined) => (kib === undefined ? null : round((kib * 1024) / 1e6, 1));
      const dryRunMb = rssOfDryRuns.length ? mb(Math.max(...rssOfDryRuns)) : null;
      const converged = emulator.state
        .listPools()
        .filter((p) => p.mode === 'User' && p.count === 2 && p.provisioningState === 'Succeeded').length;
      const startInMs = round(median(starts.map((s) => s.startInMs)), 1);
      const rssInMb = mb(scaled?.maxRssKib);
      const breakdown = `bare Node ${String(mb(bare.maxRssKib))} MB; with the bundle loaded (exits on a config error) ${String(mb(loaded.maxRssKib))} MB; a dry run (credential, list, plan) ${String(dryRunMb)} MB; scaling ${POOLS} pools ${String(rssInMb)} MB`;
      const kubernetesRssInMb = mb(withKubernetes.maxRssKib);
      log(
        `pod: start ${startInMs} ms, peak RSS ${String(rssInMb)} MB (Kubernetes off), ${String(kubernetesRssInMb)} MB (on), ${converged}/${POOLS} pools scaled`,
      );
      const how = `node ${process.version} on the bundled dist/scaler-pod.js, NODE_POOLS_AMOUNT with ${POOLS} pools, against the emulator (Workload Identity, TLS)`;
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
            note: `Process spawn to the first ARM request, minus the credential exchange (first Entra request to first ARM request, from the emulator's log); median of ${starts.length} runs; ${how}.`,
            details: {
              runs: starts.map((s) => ({
                toFirstArmInMs: round(s.toFirstArmInMs, 1),
                credentialExchangeInMs: round(s.credentialExchangeInMs, 1),
                startInMs: round(s.startInMs, 1),
              })),
            },
          },
          {
            name: 'pod/rss',
            unit: 'MB',
            ours: rssInMb,
            baseline: null,
            ideal: null,
            targets: [{ field: 'ours', op: '<', value: 80, whyMissed: `where it goes: ${breakdown}` }],
            note: `Peak resident set size (VmHWM of /proc/<pid>/status at exit, read by a preloaded probe) of one pod run that scaled ${converged}/${POOLS} pools 1 → 2 (50 ms operations, SCALER_POLL_INTERVAL=100ms, SCALER_WRITE_PACING=off, default concurrency); ${how}. MB = 10⁶ bytes.`,
            details: {
              pools: POOLS,
              converged,
              maxRssKib: scaled?.maxRssKib ?? null,
              dryRunMaxRssKib: rssOfDryRuns,
              bareNodeMaxRssKib: bare.maxRssKib ?? null,
              bundleLoadedMaxRssKib: loaded.maxRssKib ?? null,
              breakdown,
            },
          },
          {
            name: 'pod/rss-kubernetes',
            unit: 'MB',
            ours: kubernetesRssInMb,
            baseline: null,
            ideal: null,
            targets: [],
            note: `Peak resident set size of the same run (${POOLS} pools 1 → 2) with SCALER_KUBERNETES on through KUBECONFIG, against the Kubernetes API emulator: the Kubernetes client loaded, the status ConfigMap (${statusPools} pools in status.json) and an Event per pool written. With Kubernetes off (pod/rss) it is ${String(rssInMb)} MB; ${how}.`,
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
