import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Emulator, EmulatorClusterSpec } from '@aks-scaler/testkit';

/** The bundled pod, as the container runs it. */
export const POD = fileURLToPath(new URL('../../packages/examples/dist/scaler-pod.js', import.meta.url));
const PROBE = pathToFileURL(fileURLToPath(new URL('./rss-probe.mjs', import.meta.url))).href;
const POD_TIMEOUT_IN_MS = 600_000;

/** Where a pod's memory was when it exited (from the probe). */
export interface MemoryAtExit {
  rssBytes: number;
  heapCommittedBytes: number;
  heapUsedBytes: number;
  codeBytes: number;
  externalBytes: number;
}

/** One pod process. */
export interface PodRun {
  exitCode: number | null;
  spawnedAt: number;
  /** Peak resident set size (VmHWM), KiB. */
  maxRssKib?: number;
  atExit?: MemoryAtExit;
}

/** Runs `node --import <probe> <args>` (the pod by default) with `env`, and reads its peak memory. */
export async function runPod(
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
  const probe = JSON.parse(await readFile(rssFile, 'utf8')) as { maxRssKib: number; atExit?: MemoryAtExit };
  return { exitCode, spawnedAt, maxRssKib: probe.maxRssKib, ...(probe.atExit && { atExit: probe.atExit }) };
}

/** MB (10^6 bytes) of a KiB figure, one decimal. */
export const mbOfKib = (kib: number | undefined) =>
  kib === undefined ? null : Math.round(((kib * 1024) / 1e6) * 10) / 10;

/**
 * The environment of a pod that scales every User pool of `clusters` to 2: `NODE_POOLS_AMOUNT` for one cluster
 * (the seed), else a `SCALER_CONFIG` listing the clusters with one static policy. Fast fixed polls, and no write or
 * poll pacing: this emulator does not throttle, and what is measured is the pod's footprint, not the limits.
 */
export async function scalingEnv(
  emulator: Emulator,
  clusters: readonly EmulatorClusterSpec[],
  dir: string,
  options: { config?: boolean } = {},
): Promise<Record<string, string>> {
  const names = (clusters[0]?.pools ?? []).filter((p) => p.mode === 'User').map((p) => p.name);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...(await emulator.workloadIdentityEnv()),
    SCALER_POLL_INTERVAL: '100ms',
    SCALER_WRITE_PACING: 'off',
    SCALER_POLL_PACING: 'off',
  };
  if (clusters.length === 1 && !options.config) {
    env.NODE_POOLS_AMOUNT = JSON.stringify(Object.fromEntries(names.map((name) => [name, 2])));
    return env;
  }
  const file = join(dir, `scaler-${clusters.length}.yaml`);
  await writeFile(
    file,
    [
      'clusters:',
      ...clusters.map(
        (c) =>
          `  - { subscription: ${emulator.subscriptionId}, resourceGroup: ${c.resourceGroup}, name: ${c.name} }`,
      ),
      `policy: { static: { ${names.map((name) => `${name}: 2`).join(', ')} } }`,
    ].join('\n'),
  );
  return { ...env, SCALER_CONFIG: file };
}
