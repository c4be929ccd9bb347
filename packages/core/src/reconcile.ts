import pLimit, { type LimitFunction } from 'p-limit';
import { type Clock, realClock } from './clock.js';
import {
  announcePlan,
  planCluster,
  type ReconcilePlan,
  runPlan,
  type TargetOptions,
} from './cluster-plan.js';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_OPERATION_TIMEOUT_IN_MS,
  DEFAULT_POLL_INTERVAL_IN_MS,
} from './defaults.js';
import { ConfigError } from './errors.js';
import type { ScalerEvent } from './events.js';
import type { NodePoolClient } from './node-pool-client.js';
import { createOperationDurations, type OperationDurations } from './operation-durations.js';
import { PoolLocks } from './pool-locks.js';
import type { ReconcileReport } from './report.js';
import type { Sleep } from './sleep.js';
import type { ClusterRef, Policy } from './types.js';
import { unknownPoolIssues, unknownPoolsError } from './unknown-pools.js';

/** Options shared by {@link reconcile} and {@link reconcileFleet}. */
export interface ExecutionOptions {
  /** The client that reads and writes pools. */
  client: NodePoolClient;
  /**
   * Operations in flight at most (overall; there is never more than one per pool).
   * @default 4
   */
  concurrency?: number | undefined;
  /**
   * Plan and report, write nothing. Pools in a non-terminal state are planned as read, without waiting.
   * @default false
   */
  dryRun?: boolean | undefined;
  /**
   * The reconcile's clock: policies are evaluated at `clock.now()`, events and reports are stamped with it, and
   * every wait of the reconcile and each pool's operation timeout run on `clock.sleep`. Pass the same clock to
   * `createNodePoolClient` so the client's waits run on it too.
   * @default the wall clock (`Date.now()` and Node's timers)
   */
  clock?: Clock | undefined;
  /**
   * The older form of `clock.now`, as a `Date`: when given, it replaces the clock's `now` (e.g. to evaluate
   * policies at another instant while waits still run on the clock).
   * @default clock.now
   */
  now?: (() => Date) | undefined;
  /**
   * How long one pool may take in all: waiting for a busy pool, conflicts and the operation itself.
   * @default 1_800_000 (30 minutes)
   */
  operationTimeoutInMs?: number | undefined;
  /** Aborts everything: waits and operations in flight are abandoned (ARM keeps running what it accepted). */
  abortSignal?: AbortSignal | undefined;
  /**
   * Stops starting new operations: pools not started yet fail with `ABORTED`, operations in flight finish.
   * What a pod does on SIGTERM.
   */
  drainSignal?: AbortSignal | undefined;
  /** Receives every {@link ScalerEvent}, for logs, metrics and progress displays. Must not throw. */
  onEvent?: ((event: ScalerEvent) => void) | undefined;
  /**
   * Called with each cluster's plan, made from the one evaluation of its policy, before anything is written (in a
   * fleet: once every cluster is planned, in the order of the targets). Show a plan or a progress display from it
   * instead of evaluating the policy yourself; it is awaited, and a throw stops the run before any write.
   */
  onPlan?: ((plan: ReconcilePlan) => void | Promise<void>) | undefined;
  /**
   * The older form of `clock.sleep`: when given, it replaces the clock's `sleep` (the operation timeout and the
   * waits of reconcile's own pool waiter).
   * @default clock.sleep
   */
  sleep?: Sleep | undefined;
  /**
   * Interval of reconcile's own polling of a busy pool, used only when the client has no `waitForPool`.
   * @default 2000
   */
  pollIntervalInMs?: number | undefined;
  /**
   * Learned operation durations: policies read them through `ctx.expectedOperationInMs(pool, from, to)`. The
   * client's own store by default (`createNodePoolClient` learns each write's duration there); another store is
   * also fed by reconcile, which times each write on its clock. Keep one across reconciles (a loop) and restore it
   * from its `toJSON()` after a restart.
   * @default client.durations, else a store for this run only
   */
  durations?: OperationDurations | undefined;
  /**
   * How often the caller reconciles, when it runs in a loop (policies read it as `ctx.evaluationIntervalInMs`, the
   * margin of work started early). Leave it out for a single run.
   */
  evaluationIntervalInMs?: number | undefined;
}

/** Options of {@link reconcile}. */
export interface ReconcileOptions extends ExecutionOptions, TargetOptions {
  /** The managed cluster. */
  cluster: ClusterRef;
  /** Decides the desired counts. */
  policy: Policy;
}

/** The resolved execution settings shared by the clusters of one run. */
export interface ExecutionSettings {
  limit: LimitFunction;
  locks: PoolLocks;
  clock: Clock;
  operationTimeoutInMs: number;
  pollIntervalInMs: number;
  /** Where policies read expectations from. */
  durations: OperationDurations;
  /** Whether reconcile times each write into `durations` (the client does not learn there itself). */
  recordDurations: boolean;
  /** How often the caller reconciles, given to policies. */
  evaluationIntervalInMs?: number | undefined;
}

