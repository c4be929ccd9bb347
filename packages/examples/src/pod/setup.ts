import { readFile } from 'node:fs/promises';
import {
  type AutoscalerPoolMode,
  type ClusterRef,
  ConfigError,
  type ConfigIssue,
  type Policy,
  resolveCredential,
} from '@aks-scaler/core';
import {
  fromNodePoolsAmount,
  type NotifyConfig,
  type ParsedOverrideConfig,
  parseNodePoolsAmount,
  staticPolicy,
  withOverrides,
} from '@aks-scaler/policies';
import type { NotifySink } from '../notify/notify-sink.js';
import { DEFAULT_CONCURRENCY } from './defaults.js';
import { type PodSettings, type ReadPodSettingsOptions, readPodSettings } from './env.js';
import { type SettingNames, settingNames } from './env-variables.js';
import { inFlagWords } from './user-words.js';

/** The credential type `resolveCredential` returns (an `@azure/core-auth` TokenCredential). */
export type ScalerCredential = ReturnType<typeof resolveCredential>['credential'];

/** One cluster to reconcile, with its policy. */
export interface ScalerTarget {
  /** The cluster. */
  cluster: ClusterRef;
  /** The region the operator expects the cluster in (checked; a mismatch is a warning). */
  location?: string;
  /** The policy deciding its pools' counts: one instance per cluster, so stateful policies keep apart. */
  policy: Policy;
  /** How autoscaler-enabled pools are treated. @default 'skip' */
  autoscalerPools?: AutoscalerPoolMode;
}

/** Everything a run needs, validated. */
export interface ScalerSetup {
  /** The settings from the environment. */
  settings: PodSettings;
  /** The clusters and their policies. */
  targets: ScalerTarget[];
  /** Operations in flight overall: `SCALER_CONCURRENCY`, else the config's `limits.concurrency`, else `DEFAULT_CONCURRENCY` (4). */
  concurrency: number;
  /** The credential for ARM. */
  credential: ScalerCredential;
  /** Which credential was chosen and why. */
  credentialDescription: string;
  /** Non-fatal remarks for the log (e.g. variables a config overrides). */
  warnings: string[];
  /** The config's `notify` webhooks, their URLs resolved (none without a config, or when it lists none). */
  notify: NotifySink[];
  /** The config's `overrides`, validated (none without a config); the pools' override tags are read at each run. */
  overrides: ParsedOverrideConfig[];
}

/** Options of {@link loadScalerSetup}. */
export interface LoadScalerSetupOptions extends ReadPodSettingsOptions {
  /** Reads `SCALER_CONFIG`. @default fs.readFile as UTF-8 */
  readTextFile?: (path: string) => Promise<string>;
  /** Extra CA certificates (PEM) for the identity client. */
  ca?: string;
  /**
   * The instant the config's `overrides[].until` are checked against (at most 30 days ahead).
   * @default the current time
   */
  now?: Date;
}

/**
 * Reads the environment, the credential settings and the policy (`NODE_POOLS_AMOUNT` or `SCALER_CONFIG`) and
 * validates all of it before anything talks to Azure. Throws one `ConfigError` listing every problem, each named as
 * the user gave it (`options.sources`: a flag, else the variable).
 *
 * Each cluster gets its own policy instance (a config's policy is built once per cluster), so the state of a
 * metric policy or of `withStabilization`, kept by pool name, never leaks from one cluster into another.
 *
 * @example
 * ```ts
 * const setup = await loadScalerSetup(process.env);
 * for (const target of setup.targets) console.log(target.cluster.clusterName, target.policy.name);
 * ```
 */
