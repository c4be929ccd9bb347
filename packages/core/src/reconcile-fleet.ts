import type { PlanOptions } from './plan.js';
import { type ExecutionOptions, reconcileCluster, resolveExecution } from './reconcile.js';
import { toSafeError } from './redact.js';
import type { FleetClusterReport, FleetReport } from './report.js';
import type { ClusterRef, Policy } from './types.js';

/** One cluster of a fleet, with its policy and its own plan options. */
export interface FleetTarget extends PlanOptions {
  /** The managed cluster. */
  cluster: ClusterRef;
  /** Decides the cluster's desired counts. */
  policy: Policy;
}

/** Options of {@link reconcileFleet}: those of `reconcile` with many targets instead of one cluster. */
export interface ReconcileFleetOptions extends ExecutionOptions {
  /** The clusters, each with its policy and plan options. */
  targets: readonly FleetTarget[];
}

/**
 * Reconciles many clusters at once under one shared limiter: at most `concurrency` operations in flight across
 * the whole fleet, one per pool. A cluster that cannot be read (or whose policy fails) is reported with its error
 * and does not stop the others.
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
  const settings = resolveExecution(options);
  const startedAt = new Date(settings.clock.now());
  const clusters = await Promise.all(
    options.targets.map(async (target): Promise<FleetClusterReport> => {
      try {
        const report = await reconcileCluster({ ...options, ...target }, settings);
        return { cluster: target.cluster, report };
      } catch (error) {
        const safe = toSafeError(error);
        return { cluster: target.cluster, error: { code: safe.code, message: safe.message } };
      }
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
