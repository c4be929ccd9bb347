import { type Clock, ConfigError, createOperationDurations, realClock } from '@aks-scaler/core';
import { createScalerClient } from '../shared/client.js';
import { createPodLogger, type LineSink, type Logger } from '../shared/logger.js';
import { createClusterDiscovery } from './cluster-discovery.js';
import { clusterDurations } from './cluster-durations.js';
import { describeSelector } from './config-entries.js';
import { createConfigReloader } from './config-reloader.js';
import { PUBLIC_ARM_ENDPOINT } from './defaults.js';
import { createEventHub } from './event-hub.js';
import { EXIT_CODES, type ExitCode, exitCodeForError } from './exit-codes.js';
import { type RunningHttpServer, startHttpServer } from './http-server.js';
import { watchLocations } from './location-watch.js';
import { readLogLevel } from './log-level.js';
import { createLoopWait } from './loop-wait.js';
import type { Event } from './pod-events.js';
import { createPodSinks, type LateRestore, POD_SINKS, type SinkDefinition } from './pod-sinks.js';
import { createReadiness } from './readiness.js';
import { runReconciles } from './reconcile-loop.js';
import { loadScalerSetup, type ScalerSetup, type ScalerTarget } from './setup.js';
import { createShutdown } from './shutdown.js';

/** Options of {@link runScalerPod}. */
export interface RunScalerPodOptions {
  /** The environment variables to read (docs/configuration.md lists them). */
  env: NodeJS.ProcessEnv;
  /** Where the JSON log lines go. */
  stdout: LineSink;
  /**
   * The stop request (SIGTERM/SIGINT). When it aborts, nothing new starts; in-flight operations get
   * `SCALER_SHUTDOWN_TIMEOUT` to finish, then the run returns.
   */
  signal?: AbortSignal;
  /** Reads `SCALER_CONFIG`. @default fs.readFile as UTF-8 */
  readTextFile?: (path: string) => Promise<string>;
  /** Extra CA certificates (PEM) to trust for Entra and ARM, besides Node's bundle and `NODE_EXTRA_CA_CERTS`. */
  ca?: string;
  /** Called with the HTTP server's port once it listens (loop mode). */
  onListening?: (port: number) => void;
  /** Times the loop interval and the shutdown grace period. @default realClock */
  clock?: Clock;
  /**
   * The sinks the pod may have; each is on when the settings turn it on.
   * @default POD_SINKS (log, metrics, kubernetes)
   */
  sinks?: readonly SinkDefinition[];
  /**
   * Reload requests (SIGHUP): in loop mode each one checks `SCALER_CONFIG` at once, or right after the running
   * reconcile. The entrypoint subscribes SIGHUP; none means only the ticks check the file.
   */
  reloadRequests?: Event<void>;
}

/**
 * The scaler pod's main job: validates the whole configuration (exit 2 before any ARM call when it is wrong),
 * reconciles once or every interval, sends what happens to its sinks (JSON log lines with a summary object per
 * reconcile; metrics when the HTTP server runs), serves read-only health and metrics in loop mode, and returns the
 * exit code (0 converged, 1 an operation failed, 2 configuration, 3 authentication/authorization).
 *
 * @example
 * ```ts
 * process.exitCode = await runScalerPod({ env: process.env, stdout: process.stdout });
 * ```
 */
