import {
  announcePlan,
  failedStage,
  planCluster,
  type ReconcilePlan,
  runPlan,
  type TargetOptions,
} from './cluster-plan.js';
import { type ExecutionOptions, resolveExecution } from './reconcile.js';
import { toSafeError } from './redact.js';
import type { FleetClusterReport, FleetReport } from './report.js';
import type { ClusterRef, Policy } from './types.js';
import { type UnknownPoolsMode, unknownPoolIssues, unknownPoolsError } from './unknown-pools.js';

/** One cluster of a fleet, with its policy and its own plan options. */
export interface FleetTarget extends TargetOptions {
  /** The managed cluster. */
  cluster: ClusterRef;
  /** Decides the cluster's desired counts. */
  policy: Policy;
}

/** Options of {@link reconcileFleet}: those of `reconcile` with many targets instead of one cluster. */
export interface ReconcileFleetOptions extends ExecutionOptions {
  /** The clusters, each with its policy and plan options. */
  targets: readonly FleetTarget[];
  /**
   * The default of each target's `unknownPools`.
   * @default 'warn'
   */
  unknownPools?: UnknownPoolsMode | undefined;
}

/**
 * Reconciles many clusters at once under one shared limiter: at most `concurrency` operations in flight across
 * the whole fleet, one per pool. Every cluster is planned first (its pools read and its policy evaluated, all
 * clusters concurrently), then `onPlan` sees each plan, then the writes run. A cluster that cannot be read (or
 * whose policy fails) is reported with its error and does not stop the others; an unknown pool in a target with
 * `unknownPools: 'error'` throws a `ConfigError` listing every such pool before any cluster is written.
 *
 * @example
 * ```ts
 * const report = await reconcileFleet({
 *   client,
 *   concurrency: 8,
 *   targets: clusters.map((cluster) => ({ cluster, policy, autoscalerPools: 'bounds' })),
 * });
 * for (const entry of report.clusters) console.log(entry.cluster.clusterName, entry.report?.ok ?? entry.error);
 * ```
 */
export async function reconcileFleet(options: ReconcileFleetOptions): Promise<FleetReport> {
  const settings = resolveExecution(options, [
    ['unknownPools', options.unknownPools],
    ...options.targets.map((t, i) => [`targets[${i}].unknownPools`, t.unknownPools] as const),
  ]);
  const startedAt = new Date(settings.clock.now());
  const runs = options.targets.map((target) => ({
    ...options,
    ...target,
    unknownPools: target.unknownPools ?? options.unknownPools,
  }));
  const planned = await Promise.all(
    runs.map(async (run): Promise<ReconcilePlan | FleetClusterReport> => {
      try {
        return await planCluster(run, settings);
      } catch (error) {
        const safe = toSafeError(error);
        const stage = failedStage(error);
        return {
          cluster: run.cluster,
          error: { code: safe.code, message: safe.message },
          ...(stage !== undefined && { stage }),
        };
      }
    }),
  );
  const issues = planned.flatMap((entry, i) =>
    isPlan(entry) && runs[i]?.unknownPools === 'error'
      ? unknownPoolIssues(entry.cluster, entry.plan.ignored)
      : [],
  );
  if (issues.length > 0) throw unknownPoolsError(issues);
  for (const [i, entry] of planned.entries()) {
    if (isPlan(entry)) await announcePlan(entry, runs[i] as (typeof runs)[number], settings, options.onPlan);
  }
  const clusters = await Promise.all(
    planned.map(async (entry, i): Promise<FleetClusterReport> => {
      if (!isPlan(entry)) return entry;
      const run = runs[i] as (typeof runs)[number];
      return { cluster: run.cluster, report: await runPlan(entry, run, settings) };
    }),
  );
  return {
    ok: clusters.every((c) => c.report?.ok === true),
    clusters,
    dryRun: options.dryRun ?? false,
    startedAt,
    finishedAt: new Date(settings.clock.now()),
  };
}

function isPlan(entry: ReconcilePlan | FleetClusterReport): entry is ReconcilePlan {
  return 'plan' in entry;
}
