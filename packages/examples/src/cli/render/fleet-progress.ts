import type { ClusterRef, ReconcilePlan, ScalerEvent } from '@aks-scaler/core';
import { clusterKey } from '@aks-scaler/core/common';
import { progressEventOf } from './pool-progress.js';
import { createProgressDisplay, type DisplayStream, type ProgressDisplay } from './progress-display.js';

/** Options of {@link createFleetProgress}. */
export interface FleetProgressOptions {
  /** Where to draw. */
  out: DisplayStream;
  /** Whether the run has several clusters: pools are then shown as `<cluster>/<pool>`. */
  severalClusters: boolean;
  /** Live display on a terminal; plain lines otherwise. @default out.isTTY */
  live?: boolean;
  /** Milliseconds clock. @default performance.now */
  now?: () => number;
}

/** The progress display of a fleet reconcile, fed by its `onPlan` and `onEvent`. */
export interface FleetProgress {
  /** `onPlan`: remembers the cluster's pools (the display starts once every cluster is planned). */
  plan(planned: ReconcilePlan): void;
  /** `onEvent`: one reconcile event. */
  event(event: ScalerEvent): void;
  /** Ends the display. */
  close(): Promise<void>;
}

/**
 * One progress display for every cluster of a fleet reconcile, built from the plans `onPlan` hands over (the one
 * evaluation of each policy) rather than from a policy evaluated again. A fleet plans every cluster before it
 * writes anything, and announces each cluster's plan (its `planned` and `skipped` events, then `onPlan`) before
 * the next: so the display starts, with every planned pool, at the first event of a cluster already planned (or
 * at the end of a run that writes nothing), and the announcements before it are kept and replayed.
 */
export function createFleetProgress(options: FleetProgressOptions): FleetProgress {
  const label = (cluster: ClusterRef, pool: string) =>
    options.severalClusters ? `${cluster.clusterName}/${pool}` : pool;
  const key = clusterKey;
  const pools: string[] = [];
  const planned = new Set<string>();
  const early: ScalerEvent[] = [];
  let display: ProgressDisplay | undefined;
  const feed = (event: ScalerEvent) => {
    const progress = progressEventOf(event);
    if (!progress || !('cluster' in event)) return;
    display?.update({ ...progress, pool: label(event.cluster, progress.pool) });
  };
  const start = (): ProgressDisplay => {
    display = createProgressDisplay({
      pools,
      out: options.out,
      ...(options.live !== undefined && { live: options.live }),
      ...(options.now !== undefined && { now: options.now }),
    });
    for (const event of early.splice(0)) feed(event);
    return display;
  };
  return {
    plan(plan) {
      planned.add(key(plan.cluster));
      pools.push(...plan.plan.steps.map((step) => label(plan.cluster, step.pool)));
    },
    event(event) {
      if (!display && !planned.has(key(event.cluster))) {
        early.push(event);
        return;
      }
      if (!display) start();
      feed(event);
    },
    async close() {
      await (display ?? start()).close();
    },
  };
}
