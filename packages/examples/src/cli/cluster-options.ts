import { type Command, Option } from 'commander';

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

const TO_ENV: ReadonlyArray<[keyof ClusterOptions, string]> = [
  ['subscription', 'SUBSCRIPTION'],
  ['resourceGroup', 'RESOURCE_GROUP'],
  ['cluster', 'CLUSTER_NAME'],
  ['location', 'LOCATION'],
  ['config', 'SCALER_CONFIG'],
  ['pools', 'NODE_POOLS_AMOUNT'],
  ['endpoint', 'AZURE_RESOURCE_MANAGER_ENDPOINT'],
  ['concurrency', 'SCALER_CONCURRENCY'],
  ['operationTimeout', 'SCALER_OPERATION_TIMEOUT'],
  ['pollInterval', 'SCALER_POLL_INTERVAL'],
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
    .option('--location <region>', "the cluster's region, checked against the cluster (env LOCATION)")
    .option(
      '--endpoint <url>',
      'ARM endpoint (env AZURE_RESOURCE_MANAGER_ENDPOINT; default the public cloud)',
    );
  if (kinds.policy) {
    command
      .option('--config <file>', 'a YAML/JSON scaler config (env SCALER_CONFIG)')
      .option(
        '--pools <json>',
        'pool name -> node count, e.g. \'{ "manualpool2": 5 }\' (env NODE_POOLS_AMOUNT)',
      );
  } else {
    command.option('--config <file>', 'a YAML/JSON scaler config listing the clusters (env SCALER_CONFIG)');
  }
  if (kinds.write) {
    command
      .option('--dry-run', 'plan and report, write nothing (env SCALER_DRY_RUN)')
      .option('--concurrency <n>', 'operations in flight overall (env SCALER_CONCURRENCY; default 4)')
      .option('--operation-timeout <duration>', 'per operation, e.g. 30m (env SCALER_OPERATION_TIMEOUT)')
      .addOption(
        new Option('--poll-interval <duration>', 'operation poll period (env SCALER_POLL_INTERVAL)'),
      );
  }
  return command.option('--json', 'print JSON instead of tables');
}

/** The environment the setup is read from: `env` with the given options laid over it. */
export function envWithOptions(env: NodeJS.ProcessEnv, options: ClusterOptions): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...env, SCALER_MODE: 'once' };
  delete merged.SCALER_HTTP_PORT;
  for (const [key, variable] of TO_ENV) {
    const value = options[key];
    if (typeof value === 'string') merged[variable] = value;
  }
  if (options.subscription !== undefined) {
    delete merged.SUBSCRIPTION_ID;
    delete merged.AZURE_SUBSCRIPTION_ID;
  }
  if (options.dryRun) merged.SCALER_DRY_RUN = 'true';
  return merged;
}
