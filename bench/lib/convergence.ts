import {
  type ClusterRef,
  createOperationDurations,
  type FleetTarget,
  type OperationDurationsState,
  reconcile,
  reconcileFleet,
  type ScalerEvent,
} from '@aks-scaler/core';
import { staticPolicy } from '@aks-scaler/policies';
import type {
  EmulatorClusterSpec,
  OperationDuration,
  RequestLogEntry,
  ThrottlingOptions,
} from '@aks-scaler/testkit';
import { type BaselineTarget, runSequentialBaseline } from '../baseline.js';
import { startBenchEmulator } from './fixture.js';
import { timeScale } from './time-scale.js';

/** A convergence setup: clusters, what each pool should become, and the emulator's behaviour. */
export interface ConvergenceSetup {
  clusters: EmulatorClusterSpec[];
  /** Pool targets (cluster name -> pool -> count); the subscription and resource group come from the specs. */
  targets: BaselineTarget[];
  /** Emulator milliseconds per real millisecond. */
  timeScaleFactor: number;
  operationDurationInMs: OperationDuration;
  throttling?: boolean | ThrottlingOptions;
  pollRetryAfterInSeconds?: number;
}

/** What one approach achieved on a fresh emulator. */
export interface ConvergenceRun {
  /** Emulator seconds from the first request to the last pool converged (or to giving up). */
  seconds: number;
  /** Emulator seconds at which each pool converged. */
  doneAtInSeconds: number[];
  /** Pools at their target with a terminal state at the end. */
  converged: number;
  /** ARM requests served (the credential exchange excluded). */
  armRequests: RequestLogEntry[];
  /** Server-side durations (emulator ms) of the operations the run started. */
  operationDurationsInMs: number[];
  /** Real seconds the run took. */
  realSeconds: number;
  /** Reconcile passes (ours) or 1 (baseline). */
  passes: number;
  /** Error of a baseline that stopped early. */
  error?: string;
  /** What the client learned (ours only), to restore in a later run as a restarted pod would. */
  durations?: OperationDurationsState;
}

/** Options of {@link runOurs}. */
export interface RunOursOptions {
  concurrency?: number;
  /** Passes at most (a loop-mode pod reconciles again after `intervalInMs` while pools are unconverged). @default 1 */
  maxPasses?: number;
  /** Emulator ms between passes. @default 60000 (SCALER_INTERVAL's default) */
  intervalInMs?: number;
  /** Real-time budget; no new pass starts after it. */
  realBudgetInMs?: number;
  /** Durations learned by an earlier run, restored as a pod restores them from its state. @default nothing learned */
  durations?: OperationDurationsState;
}

function clusterRefs(setup: ConvergenceSetup, subscriptionId: string): Map<string, ClusterRef> {
  return new Map(
    setup.clusters.map((spec) => [
      spec.name,
      {
        subscriptionId: spec.subscriptionId ?? subscriptionId,
        resourceGroup: spec.resourceGroup,
        clusterName: spec.name,
      },
    ]),
  );
}

/** Fills in each target's cluster reference from the specs (targets carry only the cluster name). */
export function targetsFor(clusters: EmulatorClusterSpec[], counts: Record<string, Record<string, number>>) {
  const refs = new Map(clusters.map((c) => [c.name, c]));
  return Object.entries(counts).flatMap(([clusterName, pools]) =>
    Object.entries(pools).map(([pool, count]) => ({
      cluster: { subscriptionId: '', resourceGroup: refs.get(clusterName)?.resourceGroup ?? '', clusterName },
      pool,
      count,
    })),
  );
}

function withSubscription(targets: BaselineTarget[], refs: Map<string, ClusterRef>): BaselineTarget[] {
  return targets.map((t) => ({ ...t, cluster: refs.get(t.cluster.clusterName) ?? t.cluster }));
}

/** aks-scaler (`reconcile`, or `reconcileFleet` for several clusters) with default settings on a fresh emulator. */
export async function runOurs(
  setup: ConvergenceSetup,
  options: RunOursOptions = {},
): Promise<ConvergenceRun> {
  const scale = timeScale(setup.timeScaleFactor);
  const bench = await startBenchEmulator({ ...setup, scale });
  try {
    const { emulator } = bench;
    const refs = clusterRefs(setup, emulator.subscriptionId);
    const targets = withSubscription(setup.targets, refs);
    const client = bench.createClient({
      durations: createOperationDurations({ initialState: options.durations }),
    });
    const fleet: FleetTarget[] = [...refs.values()].map((cluster) => ({
      cluster,
      policy: staticPolicy(
        Object.fromEntries(
          targets.filter((t) => t.cluster.clusterName === cluster.clusterName).map((t) => [t.pool, t.count]),
        ),
      ),
    }));
    const firstRequest = emulator.requests.length;
    const realStart = performance.now();
    const start = scale.now();
    const doneAt = new Map<string, number>();
    const onEvent = (event: ScalerEvent) => {
      if (event.type === 'succeeded') {
        doneAt.set(`${event.cluster.clusterName}/${event.pool}`, (event.at.getTime() - start) / 1000);
      }
    };
    const common = {
      client,
      now: () => new Date(scale.now()),
      sleep: scale.sleep,
      onEvent,
      ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
    };
    const maxPasses = options.maxPasses ?? 1;
    let passes = 0;
    let end = start;
    for (;;) {
      passes += 1;
      if (fleet.length === 1) {
        await reconcile({ ...common, ...fleet[0]! });
      } else {
        await reconcileFleet({ ...common, targets: fleet });
      }
      end = scale.now();
      const converged = countConverged(emulator.state, targets);
      const outOfBudget =
        options.realBudgetInMs !== undefined && performance.now() - realStart > options.realBudgetInMs;
      if (converged === targets.length || passes >= maxPasses || outOfBudget) break;
      await scale.sleep(options.intervalInMs ?? 60_000);
    }
    const converged = countConverged(emulator.state, targets);
    return {
      seconds: (end - start) / 1000,
      doneAtInSeconds: [...doneAt.values()],
      converged,
      armRequests: emulator.requests.slice(firstRequest).filter((r) => r.target === 'arm'),
      operationDurationsInMs: operationDurations(emulator.state.operations),
      realSeconds: (performance.now() - realStart) / 1000,
      passes,
      durations: client.durations.toJSON(),
    };
  } finally {
    await bench.close();
  }
}

