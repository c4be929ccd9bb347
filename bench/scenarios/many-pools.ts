import { fleetLowerBoundInSeconds } from '../lib/bounds.js';
import type { ConvergencePanel } from '../lib/chart.js';
import {
  type ConvergenceRun,
  requestBreakdown,
  runBaseline,
  runOurs,
  targetsFor,
} from '../lib/convergence.js';
import { benchClusters } from '../lib/fixture.js';
import { round, type ScenarioResult } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';

const CLUSTERS = 8;
const POOLS_PER_CLUSTER = 5;
const CONCURRENCY = 8;
const OPERATION_IN_MS = 60_000;
/** AKS's agent-pool PUT limit per subscription (core paces its writes to it by default). */
const PUT_LIMIT = { putBurst: 20, putRefillPerSecond: 1 / 60, writeBurst: 200, writeRefillPerSecond: 10 };

function setupFor(subscriptions: number, factor: number) {
  const clusters = benchClusters(CLUSTERS, POOLS_PER_CLUSTER, 1, subscriptions);
  const counts = Object.fromEntries(
    clusters.map((c) => [
      c.name,
      Object.fromEntries(c.pools.filter((p) => p.mode === 'User').map((p) => [p.name, 3])),
    ]),
  );
  return {
    clusters,
    targets: targetsFor(clusters, counts),
    timeScaleFactor: factor,
    operationDurationInMs: OPERATION_IN_MS,
  };
}

/** 40 pools in 8 clusters, 1 -> 3 each: `reconcileFleet` at concurrency 8 against the sequential baseline. */
export const manyPoolsScenario: Scenario = {
  name: 'many-pools',
  async run(mode, log) {
    // Ours runs 8 operations at once in this one process (emulator + client on 2 cores): a gentler compression keeps
    // its stretched request latency near real ARM's (~0.3 s). The sequential baseline has one request in flight.
    const factor = 25;
    const baselineFactor = mode === 'quick' ? 200 : 25;
    const pools = CLUSTERS * POOLS_PER_CLUSTER;
    // In one subscription the PUT limit lets few operations run at once: that run stands more compression.
    const paced = 100;
    const oneSubscription = await runOurs(setupFor(1, paced), { concurrency: CONCURRENCY });
    log(
      `many-pools: ours (1 subscription) ${oneSubscription.seconds.toFixed(1)} s (${oneSubscription.converged}/${pools})`,
    );
    const spread = await runOurs(setupFor(CLUSTERS, factor), { concurrency: CONCURRENCY });
    log(
      `many-pools: ours (${CLUSTERS} subscriptions) ${spread.seconds.toFixed(1)} s (${spread.converged}/${pools})`,
    );
    // A sequential loop takes the same time whatever the subscriptions: one operation at a time never meets the limit.
    const baseline = await runBaseline(setupFor(1, baselineFactor));
    log(`many-pools: baseline ${baseline.seconds.toFixed(1)} s, ${baseline.realSeconds.toFixed(1)} s real`);
    const slowest = Math.max(...spread.operationDurationsInMs) / 1000;
    const waves = Math.ceil(pools / CONCURRENCY);
    const concurrencyBound = waves * slowest;
    const putBound = fleetLowerBoundInSeconds({
      pools,
      concurrency: CONCURRENCY,
      operationSeconds: slowest,
      ...PUT_LIMIT,
    });
    const clock = (ours: number) =>
      `emulator clock compressed ${ours}× for ours and ${baselineFactor}× for the baseline (${baseline.realSeconds.toFixed(1)} s real)`;
    const row = (
      name: string,
      run: ConvergenceRun,
      runFactor: number,
      ideal: string,
      idealSeconds: number,
      extra: Partial<ScenarioResult>,
    ) => ({
      name,
      unit: 's',
      ours: run.converged === pools ? round(run.seconds) : null,
      baseline: round(baseline.seconds),
      ideal: round(idealSeconds),
      targets: [],
      note: `${pools} pools in ${CLUSTERS} clusters (1 → 3), ${OPERATION_IN_MS / 1000} s operations, \`reconcileFleet\` at concurrency ${CONCURRENCY}; ${clock(runFactor)}. Ideal = ${ideal}.`,
      details: {
        timeScale: runFactor,
        baselineTimeScale: baselineFactor,
        pools,
        clusters: CLUSTERS,
        concurrency: CONCURRENCY,
        converged: run.converged,
        realSeconds: round(run.realSeconds, 1),
        oursRequests: requestBreakdown(run.armRequests),
        baselineRequests: requestBreakdown(baseline.armRequests),
        ...(baseline.error !== undefined && { baselineError: baseline.error }),
      },
      ...extra,
    });
    const speedupSpread = baseline.seconds / spread.seconds;
    const lag = (spread.seconds - concurrencyBound) / waves;
    const results: ScenarioResult[] = [
      row(
        `many-pools`,
        oneSubscription,
        paced,
        `the bound of AKS's agent-pool PUT limit for one subscription (20 PUTs, then 1 a minute; core paces to it by default), which is above ${waves} waves × the slowest operation (${concurrencyBound} s)`,
        putBound,
        {
          targets: [
            {
              field: 'speedupVsBaseline',
              op: '>=',
              value: 0.8 * CONCURRENCY,
              whyMissed: `one subscription: AKS accepts 20 agent-pool PUTs, then 1 a minute, so 40 pools cannot finish before ${putBound} s however many run at once; core paces its PUTs to that limit (no 429s) and the sequential loop is never faster than one pool a minute either. See many-pools/8-subscriptions for the concurrency alone`,
            },
          ],
        },
      ),
      row(
        `many-pools/8-subscriptions`,
        spread,
        factor,
        `${waves} waves × the slowest operation (5 pools per subscription stay within the PUT burst)`,
        concurrencyBound,
        {
          targets: [
            {
              field: 'speedupVsBaseline',
              op: '>=',
              value: 0.8 * CONCURRENCY,
              whyMissed: `speedup ${speedupSpread.toFixed(2)} of ${CONCURRENCY}: each of the ${waves} waves ends ${lag.toFixed(1)} s after the server finished (the next 2 s poll), and a slot is refilled only then`,
            },
          ],
        },
      ),
    ];
    const panel = (title: string, run: ConvergenceRun, ideal: number): ConvergencePanel => ({
      title,
      pools,
      idealInSeconds: ideal,
      series: [
        { label: 'aks-scaler', doneAtInSeconds: run.doneAtInSeconds },
        { label: 'sequential baseline', doneAtInSeconds: baseline.doneAtInSeconds },
      ],
    });
    return {
      results,
      panels: [
        panel(`many-pools, 1 subscription (c=${CONCURRENCY})`, oneSubscription, putBound),
        panel(`many-pools, ${CLUSTERS} subscriptions (c=${CONCURRENCY})`, spread, concurrencyBound),
      ],
    };
  },
};
