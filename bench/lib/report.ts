/** A benchmark target, checked against one field of a scenario result. */
export interface Target {
  /** The field checked, e.g. `ratioToIdeal`, `ours` or a details field such as `throttled`. */
  field: string;
  /** `<=`, `<` or `>=`. */
  op: '<=' | '<' | '>=';
  value: number;
  /** What limits the result when the target is missed (filled in by the scenario from what it measured). */
  whyMissed?: string;
}

/** One row of the report. `ours`, `baseline` and `ideal` share `unit`; lower is better unless `higherIsBetter`. */
export interface ScenarioResult {
  name: string;
  unit: string;
  ours: number | null;
  baseline: number | null;
  ideal: number | null;
  targets: Target[];
  /** One or two sentences: how it was measured (scale, sizes, what ideal means). */
  note: string;
  /** Extra measurements, copied to the JSON row. */
  details: Record<string, unknown>;
}

/** A target's outcome. */
export interface TargetOutcome {
  target: Target;
  /** The value checked; null when it could not be measured. */
  actual: number | null;
  met: boolean;
}

/** `ours / ideal`, rounded to 3 decimals; null when either is missing or ideal is 0. */
export function ratioToIdeal(ours: number | null, ideal: number | null): number | null {
  if (ours === null || ideal === null || ideal === 0) return null;
  return round(ours / ideal, 3);
}

/** `baseline / ours` (how many times faster ours is), rounded to 3 decimals; null when either is missing. */
export function speedupVsBaseline(ours: number | null, baseline: number | null): number | null {
  if (ours === null || baseline === null || ours === 0) return null;
  return round(baseline / ours, 3);
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Rounds to `digits` decimals. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The JSON row: the fixed fields first, then the details. */
export function toJsonRow(result: ScenarioResult): Record<string, unknown> {
  return {
    name: result.name,
    unit: result.unit,
    ours: result.ours,
    baseline: result.baseline,
    ideal: result.ideal,
    ratioToIdeal: ratioToIdeal(result.ours, result.ideal),
    speedupVsBaseline: speedupVsBaseline(result.ours, result.baseline),
    targets: evaluateTargets(result).map((o) => ({
      target: describeTarget(o.target),
      actual: o.actual,
      met: o.met,
      ...(!o.met && o.target.whyMissed ? { whyMissed: o.target.whyMissed } : {}),
    })),
    note: result.note,
    ...result.details,
  };
}

/** Checks every target of a result. A target whose value could not be measured is missed. */
export function evaluateTargets(result: ScenarioResult): TargetOutcome[] {
  const row: Record<string, unknown> = {
    ...result.details,
    ours: result.ours,
    baseline: result.baseline,
    ideal: result.ideal,
    ratioToIdeal: ratioToIdeal(result.ours, result.ideal),
    speedupVsBaseline: speedupVsBaseline(result.ours, result.baseline),
  };
  return result.targets.map((target) => {
    const value = row[target.field];
    const actual = typeof value === 'number' && Number.isFinite(value) ? value : null;
    const met =
      actual !== null &&
      (target.op === '<='
        ? actual <= target.value
        : target.op === '<'
          ? actual < target.value
          : actual >= target.value);
    return { target, actual, met };
  });
}

/** `ratioToIdeal ≤ 1.05`. */
export function describeTarget(target: Target): string {
  const op = target.op === '<=' ? '≤' : target.op === '>=' ? '≥' : '<';
  return `${target.field} ${op} ${target.value}`;
}

/** Formats a number for the table (up to 3 significant decimals), or `—`. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** What the markdown header says about the run. */
export interface RunInfo {
  mode: 'quick' | 'full';
  startedAt: string;
  durationInSeconds: number;
  machine: Record<string, unknown>;
}

/** The markdown report: one table with a target column and a plain verdict per target, then the notes. */
export function renderMarkdown(results: readonly ScenarioResult[], run: RunInfo): string {
  const lines = [
    '# aks-scaler benchmarks',
    '',
    `Mode: **${run.mode}** (${run.mode === 'quick' ? '`pnpm bench --quick`' : '`pnpm bench`'}), run ${run.startedAt}, took ${run.durationInSeconds.toFixed(0)} s.`,
    `Machine: ${Object.entries(run.machine)
      .map(([key, value]) => `${key} ${String(value)}`)
      .join(', ')}.`,
    '',
    'Convergence times are in emulator seconds: the emulator runs the real ARM/AKS protocol over TLS with the real SDK; ' +
      'where a scenario uses a compressed clock, every client-side wait is compressed by the same factor (see notes). ' +
      '`ratioToIdeal` = ours / ideal (lower is better, 1 is perfect); `speedup` = baseline / ours.',
    '',
    '| scenario | unit | ours | baseline | ideal | ours/ideal | speedup | target | result |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const result of results) {
    const outcomes = evaluateTargets(result);
    const targetText = outcomes.length
      ? outcomes.map((o) => describeTarget(o.target)).join('; ')
      : '— (reported)';
    const verdict = outcomes.length
      ? outcomes
          .map((o) =>
            o.met
              ? 'met'
              : `missed (${o.target.whyMissed ?? (o.actual === null ? 'not measured' : 'see notes')})`,
          )
          .join('; ')
      : '—';
    lines.push(
      `| ${[
        result.name,
        result.unit,
        formatNumber(result.ours),
        formatNumber(result.baseline),
        formatNumber(result.ideal),
        formatNumber(ratioToIdeal(result.ours, result.ideal)),
        formatNumber(speedupVsBaseline(result.ours, result.baseline)),
        targetText,
        verdict,
      ]
        .map(cell)
        .join(' | ')} |`,
    );
  }
  lines.push('', '## Notes', '');
  for (const result of results) lines.push(`- **${result.name}**: ${result.note}`);
  lines.push('', '![convergence](convergence.svg)', '');
  return lines.join('\n');
}
