import { mbOfKib, type PodRun } from '../lib/pod-process.js';
import { round, type ScenarioResult } from '../lib/report.js';

/** What the memory rows are made of. */
export interface PodRssInput {
  pools: number;
  converged: number;
  /** The NODE_POOLS_AMOUNT run that scaled `pools` pools. */
  scaled: PodRun | undefined;
  dryRunsKib: number[];
  bare: PodRun;
  loaded: PodRun;
  /** Runs through SCALER_CONFIG, smallest first. */
  scaling: Array<{ pools: number; run: PodRun; converged: number }>;
  how: string;
}

const MB = (bytes: number | undefined) => (bytes === undefined ? null : round(bytes / 1e6, 1));

/** Where a run's memory was at exit: V8's heap (committed and live), the code in it, memory outside it. */
function atExit(run: PodRun | undefined) {
  const at = run?.atExit;
  if (!at) return null;
  return {
    rssMb: MB(at.rssBytes),
    heapCommittedMb: MB(at.heapCommittedBytes),
    heapUsedMb: MB(at.heapUsedBytes),
    codeMb: MB(at.codeBytes),
    externalMb: MB(at.externalBytes),
  };
}

/**
 * `pod/rss` (the seed's NODE_POOLS_AMOUNT with 100 pools) and `pod/rss-scaling` (the same pod through SCALER_CONFIG
 * at growing pool counts, against its 100-pool figure), each with where the memory goes.
 */
export function podRssRows(input: PodRssInput): ScenarioResult[] {
  const { pools, converged, scaled, bare, loaded, scaling, how } = input;
  const rssInMb = mbOfKib(scaled?.maxRssKib);
  const dryRunMb = input.dryRunsKib.length ? mbOfKib(Math.max(...input.dryRunsKib)) : null;
  const stages = `bare Node ${String(mbOfKib(bare.maxRssKib))} MB; with the bundle loaded (exits on a config error) ${String(mbOfKib(loaded.maxRssKib))} MB; a dry run (credential, list, plan) ${String(dryRunMb)} MB; scaling ${pools} pools ${String(rssInMb)} MB`;
  const first = scaling[0];
  const last = scaling.at(-1);
  const firstMb = mbOfKib(first?.run.maxRssKib);
  const lastMb = mbOfKib(last?.run.maxRssKib);
  const ratio = firstMb && lastMb ? round(lastMb / firstMb, 3) : null;
  const series = scaling.map((s) => `${s.pools} pools ${String(mbOfKib(s.run.maxRssKib))} MB`).join(', ');
  const run = `50 ms operations, SCALER_POLL_INTERVAL=100ms, SCALER_WRITE_PACING=off, SCALER_POLL_PACING=off, default concurrency`;
  return [
    {
      name: 'pod/rss',
      unit: 'MB',
      ours: rssInMb,
      baseline: null,
      ideal: null,
      targets: [{ field: 'ours', op: '<=', value: 100, whyMissed: `where it goes: ${stages}` }],
      note: `Peak resident set size (VmHWM of /proc/<pid>/status at exit, read by a preloaded probe) of one pod run that scaled ${converged}/${pools} pools 1 → 2 (${run}); ${how}, NODE_POOLS_AMOUNT with ${pools} pools. Where it goes: ${stages}. MB = 10⁶ bytes.`,
      details: {
        pools,
        converged,
        maxRssKib: scaled?.maxRssKib ?? null,
        dryRunMaxRssKib: input.dryRunsKib,
        bareNodeMaxRssKib: bare.maxRssKib ?? null,
        bundleLoadedMaxRssKib: loaded.maxRssKib ?? null,
        atExit: atExit(scaled),
        loadedAtExit: atExit(loaded),
        breakdown: stages,
      },
    },
    {
      name: 'pod/rss-scaling',
      unit: 'MB',
      ours: lastMb,
      baseline: null,
      ideal: firstMb,
      targets: [
        {
          field: 'ratioToIdeal',
          op: '<=',
          value: 1.3,
          whyMissed: `${series}: V8 lets the heap grow with the work (see heapCommittedMb at exit)`,
        },
      ],
      note: `Peak resident set size of the pod scaling ${series} (100 pools per cluster, the clusters listed in a SCALER_CONFIG with one static policy; ${run}); ideal = its ${first?.pools ?? '?'}-pool figure, so ratioToIdeal is how much the peak grows with the pools. The config path also loads the config's schemas, which NODE_POOLS_AMOUNT (pod/rss) does not.`,
      details: {
        ratioToFirst: ratio,
        runs: scaling.map((s) => ({
          pools: s.pools,
          converged: s.converged,
          maxRssMb: mbOfKib(s.run.maxRssKib),
          atExit: atExit(s.run),
        })),
      },
    },
  ];
}
