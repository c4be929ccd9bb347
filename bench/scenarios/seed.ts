import { DEMO_CLUSTER } from '@aks-scaler/testkit';
import { requestBreakdown, runBaseline, runOurs, targetsFor } from '../lib/convergence.js';
import { round } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';

/**
 * The seed's two pools 1 -> 5 with a fixed server-side operation duration: a scaler that has run before (its
 * durations restored, as a pod restores them from its state) and one on its first run, against the sequential
 * baseline.
 */
export const seedScenario: Scenario = {
  name: 'seed',
  async run(mode, log) {
    const quick = mode === 'quick';
    const setup = {
      clusters: [DEMO_CLUSTER],
      targets: targetsFor([DEMO_CLUSTER], { myManagedCluster: { manualpool2: 5, manualpool3: 5 } }),
      // quick: 5 real seconds per operation; full: 60 emulator seconds on a clock compressed 20 times.
      timeScaleFactor: quick ? 1 : 20,
      operationDurationInMs: quick ? 5_000 : 60_000,
    };
    const first = await runOurs(setup);
    log(`seed: first run ${first.seconds.toFixed(2)} s (${first.converged}/2 converged)`);
    // The same scale-up by a scaler that has seen it once (what the first run learned, restored).
    const ours = await runOurs(setup, { ...(first.durations && { durations: first.durations }) });
    log(`seed: learned ${ours.seconds.toFixed(2)} s (${ours.converged}/2 converged)`);
    const baseline = await runBaseline(setup);
    log(`seed: baseline ${baseline.seconds.toFixed(2)} s`);
    const ideal = Math.max(...ours.operationDurationsInMs) / 1000;
    const ratioTarget = quick ? 1.05 : 1.02;
    const clock = quick
      ? 'Real clock: 5 s server-side operations (the quick run keeps real seconds)'
      : `60 s server-side operations on an emulator clock compressed 20× (client waits compressed alike; ${ours.realSeconds.toFixed(1)} s real)`;
    const polls = (run: typeof ours) => round(requestBreakdown(run.armRequests).poll / 2, 2);
    const late = (run: typeof ours) => `${(run.seconds - ideal).toFixed(2)} s after the operations ended`;
    const row = (name: string, run: typeof ours, note: string, whyMissed: string) => ({
      name,
      unit: 's',
      ours: round(run.seconds),
      baseline: round(baseline.seconds),
      ideal: round(ideal),
      targets: [
        { field: 'ratioToIdeal', op: '<=' as const, value: ratioTarget, whyMissed },
        {
          field: 'speedupVsBaseline',
          op: '>=' as const,
          value: 1.9,
          whyMissed: 'both pools start together; the rest is the list request and poll alignment',
        },
      ],
      note: `${clock}. Ideal = the slowest operation's server-side duration. ${note} ${polls(run)} polls per operation; done ${late(run)}.`,
      details: {
        timeScale: setup.timeScaleFactor,
        converged: run.converged,
        pools: 2,
        pollsPerOperation: polls(run),
        oursRequests: requestBreakdown(run.armRequests),
        baselineRequests: requestBreakdown(baseline.armRequests),
        oursDoneAtInSeconds: run.doneAtInSeconds.map((s) => round(s)),
        baselineDoneAtInSeconds: baseline.doneAtInSeconds.map((s) => round(s)),
        ...(baseline.error !== undefined && { baselineError: baseline.error }),
      },
    });
    return {
      results: [
        row(
          'seed',
          ours,
          'Ours = a scaler that has run this scale-up before: the durations its first run learned are restored (as the pod keeps them in its state), so it polls sparse early and densely near the expected end (1% of it apart, at least 200 ms).',
          `${late(ours)}: the last poll before the end is up to 1% of the expected duration (at least 200 ms) early, plus the list request, the PUT and the SDK's final GET`,
        ),
        row(
          'seed/first-run',
          first,
          'Ours = the first run of a scaler that has learned nothing: AKS sends no Retry-After, so it polls every 2 s (the interval grows only for operations longer than 50 s).',
          `${late(first)}: with nothing learned an operation is polled every 2 s, so its end is seen up to 2 s late; the next run polls by what this one learned (see seed)`,
        ),
      ],
      panels: [
        {
          title: `seed (2 pools, ${ideal.toFixed(0)} s ops)`,
          pools: 2,
          idealInSeconds: ideal,
          series: [
            { label: 'aks-scaler (learned)', doneAtInSeconds: ours.doneAtInSeconds },
            { label: 'aks-scaler (first run)', doneAtInSeconds: first.doneAtInSeconds },
            { label: 'sequential baseline', doneAtInSeconds: baseline.doneAtInSeconds },
          ],
        },
      ],
    };
  },
};
