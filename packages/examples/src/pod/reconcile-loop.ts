import { type Clock, type FleetReport, type NodePoolClient, reconcileFleet, redact } from '@aks-scaler/core';
import { isScalerError } from '@aks-scaler/core/errors';
import { type ClusterDiscovery, createClusterDiscovery, type SelectorFailure } from './cluster-discovery.js';
import type { ConfigReloader } from './config-reloader.js';
import type { EventHub } from './event-hub.js';
import { EXIT_CODES, type ExitCode, exitCodeForError, exitCodeForFleet } from './exit-codes.js';
import { fleetTargets, refuseImpossiblePlan } from './fleet-targets.js';
import type { LoopWait } from './loop-wait.js';
import { overrideEventOf } from './override-events.js';
import type { ScalerSetup } from './setup.js';
import type { Shutdown } from './shutdown.js';

/** What the reconciles need. */
export interface ReconcileLoopOptions {
  /** The validated setup (its settings). */
  setup: ScalerSetup;
  /** The running config (clusters, policies, concurrency) and, in loop mode, the check that reloads it. */
  reloader: ConfigReloader;
  /** Loop mode's wait between reconciles, which SIGHUP cuts short. */
  loopWait: LoopWait;
  /** The node-pool client. */
  client: NodePoolClient;
  /** Resolves the config's selectors before each reconcile. @default one over `client` */
  discovery?: ClusterDiscovery | undefined;
  /** Where everything that happens goes. */
  hub: EventHub;
  /** The stop signals. */
  shutdown: Shutdown;
  /** Times the loop. */
  clock: Clock;
  /** Awaited after each reconcile before the exit code is final (the location check). */
  settled?: () => Promise<void>;
}

/**
 * Reconciles once (`once` mode: returns the run's exit code; the config is not watched) or every
 * `SCALER_INTERVAL` until the stop request (`loop` mode: returns 0). In loop mode the config file is checked
 * between reconciles, never during one: at every tick, and at once on SIGHUP, when a new config applied is
 * reconciled right away (otherwise the wait goes on until the tick). Everything that happens is emitted to the
 * hub; nothing here logs or measures itself.
 */
export async function runReconciles(options: ReconcileLoopOptions): Promise<ExitCode> {
  const { settings } = options.setup;
  const { clock, reloader, loopWait } = options;
  // One discovery for the life of the loop: discovered clusters keep their policies from one reconcile to the next.
  const discovery =
    options.discovery ??
    createClusterDiscovery({
      client: options.client,
      emit: (e) => options.hub.emit(e),
      clock,
    });
  if (settings.mode === 'once') return reconcileOnce(options, discovery);
  while (!options.shutdown.draining.aborted) {
    await reconcileOnce(options, discovery);
    const tickAt = clock.now() + settings.intervalInMs;
    for (;;) {
      const end = await loopWait.wait(Math.max(0, tickAt - clock.now()));
      if (end === 'stop') return EXIT_CODES.ok;
      const applied = await reloader.check({ reason: end, abortSignal: options.shutdown.hardStop });
      if (end === 'tick' || applied) break;
    }
  }
  return EXIT_CODES.ok;
}

async function reconcileOnce(options: ReconcileLoopOptions, discovery: ClusterDiscovery): Promise<ExitCode> {
  const { hub, shutdown } = options;
  try {
    const { fleet, failures } = await reconcileAll(options, discovery);
    await options.settled?.();
    return exitCodeForFleet(fleet, {
      ignoreAborted: shutdown.draining.aborted,
      errors: failures.map((failure) => failure.error),
    });
  } catch (error) {
    const code = isScalerError(error) ? error.code : 'UNEXPECTED';
    const stopping = shutdown.draining.aborted;
    const message = redact(error instanceof Error ? error.message : String(error));
    hub.emit({ kind: 'reconcile-failed', error: { code, message }, cause: error, stopping });
    return stopping && code === 'ABORTED' ? EXIT_CODES.ok : exitCodeForError(error);
  }
}

/**
 * One reconcile of every target under one shared limiter, the clusters the selectors discover now included; its
 * events and reports go to the hub. Each cluster's plan (its pools as read, its policy evaluated once) is announced
 * as `pools-read` and checked before anything is written: a decision for a pool the cluster lacks (with
 * `unknownPools: 'error'`) or one that stops a System pool stops the whole run with a `ConfigError`, for a
 * discovered cluster as for one listed by name.
 */
async function reconcileAll(
  options: ReconcileLoopOptions,
  discovery: ClusterDiscovery,
): Promise<{ fleet: FleetReport; failures: SelectorFailure[] }> {
  const { setup, hub, clock } = options;
  const running = options.reloader.current();
  // Listed now, with the config running now: a reloaded config's selectors apply from this reconcile on.
  const discovered = await discovery.resolve({
    selectors: running.selectors,
    listed: running.targets,
    abortSignal: options.shutdown.hardStop,
  });
  const fleet = await reconcileFleet({
    client: options.client,
    targets: fleetTargets([...running.targets, ...discovered.targets]),
    onPlan: (planned) => {
      hub.emit({ kind: 'pools-read', at: planned.at, cluster: planned.cluster, pools: planned.pools });
      refuseImpossiblePlan(planned);
    },
    concurrency: running.concurrency,
    dryRun: setup.settings.dryRun,
    operationTimeoutInMs: setup.settings.operationTimeoutInMs,
    pollIntervalInMs: setup.settings.pollIntervalInMs,
    // In loop mode policies know the tick: a schedule's leadTime auto starts one interval earlier.
    ...(setup.settings.mode === 'loop' && { evaluationIntervalInMs: setup.settings.intervalInMs }),
    // Policies are evaluated (schedules, override expiry), and reports stamped, by the pod's clock (the status
    // ConfigMap's times come from it); the waits of operations run on their own.
    now: () => new Date(options.clock.now()),
    abortSignal: options.shutdown.hardStop,
    drainSignal: options.shutdown.draining,
    onEvent: (event) => {
      hub.emit({ kind: 'scaler', event });
      const override = overrideEventOf(event);
      if (override) hub.emit(override);
    },
  });
  for (const entry of fleet.clusters) {
    if (entry.error && entry.stage === 'read') {
      hub.emit({
        kind: 'pools-unreadable',
        at: new Date(clock.now()),
        cluster: entry.cluster,
        error: entry.error,
      });
    }
    if (entry.report) {
      const durationInMs = entry.report.finishedAt.getTime() - entry.report.startedAt.getTime();
      hub.emit({ kind: 'cluster-reconciled', cluster: entry.cluster, report: entry.report, durationInMs });
    } else if (entry.error) {
      hub.emit({ kind: 'cluster-failed', cluster: entry.cluster, error: entry.error });
    }
  }
  hub.emit({ kind: 'fleet-reconciled', fleet });
  return { fleet, failures: discovered.failures };
}
