import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ConfigError, type PoolReport } from '@aks-scaler/core';
import { tryParseDurationInMs } from '@aks-scaler/core/common';
import { DEMO_CLUSTER, startEmulator } from '@aks-scaler/testkit';
import { Command } from 'commander';
import { EXIT_CODES, type ExitCode } from '../../pod/exit-codes.js';
import { runScalerPod } from '../../pod/run-scaler-pod.js';
import type { CliIo } from '../cli-io.js';
import { progressEventOfLogLine } from '../render/pool-progress.js';
import { createProgressDisplay, type ProgressDisplay } from '../render/progress-display.js';
import { poolsTable, resultTable } from '../render/tables.js';
import { runAction } from '../run-action.js';

/** The seed's `NODE_POOLS_AMOUNT`, exactly as its Pod spec sets it. */
export const SEED_NODE_POOLS_AMOUNT = '{ "manualpool2": 5, "manualpool3": 5 }';

/** `--operation-duration` when not given: the base duration of each emulated scale operation. */
const DEFAULT_OPERATION_DURATION = '2s';
/** `--per-node` when not given: added per node added or removed. */
const DEFAULT_PER_NODE = '300ms';

interface DemoOptions {
  json?: boolean;
  inProcess?: boolean;
  operationDuration: string;
  perNode: string;
}

/**
 * `aks-scaler demo`: the seed's workflow with no Azure account. Starts the emulator (ARM + Entra + OIDC issuer
 * over TLS) with the seed's cluster, runs the scaler pod (`scaler-pod.js` as a child process) with the seed's
 * variables through the real workload-identity token exchange, shows each pool's progress from the pod's log,
 * and prints the final table. Exits with the pod's exit code.
 */
export function demoCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('demo')
    .description(
      "run the scaler pod against a local emulator of the seed's cluster (no Azure account needed) and show the result",
    )
    .option(
      '--operation-duration <duration>',
      'base duration of each emulated scale operation',
      DEFAULT_OPERATION_DURATION,
    )
    .option('--per-node <duration>', 'added per node added or removed', DEFAULT_PER_NODE)
    .option('--in-process', 'run the pod in this process instead of a child process')
    .option('--json', "print the pod's summary and the emulator's pools as JSON")
    .action(async (options: DemoOptions) => {
      done(await runAction(io, options.json, () => runDemo(io, options)));
    });
}

