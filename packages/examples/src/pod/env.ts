import type { ConfigIssue, PollPacingOptions, UnknownPoolsMode, WritePacingOptions } from '@aks-scaler/core';
import {
  DEFAULT_HTTP_HOST,
  DEFAULT_HTTP_PORT,
  DEFAULT_INTERVAL_IN_MS,
  DEFAULT_MODE,
  DEFAULT_OPERATION_TIMEOUT_IN_MS,
  DEFAULT_POLL_INTERVAL_IN_MS,
  DEFAULT_SHUTDOWN_TIMEOUT_IN_MS,
  MAX_CONCURRENCY,
  MIN_INTERVAL_IN_MS,
} from './defaults.js';
import { type ClusterSource, readClusterSource } from './env-cluster.js';
import { readShard, type ShardSettings } from './env-shard.js';
import { createValueReader, type ValueReader } from './env-values.js';
import { type SettingSources, settingNames } from './env-variables.js';
import { type LogLevel, readLogLevel } from './log-level.js';

/** How the pod runs: reconcile once and exit (Job/CronJob), or reconcile every interval (Deployment). */
export type ScalerMode = 'once' | 'loop';

/** The pod's settings, read from its environment variables (the seed variables and the `SCALER_*` ones, documented in docs/configuration.md). */
export interface PodSettings extends ClusterSource {
  /** `LOCATION`: the cluster's region, checked against the cluster (a mismatch is a warning). */
  location?: string;
  /** `SCALER_MODE`. @default 'once' */
  mode: ScalerMode;
  /** `SCALER_INTERVAL`: the loop period. @default 60_000 */
  intervalInMs: number;
  /** `SCALER_DRY_RUN`: plan and report, write nothing. @default false */
  dryRun: boolean;
  /**
   * `SCALER_CONCURRENCY`: operations in flight overall, 1 to `MAX_CONCURRENCY` (64); `undefined` when not set (the
   * config's `limits.concurrency` or `DEFAULT_CONCURRENCY` applies).
   */
  concurrency?: number;
  /** `SCALER_OPERATION_TIMEOUT`: per operation. @default DEFAULT_OPERATION_TIMEOUT_IN_MS (30 minutes) */
  operationTimeoutInMs: number;
  /**
   * `SCALER_POLL_INTERVAL`: when set, a fixed time between polls of a running operation when ARM gives no
   * Retry-After, instead of the poll schedule (which polls by the operation's learned duration).
   * @default DEFAULT_POLL_INTERVAL_IN_MS (2 seconds, where the schedule starts while nothing is learned)
   */
  pollIntervalInMs: number;
  /** Present when `SCALER_POLL_INTERVAL` is set: polls keep to `pollIntervalInMs` instead of the schedule. */
  fixedPollInterval?: true;
  /** `SCALER_SHUTDOWN_TIMEOUT`: after SIGTERM, how long in-flight operations may take before the pod exits. @default 25_000 */
  shutdownTimeoutInMs: number;
  /**
   * `SCALER_WRITE_PACING`: `off`, or `<burst>,<per-minute>` agent-pool PUTs per subscription; `undefined` keeps the
   * client's default (AKS's documented limit, 20 then 1 a minute).
   */
  writePacing?: WritePacingOptions | false;
  /**
   * `SCALER_POLL_PACING`: `off`, or `<burst>,<per-second>` operation polls per subscription; `undefined` keeps the
   * client's default (AKS's operation-status limit, 200 then 2 a second).
   */
  pollPacing?: PollPacingOptions | false;
  /**
   * `SCALER_UNKNOWN_POOLS`: what a decision for a pool the cluster lacks does, for clusters whose config does not
   * say (`unknownPools`): `error` fails the run with exit 2 before any write, `warn` skips it with a warning;
   * `undefined` when unset (then `error`).
   */
  unknownPools?: UnknownPoolsMode;
  /** `AZURE_RESOURCE_MANAGER_ENDPOINT`: the ARM endpoint; `undefined` is the public cloud. */
  armEndpoint?: string;
  /** `LOG_LEVEL`. @default 'info' */
  logLevel: LogLevel;
  /** `SCALER_HTTP_PORT` / `SCALER_HTTP_HOST`: the read-only HTTP server, on in loop mode (port 8080, host 0.0.0.0). */
  http?: { port: number; host: string };
  /**
   * `SCALER_SHARD` (with `SCALER_SHARDS` and `JOB_COMPLETION_INDEX` for `auto`): this process takes only the
   * clusters whose subscription hashes to this shard. `undefined`: every cluster.
   */
  shard?: ShardSettings;
}

/** What {@link readPodSettings} found: the settings and every problem (an empty list means valid). */
export interface ReadPodSettingsResult {
  /** The settings; only meaningful when `issues` is empty. */
  settings: PodSettings;
  /** Every problem found, each naming its variable (or the flag its value came from). */
  issues: ConfigIssue[];
}

/** Options of {@link readPodSettings}. */
export interface ReadPodSettingsOptions {
  /**
   * Whether a policy source (`NODE_POOLS_AMOUNT` or `SCALER_CONFIG`) is required. The CLI's `pools` needs none.
   * @default true
   */
  requirePolicy?: boolean;
  /** Which values came from flags, so problems name what the user typed. @default every value is a variable */
  sources?: SettingSources;
}

/**
 * Reads and validates every variable the pod understands, collecting all problems instead of stopping at the first.
 *
 * @example
 * ```ts
 * const { settings, issues } = readPodSettings(process.env);
 * if (issues.length > 0) throw new ConfigError('...', { issues });
 * ```
 */
