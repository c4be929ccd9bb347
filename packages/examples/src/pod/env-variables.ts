/** The variables that may hold the subscription id, in the order they are read. */
export const SUBSCRIPTION_VARIABLES = ['SUBSCRIPTION', 'SUBSCRIPTION_ID', 'AZURE_SUBSCRIPTION_ID'] as const;

/** Every environment variable `readPodSettings` reads (the credential's own variables aside). */
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
  'SCALER_POLL_PACING',
  'SCALER_UNKNOWN_POOLS',
  'AZURE_RESOURCE_MANAGER_ENDPOINT',
  'LOG_LEVEL',
  'SCALER_HTTP_PORT',
  'SCALER_HTTP_HOST',
  'SCALER_SHARD',
  'SCALER_SHARDS',
  'JOB_COMPLETION_INDEX',
  'SCALER_KUBERNETES',
  'SCALER_STATUS_CONFIGMAP',
  'POD_NAMESPACE',
  'POD_NAME',
  'KUBECONFIG',
  'KUBERNETES_SERVICE_HOST',
  'KUBERNETES_SERVICE_PORT',
  'SCALER_SERVICE_ACCOUNT_DIR',
] as const;

/** One of {@link POD_ENVIRONMENT_VARIABLES}: reading any other name does not compile, so the list stays complete. */
export type PodVariable = (typeof POD_ENVIRONMENT_VARIABLES)[number];

/**
 * Where the values of the pod's variables came from, so that every problem is told in the words the user typed.
 * The pod reads only its environment; the CLI lays its flags over it and says which flag sets which variable.
 *
 * @example
 * ```ts
 * const sources: SettingSources = { flags: { CLUSTER_NAME: '--cluster' }, fromFlags: ['CLUSTER_NAME'] };
 * ```
 */
export interface SettingSources {
  /** The flag that sets a variable, for each variable that has one (`--cluster` for `CLUSTER_NAME`). */
  flags?: Partial<Record<PodVariable, string>>;
  /** The variables whose value came from their flag rather than from the environment. */
  fromFlags?: readonly PodVariable[];
}

/** How problems name a variable, given {@link SettingSources}. */
export interface SettingNames {
  /** The name of what the user gave: the flag when the value came from one, else the variable. */
  nameOf(variable: PodVariable): string;
  /** The flag that sets `variable`, if there is one. */
  flagOf(variable: PodVariable): string | undefined;
  /**
   * How to give a missing value: `give --cluster <name>, the cluster's name (or set CLUSTER_NAME)` where a flag
   * exists, `set CLUSTER_NAME to the cluster's name` otherwise.
   */
  howToGive(variable: PodVariable, placeholder: string, what: string): string;
  /** The path of a problem with a value that is missing: the flag where one exists, else the variable. */
  missingPath(variable: PodVariable): string;
}

/** The {@link SettingNames} for `sources` (the variables' own names when there are none). */
export function settingNames(sources: SettingSources = {}): SettingNames {
  const flags = sources.flags ?? {};
  const fromFlags = new Set(sources.fromFlags ?? []);
  return {
    nameOf: (variable) => (fromFlags.has(variable) ? (flags[variable] ?? variable) : variable),
    flagOf: (variable) => flags[variable],
    howToGive: (variable, placeholder, what) => {
      const flag = flags[variable];
      return flag === undefined
        ? `set ${variable} to ${what}`
        : `give ${flag} ${placeholder}, ${what} (or set ${variable})`;
    },
    missingPath: (variable) => flags[variable] ?? variable,
  };
}

/** A variable's value, trimmed; `undefined` when unset or blank. */
export function readVariable(env: NodeJS.ProcessEnv, name: PodVariable): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}
