/**
 * `pnpm bench` (full) and `pnpm bench --quick` (under two minutes on two cores): runs every scenario, then writes
 * bench/results/latest.json, latest.md and convergence.svg. Numbers are reported, never asserted.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type ConvergencePanel, renderConvergenceSvg } from './lib/chart.js';
import { renderMarkdown, type ScenarioResult, toJsonRow } from './lib/report.js';
import type { BenchMode, Scenario } from './lib/scenario.js';
import { capacityOnTimeScenario } from './scenarios/capacity-on-time.js';
import { fleetScenario } from './scenarios/fleet.js';
import { manyPoolsScenario } from './scenarios/many-pools.js';
import { planningScenario } from './scenarios/planning.js';
import { podScenario } from './scenarios/pod.js';
import { requestsScenario } from './scenarios/requests.js';
import { seedScenario } from './scenarios/seed.js';

const SCENARIOS: Scenario[] = [
  seedScenario,
  capacityOnTimeScenario,
  manyPoolsScenario,
  fleetScenario,
  requestsScenario,
  planningScenario,
  podScenario,
];

interface Args {
  mode: BenchMode;
  only?: string[];
  /** Re-renders convergence.svg from latest.json without running anything. */
  renderOnly: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  let mode: BenchMode = 'full';
  let only: string[] | undefined;
  let renderOnly = false;
  for (const arg of argv) {
    if (arg === '--quick') mode = 'quick';
    else if (arg === '--render-only') renderOnly = true;
    else if (arg === '--full') mode = 'full';
    else if (arg.startsWith('--only=')) only = arg.slice('--only='.length).split(',');
    else if (arg !== '--')
      throw new Error(`unknown argument '${arg}'; use --quick, --full or --only=seed,fleet`);
  }
  return only ? { mode, only, renderOnly } : { mode, renderOnly };
}

async function main(): Promise<void> {
  const { mode, only, renderOnly } = parseArgs(process.argv.slice(2));
  const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
  if (renderOnly) {
    const saved = JSON.parse(await readFile(`${resultsDir}latest.json`, 'utf8')) as {
      convergence: ConvergencePanel[];
    };
    await writeFile(`${resultsDir}convergence.svg`, renderConvergenceSvg(saved.convergence));
    return;
  }
  const startedAt = new Date();
  const realStart = performance.now();
  const log = (line: string) =>
    process.stdout.write(`[${((performance.now() - realStart) / 1000).toFixed(1)}s] ${line}\n`);
  const results: ScenarioResult[] = [];
  const panels: ConvergencePanel[] = [];
  for (const scenario of SCENARIOS) {
    if (only && !only.includes(scenario.name)) continue;
    log(`${scenario.name}: running (${mode})`);
    try {
      const output = await scenario.run(mode, log);
      results.push(...output.results);
      panels.push(...output.panels);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${scenario.name}: FAILED: ${message}`);
      results.push({
        name: scenario.name,
        unit: '—',
        ours: null,
        baseline: null,
        ideal: null,
        targets: [],
        note: `The scenario failed to run: ${message}`,
        details: { error: message },
      });
    }
  }
  const durationInSeconds = (performance.now() - realStart) / 1000;
  const machine = {
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1e8) / 10,
  };
  await mkdir(resultsDir, { recursive: true });
  const json = {
    mode,
    startedAt: startedAt.toISOString(),
    durationInSeconds: Math.round(durationInSeconds),
    machine,
    scenarios: results.map(toJsonRow),
    convergence: panels.map((panel) => ({
      ...panel,
      series: panel.series.map((s) => ({
        ...s,
        doneAtInSeconds: s.doneAtInSeconds.map((t) => Math.round(t * 1000) / 1000),
      })),
    })),
  };
  await writeFile(`${resultsDir}latest.json`, `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(
    `${resultsDir}latest.md`,
    renderMarkdown(results, { mode, startedAt: startedAt.toISOString(), durationInSeconds, machine }),
  );
  await writeFile(`${resultsDir}convergence.svg`, renderConvergenceSvg(panels));
  log(`wrote ${resultsDir}latest.{json,md} and convergence.svg`);
}

await main();
