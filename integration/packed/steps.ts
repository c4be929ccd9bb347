import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));
/** The consumer's sources and tsconfigs, copied into the fresh project. */
const CONSUMER_DIR = fileURLToPath(new URL('./consumer', import.meta.url));
/** The packages a consumer installs. */
export const PUBLISHED = ['@aks-scaler/core', '@aks-scaler/policies', '@aks-scaler/testkit'] as const;

/** A failed step of the suite: names the step, the command and the end of what it printed. */
export class StepError extends Error {
  constructor(step: string, command: string, detail: string) {
    super(`${step} failed: ${command}\n${detail.trim().split('\n').slice(-40).join('\n')}`);
    this.name = 'StepError';
  }
}

/** What a command printed. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/** Runs a command; a non-zero exit (or a timeout) is a {@link StepError} of `step`. */
export function run(
  step: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutInMs?: number },
): Promise<CommandOutput> {
  const shown = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutInMs ?? 300_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => reject(new StepError(step, shown, error.message)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new StepError(step, shown, `exit ${code ?? signal}\n${stdout}\n${stderr}`));
    });
  });
}

/** Builds the published packages and packs each into `destination`; returns the tarballs' paths. */
export async function buildAndPack(destination: string): Promise<string[]> {
  const filters = PUBLISHED.flatMap((name) => ['--filter', name]);
  await run('pack (build)', 'pnpm', ['--silent', ...filters, 'run', 'build'], { cwd: REPO_DIR });
  for (const name of PUBLISHED) {
    await run('pack', 'pnpm', ['--silent', '--filter', name, 'pack', '--pack-destination', destination], {
      cwd: REPO_DIR,
    });
  }
  const tarballs = (await readdir(destination)).filter((file) => file.endsWith('.tgz')).sort();
  if (tarballs.length !== PUBLISHED.length) {
    throw new StepError(
      'pack',
      'pnpm pack',
      `expected ${PUBLISHED.length} tarballs, found ${tarballs.join(', ')}`,
    );
  }
  return tarballs.map((file) => join(destination, file));
}

/** A fresh project in the temp folder (outside the workspace, so nothing resolves from it). */
export async function createProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aks-scaler-consumer-'));
  await cp(CONSUMER_DIR, dir, { recursive: true });
  const manifest = { name: 'aks-scaler-consumer', version: '0.0.0', private: true, type: 'module' };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

/** The TypeScript the workspace uses, so the consumer compiles with the same major version. */
async function typescriptVersion(): Promise<string> {
  const root = JSON.parse(await readFile(join(REPO_DIR, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  return root.devDependencies.typescript ?? 'latest';
}

/** `npm install`s the tarballs and TypeScript into the project, as a user would from the registry. */
export async function install(project: string, tarballs: string[]): Promise<void> {
  const typescript = `typescript@${await typescriptVersion()}`;
  await run(
    'install',
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs, typescript],
    { cwd: project },
  );
}

/** Compiles the consumer with one of its tsconfigs. */
export async function compile(project: string, tsconfig: string): Promise<void> {
  const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(`compile (${tsconfig})`, process.execPath, [tsc, '-p', tsconfig], { cwd: project });
}

/** What a run of the service printed: its one JSON line. */
export interface ServiceResult {
  ok: boolean;
  counts: Record<string, number>;
  checks?: Record<string, string>;
}

/** Runs a compiled service with this Node (24, which `require`s ESM) and reads its JSON line. */
export async function runService(
  project: string,
  file: string,
  nodeArgs: string[] = [],
): Promise<ServiceResult> {
  const step = `run (${[...nodeArgs, file].join(' ')})`;
  const { stdout } = await run(step, process.execPath, [...nodeArgs, file], {
    cwd: project,
    env: { PATH: process.env.PATH ?? '' },
    timeoutInMs: 120_000,
  });
  try {
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ServiceResult;
  } catch {
    throw new StepError(step, file, `no JSON line in its output:\n${stdout}`);
  }
}
