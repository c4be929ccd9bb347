import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';

function io() {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env: {},
      signal: new AbortController().signal,
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

describe('runCli in process', () => {
  it('runs the demo with the pod in this process (the fallback when the bundle is absent)', async () => {
    const run = io();
    const code = await runCli(
      ['demo', '--in-process', '--json', '--operation-duration', '50ms', '--per-node', '5ms'],
      run.io,
    );
    expect(run.stderr()).toBe('');
    expect(code).toBe(0);
    const demo = JSON.parse(run.stdout()) as {
      exitCode: number;
      pools: Array<{ name: string; count: number }>;
    };
    expect(demo.exitCode).toBe(0);
    expect(demo.pools.find((p) => p.name === 'manualpool3')?.count).toBe(5);
  });

  it('prints the version and exits 0; an unknown option exits 2', async () => {
    const version = io();
    expect(await runCli(['--version'], version.io)).toBe(0);
    expect(version.stdout().trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const unknown = io();
    expect(await runCli(['pools', '--no-such-option'], unknown.io)).toBe(2);
    expect(unknown.stderr()).toMatch(/unknown option/);
  });
});