export function readPodSettings(
  env: NodeJS.ProcessEnv,
  options: ReadPodSettingsOptions = {},
): ReadPodSettingsResult {
  const read = createValueReader(env, settingNames(options.sources));
  const { names } = read;
  const source = readClusterSource(read, options.requirePolicy ?? true);

  const modeText = read.text('SCALER_MODE')?.toLowerCase() ?? DEFAULT_MODE;
  if (modeText !== 'once' && modeText !== 'loop') {
    read.issue(
      names.nameOf('SCALER_MODE'),
      `${JSON.stringify(modeText)} is not a mode; use once (Job/CronJob) or loop (Deployment).`,
    );
  }
  const mode: ScalerMode = modeText === 'loop' ? 'loop' : 'once';
  const dryRun = read.boolean('SCALER_DRY_RUN') ?? false;
  const logLevel = readLogLevel(env, read.issue, names);
  const armEndpoint = read.text('AZURE_RESOURCE_MANAGER_ENDPOINT');
  if (armEndpoint !== undefined && !isHttpsUrl(armEndpoint)) {
    read.issue(
      names.nameOf('AZURE_RESOURCE_MANAGER_ENDPOINT'),
      `${JSON.stringify(armEndpoint)} is not an https URL, e.g. https://management.usgovcloudapi.net.`,
    );
  }
  const writePacing = readWritePacing(read);
  const pollPacing = readPollPacing(read);
  const httpPort = read.integer('SCALER_HTTP_PORT', 0, 65_535);
  const httpHost = read.text('SCALER_HTTP_HOST') ?? DEFAULT_HTTP_HOST;
  const location = read.text('LOCATION');
  const concurrency = read.integer('SCALER_CONCURRENCY', 1, MAX_CONCURRENCY);
  const unknownPools = readUnknownPools(read);
  const shard = readShard(read);

  const settings: PodSettings = {
    ...source,
    ...(location !== undefined && { location }),
    mode,
    intervalInMs: read.duration('SCALER_INTERVAL', DEFAULT_INTERVAL_IN_MS, MIN_INTERVAL_IN_MS),
    dryRun,
    ...(concurrency !== undefined && { concurrency }),
    operationTimeoutInMs: read.duration('SCALER_OPERATION_TIMEOUT', DEFAULT_OPERATION_TIMEOUT_IN_MS, 1),
    pollIntervalInMs: read.duration('SCALER_POLL_INTERVAL', DEFAULT_POLL_INTERVAL_IN_MS, 1),
    ...(read.text('SCALER_POLL_INTERVAL') !== undefined && { fixedPollInterval: true as const }),
    shutdownTimeoutInMs: read.duration('SCALER_SHUTDOWN_TIMEOUT', DEFAULT_SHUTDOWN_TIMEOUT_IN_MS, 0),
    ...(writePacing !== undefined && { writePacing }),
    ...(pollPacing !== undefined && { pollPacing }),
    ...(unknownPools !== undefined && { unknownPools }),
    ...(armEndpoint !== undefined && { armEndpoint }),
    logLevel,
    ...((mode === 'loop' || httpPort !== undefined) && {
      http: { port: httpPort ?? DEFAULT_HTTP_PORT, host: httpHost },
    }),
    ...(shard !== undefined && { shard }),
  };
  return { settings, issues: read.issues };
}

/** `error` or `warn` (case-insensitive). */
function readUnknownPools(read: ValueReader): UnknownPoolsMode | undefined {
  const text = read.text('SCALER_UNKNOWN_POOLS');
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  if (lower === 'error' || lower === 'warn') return lower;
  read.issue(
    read.names.nameOf('SCALER_UNKNOWN_POOLS'),
    `${JSON.stringify(text)} is not a choice; use error (a decision for a pool the cluster lacks fails the run before any write) or warn (it is skipped with a warning).`,
  );
  return undefined;
}

/**
 * A pacing variable: `off`, or `<burst>,<refill>` (per `unit`) such as `20,1`; `undefined` when unset or invalid
 * (the problem is recorded, naming what it paces and an example).
 */
function readPacing(
  read: ValueReader,
  name: 'SCALER_WRITE_PACING' | 'SCALER_POLL_PACING',
  words: { unit: 'minute' | 'second'; what: string; example: string },
): { burst: number; refill: number } | false | undefined {
  const text = read.text(name);
  if (text === undefined) return undefined;
  if (text.toLowerCase() === 'off') return false;
  const match = /^(\d+)\s*,\s*(\d+(?:\.\d+)?)$/.exec(text);
  const burst = match ? Number(match[1]) : Number.NaN;
  const refill = match ? Number(match[2]) : Number.NaN;
  if (!match || burst < 1 || refill <= 0) {
    read.issue(
      read.names.nameOf(name),
      `${JSON.stringify(text)} is not a pacing; use off, or <burst>,<per-${words.unit}> ${words.what} per subscription such as ${words.example}.`,
    );
    return undefined;
  }
  return { burst, refill };
}

/** `SCALER_WRITE_PACING`: `off`, or `<burst>,<refill per minute>` such as `20,1`. */
function readWritePacing(read: ValueReader): WritePacingOptions | false | undefined {
  const pacing = readPacing(read, 'SCALER_WRITE_PACING', {
    unit: 'minute',
    what: 'agent-pool writes',
    example: "20,1 (AKS's documented limit)",
  });
  return pacing ? { burst: pacing.burst, refillPerMinute: pacing.refill } : pacing;
}

/** `SCALER_POLL_PACING`: `off`, or `<burst>,<refill per second>` such as `200,2`. */
function readPollPacing(read: ValueReader): PollPacingOptions | false | undefined {
  const pacing = readPacing(read, 'SCALER_POLL_PACING', {
    unit: 'second',
    what: 'operation polls',
    example: "200,2 (AKS's operation-status limit)",
  });
  return pacing ? { burst: pacing.burst, refillPerSecond: pacing.refill } : pacing;
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}
