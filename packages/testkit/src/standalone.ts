import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CLUSTER } from './emulator/demo-cluster.js';
import { startEmulator } from './emulator/start-emulator.js';
import type { Emulator, OperationDuration } from './emulator/types.js';

/** The one JSON line the standalone emulator prints on stdout. */
export interface StandaloneEmulatorInfo {
  /** `AZURE_RESOURCE_MANAGER_ENDPOINT`, `https://127.0.0.1:PORT`. */
  armEndpoint: string;
  /** `AZURE_AUTHORITY_HOST`, with the trailing slash. */
  authorityHost: string;
  /** `AZURE_TENANT_ID`. */
  tenantId: string;
  /** `AZURE_CLIENT_ID`. */
  clientId: string;
  /** `SUBSCRIPTION`. */
  subscriptionId: string;
  /** `RESOURCE_GROUP`. */
  resourceGroup: string;
  /** `CLUSTER_NAME`. */
  clusterName: string;
  /** `LOCATION`. */
  location: string;
  /** The federated token file, kept fresh while the emulator runs. */
  federatedTokenFile: string;
  /** The CA certificate file (for `NODE_EXTRA_CA_CERTS`, or to append to a trust bundle; it ends with a newline). */
  caCertFile: string;
}

/** Options of {@link runStandaloneEmulator}. */
export interface StandaloneEmulatorOptions {
  /** Where the JSON line goes (any stream-like object with `write`). @default process.stdout */
  out?: { write(text: string): unknown } | undefined;
  /** Agent-pool operation durations. @default { baseInMs: 2000, perNodeInMs: 300 } */
  operationDurationInMs?: OperationDuration | undefined;
  /** Durations of the `Stopping` and `Starting` operations. @default operationDurationInMs */
  powerOperationDurationInMs?: OperationDuration | undefined;
  /**
   * `Retry-After` on operation-status responses while an operation runs. azure-cli polls every 30 s without one
   * (as against real AKS), and also for `0`: give it 1 to poll every second.
   * @default none
   */
  pollRetryAfterInSeconds?: number | undefined;
  /** The TCP port. @default 0 (any free port) */
  port?: number | undefined;
  /** Stop on SIGINT/SIGTERM. @default true */
  handleSignals?: boolean | undefined;
  /** Called once the emulator serves, before the JSON line is printed. */
  onReady?: ((emulator: Emulator, info: StandaloneEmulatorInfo) => void) | undefined;
  /** Stops the emulator when aborted. */
  abortSignal?: AbortSignal | undefined;
}

/** Service-account token lifetime of the standalone emulator; the file is rewritten at 80 % of it. */
const TOKEN_LIFETIME_IN_SECONDS = 3600;

/**
 * Runs the emulator with the demo cluster until SIGINT/SIGTERM (or `abortSignal`): writes the federated token and
 * CA files to a temp folder, prints exactly one JSON line ({@link StandaloneEmulatorInfo}), keeps the token file
 * fresh, and resolves after a clean shutdown.
 *
 * @example
 * ```ts
 * await runStandaloneEmulator(); // `pnpm emulator`
 * ```
 */
export async function runStandaloneEmulator(options: StandaloneEmulatorOptions = {}): Promise<void> {
  if (options.abortSignal?.aborted) return;
  const out = options.out ?? process.stdout;
  const emulator = await startEmulator({
    clusters: [DEMO_CLUSTER],
    operationDurationInMs: options.operationDurationInMs ?? { baseInMs: 2_000, perNodeInMs: 300 },
    requestLogLimit: 10_000,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.powerOperationDurationInMs !== undefined
      ? { powerOperationDurationInMs: options.powerOperationDurationInMs }
      : {}),
    ...(options.pollRetryAfterInSeconds !== undefined
      ? { pollRetryAfterInSeconds: options.pollRetryAfterInSeconds }
      : {}),
  });
  const folder = await mkdtemp(join(tmpdir(), 'aks-scaler-emulator-'));
  const federatedTokenFile = join(folder, 'azure-identity-token');
  const caCertFile = join(folder, 'ca.pem');
  const writeToken = async () =>
    writeFile(
      federatedTokenFile,
      await emulator.issueServiceAccountToken('default', 'workload-identity-sa', {
        expiresInSeconds: TOKEN_LIFETIME_IN_SECONDS,
      }),
      { mode: 0o600 },
    );
  await writeToken();
  await writeFile(caCertFile, emulator.caCert);
  const refresh = setInterval(
    () => void writeToken().catch(() => undefined),
    TOKEN_LIFETIME_IN_SECONDS * 800,
  );

  const info: StandaloneEmulatorInfo = {
    armEndpoint: emulator.armEndpoint,
    authorityHost: emulator.authorityHost,
    tenantId: emulator.tenantId,
    clientId: emulator.clientId,
    subscriptionId: emulator.subscriptionId,
    resourceGroup: DEMO_CLUSTER.resourceGroup,
    clusterName: DEMO_CLUSTER.name,
    location: DEMO_CLUSTER.location ?? 'westeurope',
    federatedTokenFile,
    caCertFile,
  };
  options.onReady?.(emulator, info);
  out.write(`${JSON.stringify(info)}\n`);

  // A Ctrl-C reaches this process twice (from the terminal's process group and relayed by a wrapper such as tsx):
  // the listeners stay installed until the shutdown is complete so a repeated signal cannot kill it half-way.
  const handleSignals = options.handleSignals ?? true;
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const onSignal = () => stop();
  if (handleSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  options.abortSignal?.addEventListener('abort', onSignal, { once: true });
  if (options.abortSignal?.aborted) stop();
  await stopped;
  options.abortSignal?.removeEventListener('abort', onSignal);
  clearInterval(refresh);
  await emulator.close();
  await rm(folder, { recursive: true, force: true });
  if (handleSignals) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
