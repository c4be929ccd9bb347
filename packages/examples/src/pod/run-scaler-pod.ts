import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, type FleetReport, type NodePoolClient, reconcileFleet } from '@aks-scaler/core';
import { isScalerError } from '@aks-scaler/core/errors';
import { createScalerClient } from '../shared/client.js';
import { createPodLogger, type LineSink, type Logger } from '../shared/logger.js';
import { PUBLIC_ARM_ENDPOINT } from './defaults.js';
import { logEvent, logReport } from './event-log.js';
import { EXIT_CODES, type ExitCode, exitCodeForError, exitCodeForFleet } from './exit-codes.js';
import { type RunningHttpServer, startHttpServer } from './http-server.js';
import { checkLocation } from './location-check.js';
import { readLogLevel } from './log-level.js';
import type { PodMetrics } from './metrics.js';
import { type MetricsSink, NO_METRICS } from './metrics-sink.js';
import { loadScalerSetup, type ScalerSetup } from './setup.js';

/** Options of {@link runScalerPod}. */
export interface RunScalerPodOptions {
  /** The environment variables to read (DESIGN.md §1, §4). */
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
}

/**
 * The scaler pod's main job: validates the whole configuration (exit 2 before any ARM call when it is wrong),
 * reconciles once or every interval, logs JSON lines with a summary object per reconcile, serves read-only
 * health and metrics in loop mode, and returns the exit code (0 converged, 1 an operation failed, 2 configuration,
 * 3 authentication/authorization).
 *
 * @example
 * ```ts
 * process.exitCode = await runScalerPod({ env: process.env, stdout: process.stdout });
 * ```
 */
export async function runScalerPod(options: RunScalerPodOptions): Promise<ExitCode> {
  // The level is known before the rest is valid, so configuration problems are logged at the level asked for.
  const logger = createPodLogger({ level: readLogLevel(options.env), stdout: options.stdout });

  let setup: ScalerSetup;
  try {
    setup = await loadScalerSetup(options.env, {
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
    },
    'scaler starting',
  );

  const stopping = options.signal ?? new AbortController().signal;
  const hardStop = new AbortController();
  let hardStopTimer: NodeJS.Timeout | undefined;
  const onStop = () => {
    logger.info(
      { graceInMs: settings.shutdownTimeoutInMs },
      'stopping: no new operation starts; in-flight operations may finish within the grace period',
    );
    hardStopTimer = setTimeout(() => hardStop.abort(), settings.shutdownTimeoutInMs);
    hardStopTimer.unref();
  };
  if (stopping.aborted) onStop();
  else stopping.addEventListener('abort', onStop, { once: true });

  // prom-client is loaded only when /metrics is served.
  const podMetrics: PodMetrics | undefined = settings.http
    ? (await import('./metrics.js')).createPodMetrics()
    : undefined;
  const metrics: MetricsSink = podMetrics ?? NO_METRICS;
  // LOCATION is checked once, right after the first successful ARM read (the token is cached by then), beside the
  // reconcile: it never delays a write, and a once-mode run waits for it before exiting.
  let locationCheck: Promise<void> | undefined;
  const startLocationCheck = () => {
    locationCheck ??= checkLocation({
      setup,
      logger,
      targets: setup.targets,
      env: options.env,
      abortSignal: hardStop.signal,
      ...(options.ca !== undefined && { ca: options.ca }),
    }).catch(() => {});
  };
  let ready = false;
  let alive = true;
  const client = createScalerClient(setup, {
    env: options.env,
    ...(options.ca !== undefined && { ca: options.ca }),
    onResponse: (response) => {
      metrics.observeResponse(response);
      if (!ready && response.method.toUpperCase() === 'GET' && response.status < 300) {
        ready = true;
        logger.debug('ready: the credential and the first ARM read worked');
        startLocationCheck();
      }
    },
  });

  let server: RunningHttpServer | undefined;
  try {
    if (settings.http && podMetrics) {
      try {
        server = await startHttpServer({
          port: settings.http.port,
          host: settings.http.host,
          registry: podMetrics.registry,
          health: { isAlive: () => alive, isReady: () => ready },
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
    const deps = { setup, client, logger, metrics, abortSignal: hardStop.signal, drainSignal: stopping };
    const runOnce = async (): Promise<ExitCode> => {
      try {
        const fleet = await reconcileAll(deps);
        await locationCheck;
        return exitCodeForFleet(fleet, { ignoreAborted: stopping.aborted });
      } catch (error) {
        const code = isScalerError(error) ? error.code : 'UNEXPECTED';
        metrics.observeError(code);
        if (stopping.aborted && code === 'ABORTED') {
          logger.warn(
            { err: error },
            'stopped before in-flight operations finished; the next run waits for them',
          );
          return EXIT_CODES.ok;
        }
        logger.error({ err: error }, 'reconcile failed');
        return exitCodeForError(error);
      }
    };
    if (settings.mode === 'once') return await runOnce();
    while (!stopping.aborted) {
      await runOnce();
      if (stopping.aborted) break;
      await sleep(settings.intervalInMs, undefined, { signal: stopping }).catch(() => {});
    }
    return EXIT_CODES.ok;
  } finally {
    alive = false;
    if (hardStopTimer) clearTimeout(hardStopTimer);
    stopping.removeEventListener('abort', onStop);
    await server?.close();
    logger.info('scaler stopped');
  }
}

interface ReconcileDeps {
  setup: ScalerSetup;
  client: NodePoolClient;
  logger: Logger;
  metrics: MetricsSink;
  abortSignal: AbortSignal;
  drainSignal: AbortSignal;
}

/** One reconcile of every target under one shared limiter, logged (events, one summary per cluster) and measured. */
async function reconcileAll(deps: ReconcileDeps): Promise<FleetReport> {
  const { setup, logger, metrics } = deps;
  const fleet = await reconcileFleet({
    client: deps.client,
    targets: setup.targets.map((target) => ({
      cluster: target.cluster,
      policy: target.policy,
      ...(target.autoscalerPools !== undefined && { autoscalerPools: target.autoscalerPools }),
    })),
    concurrency: setup.concurrency,
    dryRun: setup.settings.dryRun,
    operationTimeoutInMs: setup.settings.operationTimeoutInMs,
    pollIntervalInMs: setup.settings.pollIntervalInMs,
    abortSignal: deps.abortSignal,
    drainSignal: deps.drainSignal,
    onEvent: (event) => {
      metrics.observeEvent(event);
      logEvent(logger, event);
    },
  });
  for (const entry of fleet.clusters) {
    const clusterName = entry.cluster.clusterName;
    if (entry.report) {
      const durationInMs = entry.report.finishedAt.getTime() - entry.report.startedAt.getTime();
      metrics.observeReport(clusterName, entry.report, durationInMs);
      logReport(logger, clusterName, entry.report, durationInMs);
    } else if (entry.error) {
      metrics.observeError(entry.error.code);
      logger.error(
        { event: 'finished', cluster: clusterName, ok: false, error: entry.error },
        'reconcile failed',
      );
    }
  }
  return fleet;
}