export async function loadScalerSetup(
  env: NodeJS.ProcessEnv,
  options: LoadScalerSetupOptions = {},
): Promise<ScalerSetup> {
  const { settings, issues } = readPodSettings(env, options);
  const names = settingNames(options.sources);
  const warnings: string[] = [];

  let credential: ScalerCredential | undefined;
  let credentialDescription = '';
  try {
    const resolved = resolveCredential({ env, ...(options.ca !== undefined && { ca: options.ca }) });
    credential = resolved.credential;
    credentialDescription = resolved.description;
  } catch (error) {
    issues.push(...issuesOf(error, 'credential'));
  }

  const targets: ScalerTarget[] = [];
  let configConcurrency: number | undefined;
  let notify: NotifySink[] = [];
  let overrides: ParsedOverrideConfig[] = [];
  if (settings.configPath !== undefined) {
    const loaded = await clustersFromConfig(settings, names, credential, options);
    issues.push(...loaded.issues);
    targets.push(...loaded.targets);
    configConcurrency = loaded.concurrency;
    overrides = loaded.overrides;
    if (loaded.notify.length > 0) {
      try {
        // Loaded only for a config that has webhooks, like the config's own modules.
        const { resolveNotifySinks } = await import('../notify/notify-sinks.js');
        notify = resolveNotifySinks(loaded.notify, { env });
      } catch (error) {
        issues.push(...issuesOf(error, 'notify'));
      }
    }
    if (settings.nodePoolsAmount !== undefined) {
      warnings.push(
        `${names.nameOf('NODE_POOLS_AMOUNT')} is ignored: ${names.nameOf('SCALER_CONFIG')} is set and its policy applies.`,
      );
    }
    if (settings.cluster !== undefined) {
      warnings.push(
        `${names.nameOf('SUBSCRIPTION')}, ${names.nameOf('RESOURCE_GROUP')} and ${names.nameOf('CLUSTER_NAME')} are ignored: ${names.nameOf('SCALER_CONFIG')} lists the clusters.`,
      );
    }
  } else {
    let policy: Policy = { name: 'none', evaluate: () => [] };
    if (settings.nodePoolsAmount !== undefined) {
      try {
        policy = nodePoolsAmountPolicy(settings.nodePoolsAmount, names);
      } catch (error) {
        issues.push(...issuesInWords(error, names));
      }
    }
    if (settings.cluster !== undefined) {
      targets.push({
        cluster: settings.cluster,
        // The pools' override tags beat NODE_POOLS_AMOUNT as they beat a config's policy.
        policy: withOverrides(policy),
        ...(settings.location !== undefined && { location: settings.location }),
      });
    }
  }

  if (issues.length > 0 || credential === undefined) {
    throw new ConfigError(
      `The scaler's configuration has ${issues.length} problem${issues.length === 1 ? '' : 's'}; fix ${
        issues.length === 1 ? 'it' : 'them all'
      } and start again:\n${issues.map((i) => `- ${i.path}: ${i.message}`).join('\n')}`,
      { issues },
    );
  }
  return {
    settings,
    targets,
    concurrency: settings.concurrency ?? configConcurrency ?? DEFAULT_CONCURRENCY,
    credential,
    credentialDescription,
    warnings,
    notify,
    overrides,
  };
}

/** The config file's clusters, each with a policy of its own, and its concurrency limit. */
async function clustersFromConfig(
  settings: PodSettings,
  names: SettingNames,
  credential: ScalerCredential | undefined,
  options: LoadScalerSetupOptions,
): Promise<{
  targets: ScalerTarget[];
  issues: ConfigIssue[];
  concurrency?: number;
  notify: NotifyConfig;
  overrides: ParsedOverrideConfig[];
}> {
  const path = settings.configPath!;
  const configName = names.nameOf('SCALER_CONFIG');
  let text: string;
  try {
    text = await (options.readTextFile ?? ((p: string) => readFile(p, 'utf8')))(path);
  } catch (error) {
    return {
      targets: [],
      issues: issuesOf(error, configName, `cannot read ${path}`),
      notify: [],
      overrides: [],
    };
  }
  try {
    const { parseScalerConfig, policyFromConfig } = await import('./config-policy.js');
    const config = parseScalerConfig(text, {
      source: path,
      ...(options.now !== undefined && { now: options.now }),
    });
    const policyOptions = {
      source: path,
      ...(credential !== undefined && { credential }),
      ...(settings.armEndpoint !== undefined && { armEndpoint: settings.armEndpoint }),
    };
    // Built (and so validated) even when the config lists no cluster; then once more per further cluster.
    const first = policyFromConfig(config, policyOptions);
    const targets = config.clusters.map(
      (entry, index): ScalerTarget => ({
        cluster: {
          subscriptionId: entry.subscription,
          resourceGroup: entry.resourceGroup,
          clusterName: entry.name,
        },
        // A fresh instance per cluster: policy state is kept by pool name, and pool names repeat across clusters.
        policy: index === 0 ? first : policyFromConfig(config, policyOptions),
        ...(entry.location !== undefined && { location: entry.location }),
        ...(entry.autoscalerPools !== undefined && { autoscalerPools: entry.autoscalerPools }),
      }),
    );
    return {
      targets,
      issues: [],
      notify: config.notify ?? [],
      overrides: config.overrides ?? [],
      ...(config.limits?.concurrency !== undefined && { concurrency: config.limits.concurrency }),
    };
  } catch (error) {
    return { targets: [], issues: issuesOf(error, configName, path), notify: [], overrides: [] };
  }
}

/** The static policy of `NODE_POOLS_AMOUNT`, whose reasons name the flag when the value came from one. */
function nodePoolsAmountPolicy(text: string, names: SettingNames): Policy {
  const source = names.nameOf('NODE_POOLS_AMOUNT');
  if (source === 'NODE_POOLS_AMOUNT') return fromNodePoolsAmount(text);
  return staticPolicy(parseNodePoolsAmount(text), { source });
}

/** The problems of `NODE_POOLS_AMOUNT`, in the words of the flag when the value came from one. */
function issuesInWords(error: unknown, names: SettingNames): ConfigIssue[] {
  const issues = issuesOf(error, 'NODE_POOLS_AMOUNT');
  const name = names.nameOf('NODE_POOLS_AMOUNT');
  return name === 'NODE_POOLS_AMOUNT' ? issues : inFlagWords(issues, 'NODE_POOLS_AMOUNT', name);
}

function issuesOf(error: unknown, path: string, prefix?: string): ConfigIssue[] {
  if (error instanceof ConfigError && error.issues.length > 0) return [...error.issues];
  const message = error instanceof Error ? error.message : String(error);
  return [{ path, message: prefix ? `${prefix}: ${message}` : message }];
}