async function runDemo(io: CliIo, options: DemoOptions): Promise<ExitCode> {
  const out = (text: string) => {
    if (!options.json) io.stdout.write(text);
  };
  const baseInMs = durationOption('--operation-duration', options.operationDuration);
  const perNodeInMs = durationOption('--per-node', options.perNode);
  const emulator = await startEmulator({
    clusters: [DEMO_CLUSTER],
    operationDurationInMs: { baseInMs, perNodeInMs },
  });
  try {
    const identityEnv = await emulator.workloadIdentityEnv();
    const podEnv: NodeJS.ProcessEnv = {
      ...pick(process.env, ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'SYSTEMROOT']),
      ...identityEnv,
      NODE_POOLS_AMOUNT: SEED_NODE_POOLS_AMOUNT,
      SCALER_MODE: 'once',
      SCALER_POLL_INTERVAL: '250ms',
      LOG_LEVEL: 'debug',
    };
    out(
      `Emulated cluster ${identityEnv.CLUSTER_NAME} (resource group ${identityEnv.RESOURCE_GROUP}, ${identityEnv.LOCATION}) at ${emulator.armEndpoint}\n`,
    );
    out(
      `${poolsTable(emulator.state.listPools().map((p) => ({ ...p, cluster: clusterOf(identityEnv) })))}\n`,
    );
    out(`NODE_POOLS_AMOUNT='${SEED_NODE_POOLS_AMOUNT}'\n`);

    const pools = Object.keys(JSON.parse(SEED_NODE_POOLS_AMOUNT) as Record<string, number>);
    // Created at the first pool event, so the lines printed before it do not interleave with live redraws.
    let display: ProgressDisplay | undefined;
    let summary: { ok?: boolean; durationInMs?: number; pools?: PoolReport[] } | undefined;
    const onLine = (text: string) => {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return;
      }
      const event = progressEventOfLogLine(line);
      if (event && !options.json) {
        display ??= createProgressDisplay({ pools, out: io.stdout });
        display.update(event);
      }
      if (line.msg === 'reconcile finished') summary = line as typeof summary;
      if (
        !options.json &&
        typeof line.level === 'string' &&
        ['warn', 'error', 'fatal'].includes(line.level)
      ) {
        if (line.event === undefined) io.stderr.write(`pod ${line.level}: ${String(line.msg)}\n`);
      }
      if (!options.json && line.msg === 'scaler starting') out(`pod: ${String(line.credential)}\n`);
    };

    const bundle = fileURLToPath(new URL('./scaler-pod.js', import.meta.url));
    const childProcess = !options.inProcess && import.meta.url.endsWith('.js') && existsSync(bundle);
    out(childProcess ? `Running node ${bundle}\n` : 'Running the scaler pod in this process\n');
    const code = childProcess
      ? await runChild(bundle, podEnv, onLine, io)
      : await runInProcess(podEnv, onLine, io, emulator.caCert);
    await display?.close();

    const after = emulator.state.listPools();
    if (options.json) {
      io.stdout.write(
        `${JSON.stringify({ exitCode: code, summary, pools: after.map(({ properties: _, ...p }) => p) }, null, 2)}\n`,
      );
      return code;
    }
    if (summary?.pools) out(`${resultTable(summary.pools)}\n`);
    out(`Emulator now: ${after.map((p) => `${p.name}=${p.count} (${p.provisioningState})`).join(', ')}\n`);
    out(
      code === EXIT_CODES.ok
        ? `Done in ${((summary?.durationInMs ?? 0) / 1000).toFixed(1)}s: the pod exited 0.\n`
        : `The pod exited ${code}.\n`,
    );
    return code;
  } finally {
    await emulator.close();
  }
}

function runChild(
  bundle: string,
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
  io: CliIo,
): Promise<ExitCode> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: child.stdout }).on('line', onLine);
    child.stderr.on('data', (chunk: Buffer) => io.stderr.write(chunk.toString('utf8')));
    const stop = () => child.kill('SIGTERM');
    io.signal.addEventListener('abort', stop, { once: true });
    child.on('error', reject);
    child.on('close', (code) => {
      io.signal.removeEventListener('abort', stop);
      resolve((code ?? EXIT_CODES.failed) as ExitCode);
    });
  });
}

async function runInProcess(
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
  io: CliIo,
  ca: string,
): Promise<ExitCode> {
  const stdout = new PassThrough();
  const lines = createInterface({ input: stdout });
  lines.on('line', onLine);
  const closed = new Promise((resolve) => lines.once('close', resolve));
  try {
    return await runScalerPod({ env, stdout, signal: io.signal, ca });
  } finally {
    stdout.end();
    await closed;
  }
}

function durationOption(flag: string, text: string): number {
  const inMs = tryParseDurationInMs(text, { allowZero: true });
  if (inMs !== undefined) return inMs;
  const message = `${JSON.stringify(text)} is not a duration; use e.g. 2s or 300ms.`;
  throw new ConfigError(`${flag} ${message}`, { issues: [{ path: flag, message }] });
}

function pick(env: NodeJS.ProcessEnv, names: readonly string[]): NodeJS.ProcessEnv {
  return Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n]]));
}

function clusterOf(env: Record<string, string>) {
  return {
    subscriptionId: env.SUBSCRIPTION ?? '',
    resourceGroup: env.RESOURCE_GROUP ?? '',
    clusterName: env.CLUSTER_NAME ?? '',
  };
}
