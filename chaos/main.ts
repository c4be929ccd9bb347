/**
 * `pnpm test:chaos [--runs N] [--seed S] [--pod-every K] [--replicas-every R] [--parallel P] [--quiet]`: seeded
 * randomized reconciles against the emulator with faults, invariants checked after every run: in-process library
 * runs, once-mode pod runs, and two-replica runs in loop mode with Kubernetes faults. Ends with one line,
 * `chaos: N runs, F faults injected, V invariant violations` (an unhandled promise rejection is one), and exits 1
 * when V > 0.
 */
import { parseArgs } from 'node:util';
import { runChaos, summaryLine } from './run-chaos.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '60' },
    seed: { type: 'string', default: '20261128' },
    'pod-every': { type: 'string', default: '5' },
    'replicas-every': { type: 'string', default: '5' },
    parallel: { type: 'string', default: '3' },
    quiet: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

function integer(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    process.stderr.write(`chaos: --${name} must be an integer >= ${min}, got '${text}'\n`);
    process.exit(2);
  }
  return value;
}

const runs = integer('runs', values.runs, 1);
const seed = integer('seed', values.seed, 0);
const startedAt = performance.now();
const summary = await runChaos({
  runs,
  seed,
  podEvery: integer('pod-every', values['pod-every'], 0),
  replicasEvery: integer('replicas-every', values['replicas-every'], 0),
  parallel: integer('parallel', values.parallel, 1),
  log: values.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
});
const byMode = (mode: string) => summary.results.filter((r) => r.mode === mode).length;
process.stdout.write(
  `seed ${seed}: ${byMode('library')} library runs, ${byMode('pod')} pod runs, ${byMode('replicas')} replica runs, ${Math.round((performance.now() - startedAt) / 1000)} s\n`,
);
const kinds: Record<string, number> = {};
for (const result of summary.results) {
  for (const [kind, count] of Object.entries(result.kinds)) kinds[kind] = (kinds[kind] ?? 0) + count;
}
const breakdown = Object.entries(kinds)
  .sort((a, b) => b[1] - a[1])
  .map(([kind, count]) => `${kind} ${count}`)
  .join(', ');
process.stdout.write(`faults by kind: ${breakdown}\n`);
for (const reason of summary.unhandled) {
  process.stdout.write(`✗ unhandled rejection (an invariant violation): ${reason}\n`);
}
process.stdout.write(`${summaryLine(summary)}\n`);
process.exit(summary.violations > 0 ? 1 : 0);
