import type { ClusterRef, ConfigIssue, WritePacingOptions } from '@aks-scaler/core';
import { tryParseDurationInMs } from '@aks-scaler/core/common';

/** How the pod runs: reconcile once and exit (Job/CronJob), or reconcile every interval (Deployment). */
export type ScalerMode = 'once' | 'loop';

/** The log levels `LOG_LEVEL` accepts (pino's). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The pod's settings, read from its environment variables (DESIGN.md §1 and §4). */
export interface PodSettings {
  /** The cluster named by `SUBSCRIPTION`, `RESOURCE_GROUP` and `CLUSTER_NAME`, when all three are set. */
  cluster?: ClusterRef;
  /** `LOCATION`: the cluster's region, checked against the cluster (a mismatch is a warning). */
  location?: string;
  /** `NODE_POOLS_AMOUNT`, as given (parsed by `@aks-scaler/policies`). */
  nodePoolsAmount?: string;
  /** `SCALER_CONFIG`: the path of a YAML/JSON config. */
  configPath?: string;
  /** `SCALER_MODE`. @default 'once' */
  mode: ScalerMode;
  /** `SCALER_INTERVAL`: the loop period. @default 60_000 */
  intervalInMs: number;
  /** `SCALER_DRY_RUN`: plan and report, write nothing. @default false */
  dryRun: boolean;
  /** `SCALER_CONCURRENCY`: operations in flight overall; `undefined` when not set (config or 4 applies). */
  concurrency?: number;
  /** `SCALER_OPERATION_TIMEOUT`: per operation. @default 1_800_000 */
  operationTimeoutInMs: number;
  /** `SCALER_POLL_INTERVAL`: how often a running operation is polled when ARM gives no Retry-After. @default 2_000 */
  pollIntervalInMs: number;
  /** `SCALER_SHUTDOWN_TIMEOUT`: after SIGTERM, how long in-flight operations may take before the pod exits. @default 25_000 */
  shutdownTimeoutInMs: number;
  /**
   * `SCALER_WRITE_PACING`: `off`, or `<burst>,<per-minute>` agent-pool PUTs per subscription; `undefined` keeps the
   * client's default (AKS's documented limit, 20 then 1 a minute).
   */
  writePacing?: WritePacingOptions | false;
  /** `AZURE_RESOURCE_MANAGER_ENDPOINT`: the ARM endpoint; `undefined` is the public cloud. */
  armEndpoint?: string;
  /** `LOG_LEVEL`. @default 'info' */
  logLevel: LogLevel;
  /** `SCALER_HTTP_PORT` / `SCALER_HTTP_HOST`: the read-only HTTP server, on in loop mode (port 8080, host 0.0.0.0). */
  http?: { port: number; host: string };
}

/** What {@link readPodSettings} found: the settings and every problem (an empty list means valid). */
export interface ReadPodSettingsResult {
  /** The settings; only meaningful when `issues` is empty. */
  settings: PodSettings;
  /** Every problem found, each naming its variable. */
  issues: ConfigIssue[];
}

/** Options of {@link readPodSettings}. */
export interface ReadPodSettingsOptions {
  /**
   * Whether a policy source (`NODE_POOLS_AMOUNT` or `SCALER_CONFIG`) is required. The CLI's `pools` needs none.
   * @default true
   */
  requirePolicy?: boolean;
}

const SUBSCRIPTION_VARIABLES = ['SUBSCRIPTION', 'SUBSCRIPTION_ID', 'AZURE_SUBSCRIPTION_ID'] as const;

/** Every environment variable {@link readPodSettings} reads (the credential's own variables aside). */
export const POD_ENVIRONMENT_VARIABLES = [
  ...SUBSCRIPTION_VARIABLES,
  'RESOURCE_GROUP',
  'CLUSTER_NAME',
  'LOCATION',
  'NODE_POOLS_AMOUNT',
  'SCALER_CONFIG',
  'SCALER_MODE',
  'SCALER_INTERVAL',
  'SCALER_DRY_RUN',
  'SCALER_CONCURRENCY',
  'SCALER_OPERATION_TIMEOUT',
  'SCALER_POLL_INTERVAL',
  'SCALER_SHUTDOWN_TIMEOUT',
  'SCALER_WRITE_PACING',
  'AZURE_RESOURCE_MANAGER_ENDPOINT',
  'LOG_LEVEL',
  'SCALER_HTTP_PORT',
  'SCALER_HTTP_HOST',
] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE_GROUP = /^[-\w._()]{1,90}$/;
const CLUSTER_NAME = /^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$/;
const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

