import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const main = fileURLToPath(new URL('../src/standalone-main.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

test('the standalone entrypoint prints one JSON line and exits 0 on SIGTERM', async () => {
  const child = spawn(tsx, ['--conditions=source', main], { stdio: ['ignore', 'pipe', 'pipe'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    await expect.poll(() => stdout.includes('\n'), { timeout: 15_000 }).toBe(true);
    const info = JSON.parse(stdout.trim()) as { armEndpoint: string; clusterName: string };
    expect(info.clusterName).toBe('myManagedCluster');
    expect(info.armEndpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('--help prints the flags and exits 0; a bad flag value exits 2 naming the flag', async () => {
  const run = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(tsx, ['--conditions=source', main, ...args], { timeout: 20_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  const help = await run('--help');
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('--poll-retry-after <seconds>');
  expect(help.stdout).toContain('--operation-duration <ms>');
  const bad = await run('--poll-retry-after', 'soon');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("--poll-retry-after takes a whole number from 0 to 3600; got 'soon'");
  expect(bad.stdout).toBe('');
});
