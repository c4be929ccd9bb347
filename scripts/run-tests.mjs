#!/usr/bin/env node
// Runs every package's vitest suites once and ends with one plain line, `N passed, N failed`, which CI reads.
// Extra arguments go to vitest (e.g. `pnpm test packages/core`). The exit code is vitest's own.
// First it makes sure the real programs the suites run are there (scripts/real-components.mjs): installed from
// Debian when missing and running as root; otherwise the full run stops at once with the command to install them,
// and a run of chosen files goes on with a warning.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentHost, ensureRealComponents } from './real-components.mjs';

const args = process.argv.slice(2);
const repoDir = fileURLToPath(new URL('..', import.meta.url));
const components = ensureRealComponents(currentHost(), { repoDir });
if (!components.ok) {
  for (const problem of components.problems) console.error(`\n${problem}`);
  if (!args.some((arg) => !arg.startsWith('-'))) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.error('\nGoing on with the files you named: the suites that need these programs will fail.\n');
}

const out = join(tmpdir(), `aks-scaler-vitest-${process.pid}.json`);
const vitest = spawnSync(
  'vitest',
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args],
  { stdio: 'inherit', shell: process.platform === 'win32', env: { ...process.env, ...components.env } },
);

let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests ?? 0;
  // A file that failed to load has no test results of its own: count it once so it cannot pass silently.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
  ).length;
  failed = (report.numFailedTests ?? 0) + brokenFiles;
} catch {
  failed += 1; // no report means vitest itself failed before running
} finally {
  rmSync(out, { force: true });
}
const code = vitest.status ?? 1;
if (code !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(code === 0 && failed === 0 && passed > 0 ? 0 : code || 1);
