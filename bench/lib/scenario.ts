import type { ConvergencePanel } from './chart.js';
import type { ScenarioResult } from './report.js';

/** `quick` keeps the whole run under two minutes on two cores; `full` uses the full target sizes. */
export type BenchMode = 'quick' | 'full';

/** What a scenario hands back: report rows and, for convergence scenarios, a chart panel. */
export interface ScenarioOutput {
  results: ScenarioResult[];
  panels: ConvergencePanel[];
}

/** A scenario of `pnpm bench`. */
export interface Scenario {
  name: string;
  run(mode: BenchMode, log: (line: string) => void): Promise<ScenarioOutput>;
}
