// Keeps "The CLI against the emulator" in getting-started.md true: its commands run as a user types them, from the
// repository root (`pnpm --silent emulator` in one shell, `pnpm exec aks-scaler ...` in another), and print what
// the guide shows. Only the emulator's JSON file moves to a temp folder, so parallel runs do not share it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlocks, DOCS_DIR, REPO_DIR } from './guide-blocks.js';

const GUIDE = join(DOCS_DIR, 'getting-started.md');
const JSON_FILE = '/tmp/aks-scaler-emulator.json';
const blocks = codeBlocks(GUIDE, readFileSync(GUIDE, 'utf8'));

function block(lang: string, contains: string) {
  const index = blocks.findIndex((b) => b.lang === lang && b.code.includes(contains));
  if (index < 0) throw new Error(`getting-started.md has no \`\`\`${lang} block with '${contains}'`);
  return { index, code: blocks[index]!.code };
}

const serve = block('sh', 'pnpm --silent emulator');
const ask = block('sh', 'pnpm exec aks-scaler pools');
const shown = blocks[ask.index + 1]!;
const change = block('sh', 'pnpm exec aks-scaler apply');

let folder: string;
let emulator: ChildProcess | undefined;

/** Runs guide commands in bash from the repository root, with the emulator's file in the temp folder. */
function shell(script: string) {
  const run = spawnSync(
    'bash',
    ['-c', `set -euo pipefail\n${script.replaceAll(JSON_FILE, join(folder, 'emulator.json'))}`],
    {
      cwd: REPO_DIR,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  // The commands run the built CLI: build it from the current sources first, as `pnpm demo` does.
  const build = spawnSync('pnpm', ['--silent', '--filter', '@aks-scaler/examples', 'build', '--silent'], {
    cwd: REPO_DIR,
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
  folder = await mkdtemp(join(tmpdir(), 'aks-scaler-getting-started-'));
  emulator = spawn('bash', ['-c', serve.code.replaceAll(JSON_FILE, join(folder, 'emulator.json'))], {
    cwd: REPO_DIR,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  emulator.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const line = await Promise.race([
    once(createInterface({ input: emulator.stdout! }), 'line').then(([first]) => first as string),
    once(emulator, 'exit').then(([code]) => {
      throw new Error(`the guide's emulator command exited ${String(code)} before its JSON line: ${stderr}`);
    }),
  ]);
  expect(JSON.parse(line)).toMatchObject({ clusterName: 'myManagedCluster' });
}, 180_000);

afterAll(async () => {
  if (emulator?.pid) {
    const exited = once(emulator, 'exit');
    process.kill(-emulator.pid, 'SIGTERM');
    await exited;
  }
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('getting started: the CLI against the emulator', () => {
  it('runs the CLI by its name in the workspace', () => {
    const help = shell('pnpm exec aks-scaler --help');
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: aks-scaler /);
    expect(help.stdout).toContain('pools [options]');
  });

  it("lists the emulator's pools as the guide shows", () => {
    expect(shown.lang).toBe('text');
    const pools = shell(ask.code);
    expect(pools.code, pools.stderr).toBe(0);
    expect(pools.stdout.trimEnd()).toBe(shown.code);
  });

  it('applies a change and lists it', () => {
    const variables = ask.code.split('\n').filter((line) => line.startsWith('eval '));
    const [apply, list] = change.code.split('\n') as [string, string];
    const applied = shell([...variables, apply].join('\n'));
    expect(applied.code, applied.stderr).toBe(0);
    const listed = shell([...variables, list].join('\n'));
    expect(listed.code, listed.stderr).toBe(0);
    const pools = (
      JSON.parse(listed.stdout) as { clusters: Array<{ pools: Array<{ name: string; count: number }> }> }
    ).clusters[0]?.pools;
    expect(pools?.find((pool) => pool.name === 'manualpool2')?.count).toBe(3);
  }, 120_000);
});
