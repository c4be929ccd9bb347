import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Emulator,
  parseStandaloneArgs,
  runStandaloneEmulator,
  type StandaloneEmulatorInfo,
} from '../src/index.js';

/** The azure-cli the tests run: Debian's package, or `AZ_BIN`. */
export const AZ = process.env.AZ_BIN ?? '/usr/bin/az';
/** How long one az command may take. */
export const AZ_TIMEOUT_IN_MS = 90_000;
const SYSTEM_ROOTS = '/etc/ssl/certs/ca-certificates.crt';

/** What one az command did. */
export interface AzResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** az with its own config folder and trust bundle, registered with the emulator as the active cloud. */
export interface AzSession {
  /** Runs az; never throws on a non-zero exit. */
  az(...args: string[]): Promise<AzResult>;
  /** Runs az with `-o json`, throws with az's stderr on a non-zero exit. */
  azJson<T>(...args: string[]): Promise<T>;
  /** Removes the config folder. */
  close(): Promise<void>;
}

/**
 * The steps of docs/emulator.md before `az login`: an isolated `AZURE_CONFIG_DIR`, a bundle of the emulator's CA
 * and the system roots (`cat "$CA" /etc/ssl/certs/ca-certificates.crt`, which needs the CA file's final newline) in
 * `REQUESTS_CA_BUNDLE`, then `az cloud register` with the ARM endpoint and `az cloud set`.
 */
export async function registerEmulatorCloud(info: StandaloneEmulatorInfo): Promise<AzSession> {
  if (!existsSync(AZ)) {
    throw new Error(
      `azure-cli is not installed at ${AZ}: install Debian's package (sudo apt-get install -y azure-cli) or set AZ_BIN to an az executable.`,
    );
  }
  const configDir = await mkdtemp(join(tmpdir(), 'aks-scaler-az-'));
  const roots = existsSync(SYSTEM_ROOTS) ? await readFile(SYSTEM_ROOTS, 'utf8') : '';
  const bundle = join(configDir, 'bundle.pem');
  await writeFile(bundle, `${await readFile(info.caCertFile, 'utf8')}${roots}`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: configDir,
    AZURE_CONFIG_DIR: configDir,
    REQUESTS_CA_BUNDLE: bundle,
    AZURE_CORE_COLLECT_TELEMETRY: 'false',
    AZURE_CORE_NO_COLOR: 'true',
  };
  const az = (...args: string[]) =>
    new Promise<AzResult>((resolve) => {
      execFile(AZ, args, { env, timeout: AZ_TIMEOUT_IN_MS }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  const session: AzSession = {
    az,
    async azJson<T>(...args: string[]) {
      const result = await az(...args, '-o', 'json', '--only-show-errors');
      if (result.code !== 0) throw new Error(`az ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
      return JSON.parse(result.stdout) as T;
    },
    close: () => rm(configDir, { recursive: true, force: true }),
  };
  for (const step of [
    ['cloud', 'register', '-n', 'emulator', '--endpoint-resource-manager', `${info.armEndpoint}/`],
    ['cloud', 'set', '-n', 'emulator', '--only-show-errors'],
  ]) {
    const result = await az(...step);
    if (result.code !== 0) {
      await session.close();
      throw new Error(`az ${step.join(' ')} failed:\n${result.stderr}`);
    }
  }
  return session;
}

/** The standalone emulator run in this process, and an az session registered against it. */
export interface AzEmulator {
  emulator: Emulator;
  /** What the emulator announced on its first output line. */
  info: StandaloneEmulatorInfo;
  session: AzSession;
  /** Stops the emulator and removes the session's files. */
  close(): Promise<void>;
}

/** Runs the standalone emulator with the command-line `flags` and registers it as az's cloud (no login yet). */
export async function startAzEmulator(flags: string[]): Promise<AzEmulator> {
  const args = parseStandaloneArgs(flags);
  if (args.kind !== 'run') throw new Error(`flags not accepted: ${JSON.stringify(args)}`);
  const stop = new AbortController();
  let emulator: Emulator | undefined;
  let running: Promise<void> | undefined;
  const line = new Promise<string>((resolve) => {
    running = runStandaloneEmulator({
      ...args.options,
      out: { write: (text: string) => resolve(text) },
      handleSignals: false,
      abortSignal: stop.signal,
      onReady: (ready) => {
        emulator = ready;
      },
    });
  });
  const info = JSON.parse(await line) as StandaloneEmulatorInfo;
  const session = await registerEmulatorCloud(info).catch(async (error: unknown) => {
    stop.abort();
    await running;
    throw error;
  });
  return {
    emulator: emulator!,
    info,
    session,
    close: async () => {
      stop.abort();
      await running;
      await session.close();
    },
  };
}

/** `az login --service-principal` with the emulator's federated token, as docs/emulator.md does; its JSON answer. */
export async function azLoginFederated(
  session: AzSession,
  info: StandaloneEmulatorInfo,
): Promise<Record<string, unknown>[]> {
  const token = (await readFile(info.federatedTokenFile, 'utf8')).trim();
  return session.azJson<Record<string, unknown>[]>(
    'login',
    '--service-principal',
    '--username',
    info.clientId,
    '--tenant',
    info.tenantId,
    '--federated-token',
    token,
  );
}
