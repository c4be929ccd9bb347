import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The short form of `pnpm test:chaos`: five seeded runs (four in-process, one with the bundled pod), run as the
// command itself so its summary line and exit code are what is checked.
const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));

function runSuite(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, '--conditions=source', 'chaos/main.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('pnpm test:chaos (short form)', () => {
  it('runs 5 seeded runs with faults and finds no invariant violation', async () => {
    const { code, stdout } = await runSuite(['--runs', '5', '--seed', '42', '--parallel', '3']);
    const lines = stdout.trim().split('\n');
    const summary = /^chaos: 5 runs, (\d+) faults injected, (\d+) invariant violations$/.exec(
      lines.at(-1) ?? '',
    );
    expect(summary, stdout).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(5);
    expect(Number(summary![2]), stdout).toBe(0);
    expect(stdout).toContain('(pod, seed');
    expect(code).toBe(0);
  }, 180_000);

  it('refuses a bad argument with exit code 2', async () => {
    const { code, stdout } = await runSuite(['--runs', 'many']);
    expect(code).toBe(2);
    expect(stdout).toContain('--runs must be an integer');
  }, 60_000);
});
