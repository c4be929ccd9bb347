import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureRealComponents, installCommand, KUSTOMIZE_PROBE_DIR } from './real-components.mjs';

const REPO = '/repo';
const DEBIAN_KUBECTL_ERROR = 'Error: json: unknown field "labels"';

interface Call {
  command: string;
  args: string[];
}

/** A machine with the given executables; `apt-get install` adds the programs of the packages it is given. */
function fakeHost(options: {
  executables: string[];
  isRoot: boolean;
  env?: NodeJS.ProcessEnv;
  kustomizeFails?: boolean;
}) {
  const executables = new Set(options.executables);
  const calls: Call[] = [];
  const programOf: Record<string, string> = {
    prometheus: '/usr/bin/prometheus',
    'kubernetes-client': '/usr/bin/kubectl',
    'azure-cli': '/usr/bin/az',
  };
  const host = {
    env: { PATH: '/usr/local/bin:/usr/bin', ...options.env },
    isRoot: options.isRoot,
    isExecutable: (path: string) => executables.has(path),
    log: () => {},
    run(command: string, args: string[]) {
      calls.push({ command, args });
      if (command === 'apt-get' && args[0] === 'install') {
        for (const pkg of args.slice(1)) if (programOf[pkg]) executables.add(programOf[pkg]);
      }
      if (command.endsWith('kubectl') && options.kustomizeFails) {
        return { status: 1, stdout: '', stderr: `${DEBIAN_KUBECTL_ERROR}\n` };
      }
      return { status: 0, stdout: '', stderr: '' };
    },
  };
  return { host, calls };
}

const ALL = ['/usr/bin/prometheus', '/usr/local/bin/kubectl', '/usr/bin/az', '/usr/bin/apt-get'];

describe('the real components of the tests', () => {
  it('uses the programs that are there: installs nothing, renders the manifests with that kubectl', () => {
    const { host, calls } = fakeHost({ executables: ALL, isRoot: true });
    const result = ensureRealComponents(host, { repoDir: REPO });
    expect(result).toEqual({ ok: true, env: { PROMETHEUS_BIN: '/usr/bin/prometheus' }, problems: [] });
    expect(calls).toEqual([
      { command: '/usr/local/bin/kubectl', args: ['kustomize', join(REPO, KUSTOMIZE_PROBE_DIR)] },
    ]);
  });

  it('as root, installs only the missing ones from Debian (kubectl from kubernetes-client)', () => {
    const { host, calls } = fakeHost({
      executables: ['/usr/bin/apt-get', '/usr/bin/prometheus'],
      isRoot: true,
    });
    const result = ensureRealComponents(host, { repoDir: REPO });
    expect(calls.slice(0, 2)).toEqual([
      { command: 'apt-get', args: ['update', '-qq'] },
      {
        command: 'apt-get',
        args: ['install', '-y', '-qq', '--no-install-recommends', 'kubernetes-client', 'azure-cli'],
      },
    ]);
    expect(result.ok).toBe(true);
  });

  it('says that Debian kubectl 1.20 cannot render the manifests, with what kustomize said', () => {
    const { host } = fakeHost({ executables: ['/usr/bin/apt-get'], isRoot: true, kustomizeFails: true });
    const result = ensureRealComponents(host, { repoDir: REPO });
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain(`/usr/bin/kubectl cannot render ${KUSTOMIZE_PROBE_DIR}`);
    expect(result.problems[0]).toContain(DEBIAN_KUBECTL_ERROR);
    expect(result.problems[0]).toContain('kubernetes-client (kubectl 1.20) is too old');
  });

  it('when not root, installs nothing and gives the exact command for what is missing', () => {
    const { host, calls } = fakeHost({
      executables: ['/usr/bin/apt-get', '/usr/local/bin/kubectl'],
      isRoot: false,
    });
    const result = ensureRealComponents(host, { repoDir: REPO });
    expect(calls.some((call) => call.command === 'apt-get')).toBe(false);
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain('prometheus (Debian package prometheus)');
    expect(result.problems[0]).toContain('az (Debian package azure-cli)');
    expect(result.problems[0]).not.toContain('kubectl (Debian package');
    expect(result.problems[0]).toContain(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus azure-cli',
    );
  });

  it('names PROMETHEUS_BIN when it points at no program, and passes a good one to the tests', () => {
    const bad = fakeHost({ executables: ALL, isRoot: true, env: { PROMETHEUS_BIN: '/opt/prom/nothing' } });
    const result = ensureRealComponents(bad.host, { repoDir: REPO });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.stringContaining('PROMETHEUS_BIN=/opt/prom/nothing is not an executable'),
    ]);
    expect(bad.calls.some((call) => call.command === 'apt-get')).toBe(false);

    const good = fakeHost({
      executables: [...ALL, '/opt/prom/prometheus'],
      isRoot: true,
      env: { PROMETHEUS_BIN: '/opt/prom/prometheus' },
    });
    expect(ensureRealComponents(good.host, { repoDir: REPO }).env).toEqual({
      PROMETHEUS_BIN: '/opt/prom/prometheus',
    });
  });

  it('writes the install command as a user types it', () => {
    expect(installCommand(['prometheus'])).toBe(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus',
    );
  });
});

describe('pnpm test on a machine without them', () => {
  let bin: string | undefined;
  afterEach(() => {
    if (bin) rmSync(bin, { recursive: true, force: true });
    bin = undefined;
  });

  it('stops before vitest with the reason and the closing line (as root: after apt-get tried)', () => {
    bin = mkdtempSync(join(tmpdir(), 'aks-scaler-no-components-'));
    const log = join(bin, 'apt-get.log');
    // A stand-in for apt-get: records its arguments and fails, as it does without a package list.
    writeFileSync(join(bin, 'apt-get'), `#!/bin/sh\necho "$@" >> '${log}'\nexit 100\n`);
    chmodSync(join(bin, 'apt-get'), 0o755);
    const script = join(dirname(fileURLToPath(import.meta.url)), 'run-tests.mjs');
    const run = spawnSync(process.execPath, [script], {
      env: { PATH: bin, HOME: bin },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('0 passed, 1 failed');
    expect(run.stderr).toContain('The tests run real programs that are missing here');
    expect(run.stderr).toContain(installCommand(['prometheus', 'kubernetes-client', 'azure-cli']));
    expect(run.stdout + run.stderr).not.toMatch(/RUN\s+v\d/); // vitest never started
    if (process.getuid?.() === 0) {
      expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['update -qq']);
      expect(run.stderr).toContain('apt-get could not install prometheus kubernetes-client azure-cli');
    }
  });
});
