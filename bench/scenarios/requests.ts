import { requestBreakdown, runBaseline, runOurs, targetsFor } from '../lib/convergence.js';
import { benchClusters } from '../lib/fixture.js';
import { round } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';

const POLL_RETRY_AFTER_IN_SECONDS = 1;

/** ARM requests per scaled pool, from the emulator's request log, against the minimum the protocol needs. */
export const requestsScenario: Scenario = {
  name: 'requests',
  async run(mode, log) {
    const poolsPerCluster = mode === 'quick' ? 4 : 8;
    const OPERATION_IN_MS = mode === 'quick' ? 2_000 : 3_000;
    const clusters = benchClusters(1, poolsPerCluster, 1);
    const counts = {
      [clusters[0]!.name]: Object.fromEntries(
        clusters[0]!.pools.filter((p) => p.mode === 'User').map((p) => [p.name, 2]),
      ),
    };
    // Real clock: core-lro reads Retry-After in whole seconds, which a compressed clock cannot express.
    const setup = {
      clusters,
      targets: targetsFor(clusters, counts),
      timeScaleFactor: 1,
      operationDurationInMs: OPERATION_IN_MS,
      pollRetryAfterInSeconds: POLL_RETRY_AFTER_IN_SECONDS,
    };
    const pools = setup.targets.length;
    const ours = await runOurs(setup);
    const baseline = await runBaseline(setup);
    const mine = requestBreakdown(ours.armRequests);
    const theirs = requestBreakdown(baseline.armRequests);
    log(`requests: ours ${mine.total} requests, baseline ${theirs.total} for ${pools} pools`);
    const askedPolls = Math.ceil(OPERATION_IN_MS / 1000 / POLL_RETRY_AFTER_IN_SECONDS);
    const minimum = 2 + askedPolls;
    const perPool = (n: number) => round(n / pools, 2);
    const extraPolls = perPool(mine.poll) - askedPolls;
    return {
      results: [
        {
          name: 'requests',
          unit: 'requests/pool',
          ours: perPool(mine.total),
          baseline: perPool(theirs.total),
          ideal: minimum,
          targets: [
            {
              field: 'aboveMinimumPerPool',
              op: '<=',
              value: 0.15,
              whyMissed: `${perPool(mine.list + mine.get)} reads and ${perPool(mine.poll)} polls per pool`,
            },
          ],
          note: `${pools} pools of one cluster 1 → 2, ${OPERATION_IN_MS / 1000} s operations, AKS answering polls with Retry-After: ${POLL_RETRY_AFTER_IN_SECONDS} (real clock). Minimum = 1 read + 1 PUT + the ${askedPolls} polls a client polling as Retry-After asks from the PUT on would send. Ours per pool: ${perPool(mine.list + mine.get)} reads (one list for the cluster, the SDK's final GET), ${perPool(mine.put)} PUT, ${perPool(mine.poll)} poll(s) per operation (${extraPolls >= 0 ? `${extraPolls.toFixed(2)} more` : `${(-extraPolls).toFixed(2)} fewer`} than asked): the PUT's answer carries no Retry-After, so the first poll waits as the schedule says (2 s while nothing is learned, never right after the PUT), and later polls wait as each poll's Retry-After asks.`,
          details: {
            pools,
            operationSeconds: OPERATION_IN_MS / 1000,
            pollRetryAfterInSeconds: POLL_RETRY_AFTER_IN_SECONDS,
            oursRequests: mine,
            baselineRequests: theirs,
            aboveMinimumPerPool: round(perPool(mine.total) - minimum, 2),
            pollsPerOperation: perPool(mine.poll),
            oursPerPool: {
              reads: perPool(mine.list + mine.get),
              puts: perPool(mine.put),
              polls: perPool(mine.poll),
            },
            baselinePerPool: {
              reads: perPool(theirs.list + theirs.get),
              puts: perPool(theirs.put),
              polls: perPool(theirs.poll),
            },
          },
        },
      ],
      panels: [],
    };
  },
};
