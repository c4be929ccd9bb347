import { type Command, Option } from 'commander';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../pod/defaults.js';
import type { PodVariable, SettingSources } from '../pod/env-variables.js';

/** The options every cluster-facing command accepts; each defaults to its environment variable. */
export interface ClusterOptions {
  /** `--subscription` (SUBSCRIPTION). */
  subscription?: string;
  /** `--resource-group` (RESOURCE_GROUP). */
  resourceGroup?: string;
  /** `--cluster` (CLUSTER_NAME). */
  cluster?: string;
  /** `--location` (LOCATION). */
  location?: string;
  /** `--config` (SCALER_CONFIG). */
  config?: string;
  /** `--pools` (NODE_POOLS_AMOUNT). */
  pools?: string;
  /** `--endpoint` (AZURE_RESOURCE_MANAGER_ENDPOINT). */
  endpoint?: string;
  /** `--dry-run` (SCALER_DRY_RUN). */
  dryRun?: boolean;
  /** `--concurrency` (SCALER_CONCURRENCY). */
  concurrency?: string;
  /** `--operation-timeout` (SCALER_OPERATION_TIMEOUT). */
  operationTimeout?: string;
  /** `--poll-interval` (SCALER_POLL_INTERVAL). */
  pollInterval?: string;
  /** `--json`. */
  json?: boolean;
}

/** Each option that sets one of the pod's variables, with its flag. */
const TO_ENV: ReadonlyArray<readonly [keyof ClusterOptions, PodVariable, string]> = [
  ['subscription', 'SUBSCRIPTION', '--subscription'],
  ['resourceGroup', 'RESOURCE_GROUP', '--resource-group'],
  ['cluster', 'CLUSTER_NAME', '--cluster'],
  ['location', 'LOCATION', '--location'],
  ['config', 'SCALER_CONFIG', '--config'],
  ['pools', 'NODE_POOLS_AMOUNT', '--pools'],
  ['endpoint', 'AZURE_RESOURCE_MANAGER_ENDPOINT', '--endpoint'],
  ['dryRun', 'SCALER_DRY_RUN', '--dry-run'],
  ['concurrency', 'SCALER_CONCURRENCY', '--concurrency'],
  ['operationTimeout', 'SCALER_OPERATION_TIMEOUT', '--operation-timeout'],
  ['pollInterval', 'SCALER_POLL_INTERVAL', '--poll-interval'],
];

/** Adds the cluster options (and `--json`) to a command. `write` adds the options that only matter for writes. */
export function addClusterOptions(
  command: Command,
  kinds: { policy?: boolean; write?: boolean } = {},
): Command {
  command
    .option(
      '--subscription <id>',
      'subscription id (env SUBSCRIPTION, SUBSCRIPTION_ID or AZURE_SUBSCRIPTION_ID)',
    )
    .option('--resource-group <name>', "the cluster's resource group (env RESOURCE_GROUP)")
    .option('--cluster <name>', 'the managed cluster name (env CLUSTER_NAME)')
    .option(
      '--location <region>',
      "the cluster's region (env LOCATION); accepted like the pod's variable, but only the pod checks it against the cluster",
    )
    .option(
      '--endpoint <url>',
      'ARM endpoint (env AZURE_RESOURCE_MANAGER_ENDPOINT; default the public cloud)',
    );
  if (kinds.policy) {
    command
      .option(
        '--config <file>',
        'a YAML/JSON scaler config (env SCALER_CONFIG); clusters it selects by tag are listed at every call',
      )
      .option(
        '--pools <json>',
        'pool name -> node count, e.g. \'{ "manualpool2": 5 }\' (env NODE_POOLS_AMOUNT)',
      );
  } else {
    command.option(
      '--config <file>',
      'a YAML/JSON scaler config listing the clusters, by name or by tag (env SCALER_CONFIG)',
    );
  }
  if (kinds.write) {
    command
      .option('--dry-run', 'plan and report, write nothing (env SCALER_DRY_RUN)')
      .option(
        '--concurrency <n>',
        `operations in flight overall, 1 to ${MAX_CONCURRENCY} (env SCALER_CONCURRENCY; default ${DEFAULT_CONCURRENCY})`,
      )
      .option('--operation-timeout <duration>', 'per operation, e.g. 30m (env SCALER_OPERATION_TIMEOUT)')
      .addOption(
        new Option('--poll-interval <duration>', 'operation poll period (env SCALER_POLL_INTERVAL)'),
      );
  }
  return command.option('--json', 'print JSON instead of tables');
}

/** What the setup reads for a command: the environment with the flags laid over it, and which flags set what. */
export interface ClusterInput {
  /** `env` with each given option's variable set (and `SCALER_MODE=once`, no HTTP server). */
  env: NodeJS.ProcessEnv;
  /** The flags of `command` and the variables they set, so problems name what the user typed. */
  sources: SettingSources;
}

/**
 * The environment the setup is read from (`env` with the given options laid over it) and the sources of its
 * values: problems with a value given by a flag name the flag, problems with one from the environment the variable.
 *
 * @example
 * ```ts
 * const { env, sources } = clusterInput(io.env, options, command);
 * const setup = await loadScalerSetup(env, { sources });
 * ```
 */
export function clusterInput(
  env: NodeJS.ProcessEnv,
  options: ClusterOptions,
  command: Command,
): ClusterInput {
  const merged: NodeJS.ProcessEnv = { ...env, SCALER_MODE: 'once' };
  delete merged.SCALER_HTTP_PORT;
  const flags: Partial<Record<PodVariable, string>> = {};
  const fromFlags: PodVariable[] = [];
  for (const [key, variable, flag] of TO_ENV) {
    if (!command.options.some((option) => option.long === flag)) continue;
    flags[variable] = flag;
    const value = options[key];
    if (value === undefined || value === false) continue;
    merged[variable] = value === true ? 'true' : value;
    fromFlags.push(variable);
  }
  if (options.subscription !== undefined) {
    delete merged.SUBSCRIPTION_ID;
    delete merged.AZURE_SUBSCRIPTION_ID;
  }
  return { env: merged, sources: { flags, fromFlags } };
}