/** One of {@link POD_ENVIRONMENT_VARIABLES}: reading any other name does not compile, so the list stays complete. */
type PodVariable = (typeof POD_ENVIRONMENT_VARIABLES)[number];

function value(env: NodeJS.ProcessEnv, name: PodVariable): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
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
  const issues: ConfigIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });

  const duration = (name: PodVariable, fallbackInMs: number, minInMs: number): number => {
    const text = value(env, name);
    if (text === undefined) return fallbackInMs;
    const parsed = tryParseDurationInMs(text, { allowZero: true });
    if (parsed === undefined || parsed < minInMs) {
      issue(
        name,
        `${JSON.stringify(text)} is not a duration of at least ${minInMs}ms; use e.g. 30s, 5m or 1h.`,
      );
      return fallbackInMs;
    }
    return parsed;
  };
  const integer = (name: PodVariable, min: number, max: number): number | undefined => {
    const text = value(env, name);
    if (text === undefined) return undefined;
    const parsed = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      issue(name, `${JSON.stringify(text)} is not an integer from ${min} to ${max}.`);
      return undefined;
    }
    return parsed;
  };

  // Cluster.
  const subscriptions = SUBSCRIPTION_VARIABLES.map((name) => [name, value(env, name)] as const).filter(
    (entry): entry is readonly [(typeof SUBSCRIPTION_VARIABLES)[number], string] => entry[1] !== undefined,
  );
  const subscriptionId = subscriptions[0]?.[1];
  if (new Set(subscriptions.map(([, id]) => id.toLowerCase())).size > 1) {
    issue(
      'SUBSCRIPTION',
      `${subscriptions.map(([name, id]) => `${name}=${id}`).join(', ')} disagree; set one subscription id.`,
    );
  }
  if (subscriptionId !== undefined && !UUID.test(subscriptionId)) {
    issue(subscriptions[0]![0], `${JSON.stringify(subscriptionId)} is not a subscription id (a UUID).`);
  }
  const resourceGroup = value(env, 'RESOURCE_GROUP');
  if (resourceGroup !== undefined && !RESOURCE_GROUP.test(resourceGroup)) {
    issue('RESOURCE_GROUP', `${JSON.stringify(resourceGroup)} is not a valid resource group name.`);
  }
  const clusterName = value(env, 'CLUSTER_NAME');
  if (clusterName !== undefined && !CLUSTER_NAME.test(clusterName)) {
    issue('CLUSTER_NAME', `${JSON.stringify(clusterName)} is not a valid AKS cluster name.`);
  }
  const configPath = value(env, 'SCALER_CONFIG');
  const nodePoolsAmount = value(env, 'NODE_POOLS_AMOUNT');
  const named = { SUBSCRIPTION: subscriptionId, RESOURCE_GROUP: resourceGroup, CLUSTER_NAME: clusterName };
  const missing = Object.entries(named).filter(([, v]) => v === undefined);
  if (configPath === undefined && missing.length > 0) {
    for (const [name] of missing) {
      issue(
        name,
        name === 'SUBSCRIPTION'
          ? 'is not set; set SUBSCRIPTION (or SUBSCRIPTION_ID / AZURE_SUBSCRIPTION_ID) to the subscription id, or list clusters in SCALER_CONFIG.'
          : `is not set; set it to the cluster's ${name === 'RESOURCE_GROUP' ? 'resource group' : 'name'}, or list clusters in SCALER_CONFIG.`,
      );
    }
  }
  const cluster =
    subscriptionId && resourceGroup && clusterName
      ? { subscriptionId, resourceGroup, clusterName }
      : undefined;
  if ((options.requirePolicy ?? true) && configPath === undefined && nodePoolsAmount === undefined) {
    issue(
      'NODE_POOLS_AMOUNT',
      `is not set; set it to a JSON object of pool name -> node count, quoted in a Pod spec: value: '{ "manualpool2": 5, "manualpool3": 5 }' (or set SCALER_CONFIG to a config file).`,
    );
  }

  // Behaviour.
  const modeText = value(env, 'SCALER_MODE')?.toLowerCase() ?? 'once';
  if (modeText !== 'once' && modeText !== 'loop') {
    issue(
      'SCALER_MODE',
      `${JSON.stringify(modeText)} is not a mode; use once (Job/CronJob) or loop (Deployment).`,
    );
  }
  const mode: ScalerMode = modeText === 'loop' ? 'loop' : 'once';
  const dryRunText = value(env, 'SCALER_DRY_RUN')?.toLowerCase();
  if (dryRunText !== undefined && !TRUE_WORDS.includes(dryRunText) && !FALSE_WORDS.includes(dryRunText)) {
    issue('SCALER_DRY_RUN', `${JSON.stringify(dryRunText)} is not a boolean; use true or false.`);
  }
  const logLevelText = value(env, 'LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevelText)) {
    issue(
      'LOG_LEVEL',
      `${JSON.stringify(logLevelText)} is not a log level; use one of ${LOG_LEVELS.join(', ')}.`,
    );
  }
  const armEndpoint = value(env, 'AZURE_RESOURCE_MANAGER_ENDPOINT');
  if (armEndpoint !== undefined && !isHttpsUrl(armEndpoint)) {
    issue(
      'AZURE_RESOURCE_MANAGER_ENDPOINT',
      `${JSON.stringify(armEndpoint)} is not an https URL, e.g. https://management.usgovcloudapi.net.`,
    );
  }
  const writePacing = readWritePacing(value(env, 'SCALER_WRITE_PACING'), issue);
  const httpPort = integer('SCALER_HTTP_PORT', 0, 65_535);
  const httpHost = value(env, 'SCALER_HTTP_HOST') ?? '0.0.0.0';

  const settings: PodSettings = {
    ...(cluster && { cluster }),
    ...(value(env, 'LOCATION') !== undefined && { location: value(env, 'LOCATION') }),
    ...(nodePoolsAmount !== undefined && { nodePoolsAmount }),
    ...(configPath !== undefined && { configPath }),
    mode,
    intervalInMs: duration('SCALER_INTERVAL', 60_000, 1_000),
    dryRun: dryRunText !== undefined && TRUE_WORDS.includes(dryRunText),
    ...withDefined('concurrency', integer('SCALER_CONCURRENCY', 1, 100)),
    operationTimeoutInMs: duration('SCALER_OPERATION_TIMEOUT', 1_800_000, 1),
    pollIntervalInMs: duration('SCALER_POLL_INTERVAL', 2_000, 1),
    shutdownTimeoutInMs: duration('SCALER_SHUTDOWN_TIMEOUT', 25_000, 0),
    ...(writePacing !== undefined && { writePacing }),
    ...(armEndpoint !== undefined && { armEndpoint }),
    logLevel: logLevelText as LogLevel,
    ...((mode === 'loop' || httpPort !== undefined) && { http: { port: httpPort ?? 8080, host: httpHost } }),
  };
  return { settings, issues };
}

/** `off` (also false/no/0), or `<burst>,<refill per minute>` such as `20,1`. */
function readWritePacing(
  text: string | undefined,
  issue: (path: string, message: string) => void,
): WritePacingOptions | false | undefined {
  if (text === undefined) return undefined;
  if (FALSE_WORDS.includes(text.toLowerCase()) || text.toLowerCase() === 'none') return false;
  const match = /^(\d+)\s*,\s*(\d+(?:\.\d+)?)$/.exec(text);
  const burst = match ? Number(match[1]) : Number.NaN;
  const refillPerMinute = match ? Number(match[2]) : Number.NaN;
  if (!match || burst < 1 || refillPerMinute <= 0) {
    issue(
      'SCALER_WRITE_PACING',
      `${JSON.stringify(text)} is not a pacing; use off, or <burst>,<per-minute> agent-pool writes per subscription such as 20,1 (AKS's documented limit).`,
    );
    return undefined;
  }
  return { burst, refillPerMinute };
}

function withDefined<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}
