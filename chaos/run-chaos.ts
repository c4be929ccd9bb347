import { redact } from '@aks-scaler/core';
import { buildPodBundles } from './bundle.js';
import { checkInvariants } from './invariants.js';
import { runLibraryScenario } from './library-run.js';
import type { RunOutcome } from './outcome.js';
import { runPodScenario } from './pod-run.js';
import { runSeed } from './random.js';
import { runReplicaScenario } from './replicas-run.js';
import { type ChaosMode, generateScenario } from './scenario.js';

/** Options of {@link runChaos}. */
export interface ChaosOptions {
  /** How many runs. */
  runs: number;
  /** The suite's seed; run `i` uses `runSeed(seed, i)`. */
  seed: number;
  /**
   * Every `podEvery`-th run drives the bundled pod as child processes instead of the library in-process.
   * @default 5
   */
  podEvery?: number;
  /**
   * The third run of every `replicasEvery` runs two replicas of the bundled pod in loop mode, electing a leader,
   * with Kubernetes faults; 0 never does.
   * @default 5
   */
  replicasEvery?: number;
  /**
   * Runs in flight at once (each has its own emulator; runs mostly wait on the network and timers).
   * @default 3
   */
  parallel?: number;
  /** Receives one progress line per run. */
  log?: (line: string) => void;
}

/** The outcome of one run. */
export interface ChaosRunResult {
  index: number;
  seed: number;
  mode: ChaosMode;
  faults: number;
  /** Faults by kind (request faults, perturbations, signals). */
  kinds: Record<string, number>;
  violations: string[];
  notes: string[];
  durationInMs: number;
}

/** The outcome of a chaos suite. */
export interface ChaosSummary {
  runs: number;
  faults: number;
  violations: number;
  results: ChaosRunResult[];
  /**
   * Promise rejections nobody handled while the suite ran. Each is an invariant violation (and counted in
   * `violations`): a service embedding the library would have been ended by Node.
   */
  unhandled: string[];
}

/** The suite's totals: every run's faults and violations, plus one violation per unhandled rejection. */
export function summarize(results: ChaosRunResult[], unhandled: string[]): ChaosSummary {
  const sorted = [...results].sort((a, b) => a.index - b.index);
  return {
    runs: sorted.length,
    faults: sorted.reduce((sum, r) => sum + r.faults, 0),
    violations: sorted.reduce((sum, r) => sum + r.violations.length, 0) + unhandled.length,
    results: sorted,
    unhandled,
  };
}

/** The one line the suite ends with. */
export function summaryLine(summary: Pick<ChaosSummary, 'runs' | 'faults' | 'violations'>): string {
  return `chaos: ${summary.runs} runs, ${summary.faults} faults injected, ${summary.violations} invariant violations`;
}

/** Which mode run `index` uses: the last of every `podEvery` is a pod run, the third of every `replicasEvery` a replica run. */
export function modeOf(index: number, podEvery: number, replicasEvery = 0): ChaosMode {
  if (podEvery > 0 && index % podEvery === podEvery - 1) return 'pod';
  if (replicasEvery > 0 && index % replicasEvery === Math.min(2, replicasEvery - 1)) return 'replicas';
  return 'library';
}

/**
 * Runs seeded randomized reconciles against the emulator with faults mixed in, and checks the invariants after every
 * run. A run that throws inside the harness counts as a violation (with its message), never as a pass, and so does
 * every promise rejection nobody handled while the suite ran.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosSummary> {
  const podEvery = options.podEvery ?? 5;
  const replicasEvery = options.replicasEvery ?? 5;
  const parallel = Math.max(1, options.parallel ?? 3);
  const log = options.log ?? (() => {});
  const needsPod = Array.from({ length: options.runs }, (_, i) => modeOf(i, podEvery, replicasEvery)).some(
    (mode) => mode !== 'library',
  );
  const bundles = needsPod ? await buildPodBundles() : undefined;
  const unhandled: string[] = [];
  const onUnhandled = (reason: unknown) => {
    unhandled.push(
      redact(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)).slice(0, 300),
    );
  };
  process.on('unhandledRejection', onUnhandled);
  const results: ChaosRunResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.runs) {
      const index = next++;
      const seed = runSeed(options.seed, index);
      const mode = modeOf(index, podEvery, replicasEvery);
      const scenario = generateScenario(index, seed, mode);
      const startedAt = performance.now();
      let result: ChaosRunResult;
      try {
        const run: RunOutcome =
          mode === 'pod'
            ? await runPodScenario(scenario, bundles!.pod)
            : mode === 'replicas'
              ? await runReplicaScenario(scenario, bundles!.pod)
              : await runLibraryScenario(scenario);
        const violations = checkInvariants(run.evidence);
        const stuck = run.notes.filter((note) => /did not (finish|exit)/.test(note));
        result = {
          index,
          seed,
          mode,
          faults: run.faults,
          kinds: run.kinds,
          violations: [...violations, ...stuck],
          notes: run.notes,
          durationInMs: 0,
        };
      } catch (error) {
        const message = redact(error instanceof Error ? (error.stack ?? error.message) : String(error));
        result = {
          index,
          seed,
          mode,
          faults: 0,
          kinds: {},
          violations: [`harness: the run threw: ${message}`],
          notes: [],
          durationInMs: 0,
        };
      }
      result.durationInMs = Math.round(performance.now() - startedAt);
      results.push(result);
      log(
        `run ${index} (${mode}, seed ${seed}): ${result.faults} faults, ${result.violations.length} violations, ${result.durationInMs} ms` +
          result.violations.map((v) => `\n  ✗ ${v}`).join('') +
          result.notes.map((n) => `\n  · ${n}`).join(''),
      );
    }
  };
  try {
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await bundles?.remove();
  }
  return summarize(results, unhandled);
}