/**
 * Validates and fills in defaults; throws `ConfigError` listing every bad option, `unknownPools` values included
 * (given as `[path, value]`).
 */
export function resolveExecution(
  options: ExecutionOptions,
  unknownPools: ReadonlyArray<readonly [string, unknown]> = [],
): ExecutionSettings {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const operationTimeoutInMs = options.operationTimeoutInMs ?? DEFAULT_OPERATION_TIMEOUT_IN_MS;
  const pollIntervalInMs = options.pollIntervalInMs ?? DEFAULT_POLL_INTERVAL_IN_MS;
  const issues: Array<{ path: string; message: string }> = [];
  for (const [path, value] of unknownPools) {
    if (value !== undefined && value !== 'warn' && value !== 'error') {
      issues.push({
        path,
        message: `expected 'warn' or 'error', got ${JSON.stringify(value) ?? String(value)}`,
      });
    }
  }
  const { clock } = options;
  if (clock !== undefined && (typeof clock?.now !== 'function' || typeof clock?.sleep !== 'function')) {
    issues.push({
      path: 'clock',
      message: 'expected { now(): number; sleep(ms, abortSignal?): Promise<void> }',
    });
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    issues.push({
      path: 'concurrency',
      message: `expected an integer >= 1, got ${String(concurrency)} (${typeof concurrency})`,
    });
  }
  if (!(typeof operationTimeoutInMs === 'number' && operationTimeoutInMs > 0)) {
    issues.push({
      path: 'operationTimeoutInMs',
      message: `expected a number > 0, got ${String(operationTimeoutInMs)} (${typeof operationTimeoutInMs})`,
    });
  }
  if (!(typeof pollIntervalInMs === 'number' && pollIntervalInMs >= 0)) {
    issues.push({
      path: 'pollIntervalInMs',
      message: `expected a number >= 0, got ${String(pollIntervalInMs)} (${typeof pollIntervalInMs})`,
    });
  }
  const interval = options.evaluationIntervalInMs;
  if (
    interval !== undefined &&
    !(typeof interval === 'number' && Number.isFinite(interval) && interval >= 0)
  ) {
    issues.push({
      path: 'evaluationIntervalInMs',
      message: `expected a number >= 0, got ${String(interval)} (${typeof interval})`,
    });
  }
  if (issues.length > 0) {
    throw new ConfigError(
      `Invalid reconcile options: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      {
        issues,
      },
    );
  }
  const durations = options.durations ?? options.client?.durations ?? createOperationDurations();
  return {
    limit: pLimit(concurrency),
    locks: new PoolLocks(),
    clock: resolveClock(options),
    operationTimeoutInMs,
    pollIntervalInMs,
    durations,
    recordDurations: durations !== options.client?.durations,
    ...(interval !== undefined && { evaluationIntervalInMs: interval }),
  };
}

/** The clock of a run: `clock` (or the wall clock), with the older `now` and `sleep` options replacing its halves. */
function resolveClock(options: ExecutionOptions): Clock {
  const base = options.clock ?? realClock;
  const { now, sleep } = options;
  if (!now && !sleep) return base;
  return {
    now: now ? () => now().getTime() : () => base.now(),
    sleep: sleep ?? ((ms, abortSignal) => base.sleep(ms, abortSignal)),
  };
}

/**
 * Reconciles one cluster: reads its pools (one list request), evaluates the policy once, plans, hands the plan to
 * `onPlan`, and runs the writes concurrently (at most `concurrency` in flight, one per pool), following the write
 * rules. Pools found in a non-terminal state are waited for and planned again (from the same decisions) before
 * anything is written; pools the plan skips are never waited for.
 *
 * Throws for what stops the whole cluster (pools unreadable, the policy failing, bad options, an unknown pool with
 * `unknownPools: 'error'`, `onPlan` throwing); per-pool failures are in the report (`ok: false`).
 *
 * @example
 * ```ts
 * const { credential } = resolveCredential();
 * const client = createNodePoolClient({ credential });
 * const report = await reconcile({
 *   client,
 *   cluster: { subscriptionId, resourceGroup: 'myResourceGroup', clusterName: 'myManagedCluster' },
 *   policy: staticPolicy({ manualpool2: 5, manualpool3: 5 }),
 *   onEvent: (event) => console.log(event.type, 'pool' in event ? event.pool : ''),
 * });
 * process.exitCode = report.ok ? 0 : 1;
 * ```
 */
export async function reconcile(options: ReconcileOptions): Promise<ReconcileReport> {
  const settings = resolveExecution(options, [['unknownPools', options.unknownPools]]);
  const planned = await planCluster(options, settings);
  if (options.unknownPools === 'error' && planned.plan.ignored.length > 0) {
    throw unknownPoolsError(unknownPoolIssues(options.cluster, planned.plan.ignored));
  }
  await announcePlan(planned, options, settings, options.onPlan);
  return runPlan(planned, options, settings);
}