export async function runScalerPod(options: RunScalerPodOptions): Promise<ExitCode> {
  // The level is known before the rest is valid, so configuration problems are logged at the level asked for.
  const logger = createPodLogger({ level: readLogLevel(options.env), stdout: options.stdout });
  const clock = options.clock ?? realClock;
  let setup: ScalerSetup;
  try {
    setup = await loadScalerSetup(options.env, {
      kubernetes: true,
      now: () => new Date(clock.now()),
      ...(options.readTextFile !== undefined && { readTextFile: options.readTextFile }),
      ...(options.ca !== undefined && { ca: options.ca }),
    });
  } catch (error) {
    const issues = error instanceof ConfigError ? error.issues : undefined;
    logger.fatal(
      { err: error, ...(issues && { issues }) },
      'configuration is invalid; nothing was sent to Azure',
    );
    return exitCodeForError(error);
  }
  for (const warning of setup.warnings) logger.warn(warning);
  logStart(logger, setup);
  const { settings } = setup;
  if (isEmptyShard(setup)) {
    logger.info(
      { shard: setup.shard },
      `shard ${setup.shard!.index}/${setup.shard!.count} has no clusters: none of the ${setup.shard!.total} configured entries has a subscription that hashes to it${settings.mode === 'once' ? '; nothing to do' : '; it reconciles nothing until the configuration gives it some'}`,
    );
    if (settings.mode === 'once') return EXIT_CODES.ok;
  }

  const shutdown = createShutdown({
    ...(options.signal !== undefined && { signal: options.signal }),
    graceInMs: settings.shutdownTimeoutInMs,
    clock,
    onStopRequested: () =>
      logger.info(
        { graceInMs: settings.shutdownTimeoutInMs },
        'stopping: no new operation starts; in-flight operations may finish within the grace period',
      ),
  });
  const hub = createEventHub({ logger });
  // Learned operation durations, kept for the life of the process: the client learns each write's duration, and
  // reconciles, poll schedules and the metrics read them.
  const durations = createOperationDurations();
  // Each cluster's learned durations are saved in state.json beside its policy's state, and restored with it.
  const withDurations = (target: ScalerTarget): ScalerTarget => {
    target.operationDurations ??= clusterDurations(durations, target.cluster);
    return target;
  };
  for (const target of setup.targets) withDurations(target);
  const client = createScalerClient(setup, {
    env: options.env,
    durations,
    ...(options.ca !== undefined && { ca: options.ca }),
    onResponse: (response) => hub.emit({ kind: 'arm-response', response }),
  });
  // Created before the sinks: the Kubernetes sink saves the state of the policies the reconciles run with.
  const reloader = createConfigReloader({ setup, hub, clock, readTextFile: options.readTextFile });
  // The clusters selectors discover: kept from one reconcile to the next, saved and restored like the others.
  const lateRestore: LateRestore = {};
  const discovery = createClusterDiscovery({
    client,
    emit: (event) => hub.emit(event),
    clock,
    prepare: (target) => lateRestore.restore?.([withDurations(target)]),
  });
  const { registry } = await createPodSinks(
    {
      settings,
      env: options.env,
      webhooks: setup.notify,
      logger,
      abortSignal: shutdown.hardStop,
      setup,
      targets: () => [...reloader.current().targets, ...discovery.current()].map(withDurations),
      clock,
      emit: (event) => hub.emit(event),
      lateRestore,
      durations,
    },
    options.sinks ?? POD_SINKS,
    (sink) => hub.attach(sink),
  );
  const readiness = createReadiness(
    setup.targets.map((target) => target.cluster),
    setup.selectors.map((selector) => selector.entry),
  );
  hub.onEvent(readiness.observe);
  const locationCheck = watchLocations({
    hub,
    client,
    targets: () => reloader.current().targets,
    logger,
    abortSignal: shutdown.hardStop,
  });
  const loopWait = createLoopWait({ clock, draining: shutdown.draining });
  const reloadRequests = options.reloadRequests?.(() => {
    if (settings.mode === 'once')
      logger.info('SIGHUP ignored: once mode reads its configuration at start only');
    else if (setup.config === undefined) {
      logger.info('SIGHUP: nothing to reload: SCALER_CONFIG is not set (variables are read at start only)');
    } else hub.emit({ kind: 'reload-requested', at: new Date(clock.now()), deferred: loopWait.request() });
  });

  let alive = true;
  let server: RunningHttpServer | undefined;
  try {
    if (settings.http && registry) {
      try {
        server = await startHttpServer({
          port: settings.http.port,
          host: settings.http.host,
          registry,
          health: {
            isAlive: () => alive,
            isReady: () => readiness.state().ready,
            readiness: () => readiness.state().reason,
          },
        });
      } catch (error) {
        logger.fatal(
          { err: error, port: settings.http.port, host: settings.http.host },
          'cannot serve /healthz, /readyz and /metrics: choose a free SCALER_HTTP_PORT',
        );
        return EXIT_CODES.failed;
      }
      logger.info({ port: server.port, host: settings.http.host }, 'http server listening');
      options.onListening?.(server.port);
    }
    return await runReconciles({
      setup,
      reloader,
      loopWait,
      client,
      discovery,
      hub,
      shutdown,
      clock,
      settled: () => locationCheck.done(),
    });
  } finally {
    alive = false;
    reloadRequests?.dispose();
    // What the sinks still hold is delivered within the grace period (started now if no stop request did).
    shutdown.startGrace();
    await hub.flush({ abortSignal: shutdown.hardStop });
    shutdown.dispose();
    await server?.close();
    logger.info('scaler stopped');
  }
}

function logStart(logger: Logger, setup: ScalerSetup): void {
  const { settings } = setup;
  logger.info(
    {
      credential: setup.credentialDescription,
      mode: settings.mode,
      dryRun: settings.dryRun,
      concurrency: setup.concurrency,
      ...(settings.mode === 'loop' && { intervalInMs: settings.intervalInMs }),
      operationTimeoutInMs: settings.operationTimeoutInMs,
      armEndpoint: settings.armEndpoint ?? PUBLIC_ARM_ENDPOINT,
      clusters: setup.targets.map((t) => ({ ...t.cluster, policy: t.policy.name })),
      ...(setup.selectors.length > 0 && {
        selectors: setup.selectors.map((selector) => ({
          entry: selector.entry,
          subscription: selector.scope.subscriptionId,
          ...(selector.scope.resourceGroup !== undefined && { resourceGroup: selector.scope.resourceGroup }),
          tags: selector.tags,
          description: describeSelector(selector),
        })),
      }),
      ...(setup.shard !== undefined && { shard: setup.shard }),
      ...(setup.config !== undefined && { config: setup.config }),
    },
    'scaler starting',
  );
}

/** Whether `SCALER_SHARD` left this process no cluster entry at all. */
function isEmptyShard(setup: ScalerSetup): boolean {
  return setup.shard !== undefined && setup.targets.length === 0 && setup.selectors.length === 0;
}
