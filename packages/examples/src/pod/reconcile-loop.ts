import { type Clock, type FleetReport, type NodePoolClient, reconcileFleet, redact } from '@aks-scaler/core';
import { isScalerError } from '@aks-scaler/core/errors';
import { type ClusterDiscovery, createClusterDiscovery, type SelectorFailure } from './cluster-discovery.js';
import type { ConfigReloader } from './config-reloader.js';
import type { EventHub } from './event-hub.js';
import { EXIT_CODES, type ExitCode, exitCodeForError, exitCodeForFleet } from './exit-codes.js';
import { fleetTargets, refuseImpossiblePlan } from './fleet-targets.js';
import type { Leadership, LeaderTerm } from './leadership.js';
import type { LoopWait } from './loop-wait.js';
import { overrideEventOf } from './override-events.js';
import type { ScalerSetup } from './setup.js';
import type { Shutdown } from './shutdown.js';
import { type TermSignals, termSignals } from './term-signals.js';

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
  /** Loop mode's leader election: only the leader reconciles. None: this process reconciles alone. */
  leadership?: Leadership | undefined;
}

/**
 * Reconciles once (`once` mode: returns the run's exit code; the config is not watched) or every
 * `SCALER_INTERVAL` until the stop request (`loop` mode: returns 0). In loop mode the config file is checked
 * between reconciles, never during one: at every tick, and at once on SIGHUP, when a new config applied is
 * reconciled right away (otherwise the wait goes on until the tick). Everything that happens is emitted to the
 * hub; nothing here logs or measures itself.
 *
 * With a leader election, a follower only campaigns. Once it leads, it checks the config (it never watched it),
 * lets the state its predecessor saved be read back, and reconciles at once, then every interval while the term
 * lasts. When the term ends, nothing new starts; what runs may finish within `SCALER_SHUTDOWN_TIMEOUT`, as on
 * SIGTERM; then the replica campaigns again.
 */
export async function runReconciles(options: ReconcileLoopOptions): Promise<ExitCode> {
  const { settings } = options.setup;
  const { leadership, shutdown } = options;
  // One discovery for the life of the process: discovered clusters keep their policies from one reconcile (and
  // one term) to the next.
  const discovery =
    options.discovery ??
    createClusterDiscovery({
      client: options.client,
      emit: (e) => options.hub.emit(e),
      clock: options.clock,
    });
  if (settings.mode === 'once') return reconcileOnce(options, discovery, ownSignals(shutdown));
  if (!leadership) {
    await lead(options, discovery, undefined);
    return EXIT_CODES.ok;
  }
  while (!shutdown.draining.aborted) {
    const term = await leadership.campaign({ abortSignal: shutdown.draining });
    if (!term) break;
    await options.reloader.check({ reason: 'tick', abortSignal: shutdown.hardStop });
    leadership.termStarting();
    await lead(options, discovery, term);
  }
  return EXIT_CODES.ok;
}

/** Reconciles every interval while `term` lasts (for ever without one), until the stop request. */
async function lead(
  options: ReconcileLoopOptions,
  discovery: ClusterDiscovery,
  term: LeaderTerm | undefined,
): Promise<void> {
  const { clock, reloader, loopWait, shutdown } = options;
  const signals = term
    ? termSignals({ term, shutdown, clock, graceInMs: options.setup.settings.shutdownTimeoutInMs })
    : ownSignals(shutdown);
  try {
    while (!signals.drain.aborted) {
      await reconcileOnce(options, discovery, signals);
      const tickAt = clock.now() + options.setup.settings.intervalInMs;
      for (;;) {
        const end = await loopWait.wait(Math.max(0, tickAt - clock.now()), term?.lost);
        if (end === 'stop' || end === 'interrupted') return;
        const applied = await reloader.check({ reason: end, abortSignal: shutdown.hardStop });
        if (end === 'tick' || applied) break;
      }
    }
  } finally {
    signals.dispose();
  }
}

/** The signals of a reconcile without leader election: the pod's own. */
function ownSignals(shutdown: Shutdown): TermSignals {
  return { drain: shutdown.draining, abort: shutdown.hardStop, dispose: () => {} };
}

async function reconcileOnce(
  options: ReconcileLoopOptions,
  discovery: ClusterDiscovery,
  signals: TermSignals,
): Promise<ExitCode> {
  const { hub } = options;
  try {
    const { fleet, failures } = await reconcileAll(options, discovery, signals);
    await options.settled?.();
    return exitCodeForFleet(fleet, {
      ignoreAborted: signals.drain.aborted,
      errors: failures.map((failure) => failure.error),
    });
  } catch (error) {
    const code = isScalerError(error) ? error.code : 'UNEXPECTED';
    const stopping = signals.drain.aborted;
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
  signals: TermSignals,
): Promise<{ fleet: FleetReport; failures: SelectorFailure[] }> {
  const { setup, hub, clock } = options;
  const running = options.reloader.current();
  // Listed now, with the config running now: a reloaded config's selectors apply from this reconcile on.
  const discovered = await discovery.resolve({
    selectors: running.selectors,
    listed: running.targets,
    abortSignal: signals.abort,
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
    abortSignal: signals.abort,
    drainSignal: signals.drain,
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