/** The sequential baseline (`bench/baseline.ts`) on a fresh emulator, with the SDK's default polling. */
export async function runBaseline(setup: ConvergenceSetup): Promise<ConvergenceRun> {
  const scale = timeScale(setup.timeScaleFactor);
  const bench = await startBenchEmulator({ ...setup, scale });
  try {
    const { emulator } = bench;
    const targets = withSubscription(setup.targets, clusterRefs(setup, emulator.subscriptionId));
    const firstRequest = emulator.requests.length;
    const realStart = performance.now();
    const start = scale.now();
    const doneAtInSeconds: number[] = [];
    let error: string | undefined;
    try {
      await runSequentialBaseline({
        credential: bench.credential,
        endpoint: emulator.armEndpoint,
        targets,
        updateIntervalInMs: scale.toRealMs(2000),
        onPoolDone: () => doneAtInSeconds.push((scale.now() - start) / 1000),
      });
    } catch (caught) {
      error = caught instanceof Error ? `${caught.name}: ${caught.message}`.slice(0, 300) : String(caught);
    }
    const end = scale.now();
    return {
      seconds: (end - start) / 1000,
      doneAtInSeconds,
      converged: countConverged(emulator.state, targets),
      armRequests: emulator.requests.slice(firstRequest).filter((r) => r.target === 'arm'),
      operationDurationsInMs: operationDurations(emulator.state.operations),
      realSeconds: (performance.now() - realStart) / 1000,
      passes: 1,
      ...(error !== undefined && { error }),
    };
  } finally {
    await bench.close();
  }
}

function operationDurations(operations: readonly { startedAt: number; endedAt?: number }[]): number[] {
  return operations.flatMap((o) => (o.endedAt !== undefined ? [o.endedAt - o.startedAt] : []));
}

interface PoolLookup {
  getPool(
    subscriptionId: string,
    resourceGroup: string,
    cluster: string,
    pool: string,
  ): { count: number; provisioningState: string } | undefined;
}

function countConverged(state: PoolLookup, targets: readonly BaselineTarget[]): number {
  return targets.filter((t) => {
    const pool = state.getPool(
      t.cluster.subscriptionId,
      t.cluster.resourceGroup,
      t.cluster.clusterName,
      t.pool,
    );
    return pool?.count === t.count && pool.provisioningState === 'Succeeded';
  }).length;
}

/** ARM requests by kind: pool list pages, pool GETs, PUTs, operation polls, and how many were answered 429. */
export function requestBreakdown(requests: readonly RequestLogEntry[]) {
  const kinds = { list: 0, get: 0, put: 0, poll: 0, other: 0, throttled: 0 };
  for (const r of requests) {
    if (r.status === 429) kinds.throttled += 1;
    if (r.method === 'PUT') kinds.put += 1;
    else if (/\/operations\/[^/]+$/i.test(r.path)) kinds.poll += 1;
    else if (/\/agentpools$/i.test(r.path)) kinds.list += 1;
    else if (/\/agentpools\/[^/]+$/i.test(r.path)) kinds.get += 1;
    else kinds.other += 1;
  }
  return { total: requests.length, ...kinds };
}

/**
 * Operation-status polls over time, against AKS's budget for them (200 per subscription, refilled at 2 a second):
 * the mean rate over the run, the busiest 10-second window, polls per operation, and polls answered 429.
 */
export function pollRate(requests: readonly RequestLogEntry[], windowInMs = 10_000) {
  const polls = requests.filter((r) => r.method === 'GET' && /\/operations\/[^/]+$/i.test(r.path));
  const puts = requests.filter((r) => r.method === 'PUT' && r.status < 300).length;
  const times = polls.map((r) => r.at).sort((a, b) => a - b);
  const span = times.length > 1 ? ((times.at(-1) as number) - (times[0] as number)) / 1000 : 0;
  let peak = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowInMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  const round2 = (n: number) => Math.round(n * 100) / 100;
  return {
    polls: polls.length,
    pollsPerOperation: puts > 0 ? round2(polls.length / puts) : null,
    meanPollsPerSecond: span > 0 ? round2(polls.length / span) : null,
    peakPollsPerSecond: round2(peak / (windowInMs / 1000)),
    throttledPolls: polls.filter((r) => r.status === 429).length,
  };
}
