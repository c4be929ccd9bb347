import { readFile } from 'node:fs/promises';
import {
  type AutoscalerPoolMode,
  type ClusterRef,
  ConfigError,
  type ConfigIssue,
  type Policy,
  resolveCredential,
  type StoppedPoolMode,
  type UnknownPoolsMode,
} from '@aks-scaler/core';
import type { ParsedOverrideConfig } from '@aks-scaler/policies';
// Only what NODE_POOLS_AMOUNT needs: the config's schemas (and their library) load only for SCALER_CONFIG.
import { fromNodePoolsAmount, withTagOverrides } from '@aks-scaler/policies/node-pools-amount';
import type { NotifySink } from '../notify/notify-sink.js';
import type { ScalerSelector } from './config-entries.js';
import { buildConfigTargets, type ConfigTargets, configHash } from './config-targets.js';
import { DEFAULT_CONCURRENCY } from './defaults.js';
import { type PodSettings, type ReadPodSettingsOptions, readPodSettings } from './env.js';
import { type SettingNames, settingNames } from './env-variables.js';
import { type KubernetesSetup, readKubernetesSetup } from './kubernetes-access.js';
import { type ShardScope, shardTargets } from './shard-scope.js';
import type { OperationDurationsState, StatePart } from './target-state.js';
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
  /** What a count for a stopped pool does (the config's `stoppedPools`). @default 'skip' */
  stoppedPools?: StoppedPoolMode;
  /**
   * What a decision for a pool the cluster lacks does: the config's `unknownPools` for this cluster's entry, else
   * `SCALER_UNKNOWN_POOLS`, else `error` (exit 2 before any write).
   */
  unknownPools: UnknownPoolsMode;
  /** The config entry (`clusters[1]`) whose selector discovered the cluster; absent for a cluster listed by name. */
  selector?: string;
  /**
   * A hash of the config's policy part, saved with the policy's state: a state saved under another hash belongs
   * to another config and is not restored. Absent for a policy that keeps no state.
   */
  policyHash?: string;
  /**
   * Builds this target's policy again with a saved state (`policyFromConfig(config, { initialState })`), for a
   * restarted pod; the warnings name the parts of the state that did not fit.
   */
  restorePolicy?: (initialState: unknown) => { policy: Policy; warnings: readonly ConfigIssue[] };
  /** The cluster's learned operation durations, saved in `state.json`, once something learns them. */
  operationDurations?: StatePart<OperationDurationsState>;
}

/** Everything a run needs, validated. */
export interface ScalerSetup {
  /** The settings from the environment. */
  settings: PodSettings;
  /** The clusters listed by name, and their policies (only this shard's, with `SCALER_SHARD`). */
  targets: ScalerTarget[];
  /**
   * The config's entries that discover clusters by tag, resolved at every reconcile (only this shard's, with
   * `SCALER_SHARD`).
   */
  selectors: ScalerSelector[];
  /** With `SCALER_SHARD`: which shard this process is, and how many entries it took of how many. */
  shard?: ShardScope;
  /** Operations in flight overall: `SCALER_CONCURRENCY`, else the config's `limits.concurrency`, else `DEFAULT_CONCURRENCY` (4). */
  concurrency: number;
  /** The credential for ARM. */
  credential: ScalerCredential;
  /** Which credential was chosen and why. */
  credentialDescription: string;
  /**
   * Non-fatal remarks for the log: variables a config overrides, and what the config says that is surely not
   * meant (`policy.schedule.rules[1]: never wins: ...`).
   */
  warnings: string[];
  /** With `kubernetes: true`: the Kubernetes settings and access. */
  kubernetes?: KubernetesSetup;
  /** The config file (`SCALER_CONFIG`) and the sha256 of the content read, when there is one. */
  config?: { path: string; hash: string };
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
   * Also read the Kubernetes variables and find how to reach the API (the pod; the CLI never talks to Kubernetes):
   * `SCALER_KUBERNETES=on` without a Kubernetes config is one more problem.
   * @default false
   */
  kubernetes?: boolean;
  /**
   * "Now" for the config: its `overrides[].until` may be at most 30 days after it, and its warnings (a schedule
   * window that is over, an override that has expired) are about it.
   * @default () => new Date()
   */
  now?: () => Date;
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

  let kubernetes: KubernetesSetup | undefined;
  if (options.kubernetes === true) {
    const read = readKubernetesSetup(env, names);
    issues.push(...read.issues);
    warnings.push(...read.warnings);
    kubernetes = read.kubernetes;
  }

  let targets: ScalerTarget[] = [];
  let selectors: ScalerSelector[] = [];
  let shard: ShardScope | undefined;
  let configConcurrency: number | undefined;
  let config: ScalerSetup['config'];
  let notify: NotifySink[] = [];
  let overrides: ParsedOverrideConfig[] = [];
  if (settings.configPath !== undefined) {
    const loaded = await clustersFromConfig(settings, names, credential, options);
    issues.push(...loaded.issues);
    targets = loaded.targets;
    selectors = loaded.selectors;
    shard = loaded.shard;
    configConcurrency = loaded.concurrency;
    overrides = loaded.overrides ?? [];
    if (loaded.notify !== undefined && loaded.notify.length > 0) {
      try {
        // Loaded only for a config that has webhooks, like the config's own modules.
        const { resolveNotifySinks } = await import('../notify/notify-sinks.js');
        notify = resolveNotifySinks(loaded.notify, { env });
      } catch (error) {
        issues.push(...issuesOf(error, 'notify'));
      }
    }
    warnings.push(...loaded.warnings.map((warning) => `${warning.path}: ${warning.message}`));
    if (loaded.hash !== undefined) config = { path: settings.configPath, hash: loaded.hash };
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
      const sharded = shardTargets(
        [
          {
            cluster: settings.cluster,
            // The pools' override tags beat NODE_POOLS_AMOUNT as they beat a config's policy.
            policy: withTagOverrides(policy),
            unknownPools: settings.unknownPools ?? 'error',
            ...(settings.location !== undefined && { location: settings.location }),
          },
        ],
        [],
        settings.shard,
      );
      targets = sharded.targets;
      shard = sharded.scope;
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
    selectors,
    ...(shard !== undefined && { shard }),
    concurrency: settings.concurrency ?? configConcurrency ?? DEFAULT_CONCURRENCY,
    credential,
    credentialDescription,
    warnings,
    ...(kubernetes !== undefined && { kubernetes }),
    ...(config !== undefined && { config }),
    notify,
    overrides,
  };
}

/** The config file's clusters, each with a policy of its own, its concurrency limit, and its warnings. */
async function clustersFromConfig(
  settings: PodSettings,
  names: SettingNames,
  credential: ScalerCredential | undefined,
  options: LoadScalerSetupOptions,
): Promise<ConfigTargets & { hash?: string }> {
  const path = settings.configPath!;
  const configName = names.nameOf('SCALER_CONFIG');
  let text: string;
  try {
    text = await (options.readTextFile ?? ((p: string) => readFile(p, 'utf8')))(path);
  } catch (error) {
    return {
      targets: [],
      selectors: [],
      states: [],
      warnings: [],
      issues: issuesOf(error, configName, `cannot read ${path}`),
    };
  }
  const built = await buildConfigTargets(text, {
    path,
    configName,
    credential,
    armEndpoint: settings.armEndpoint,
    unknownPools: settings.unknownPools,
    shard: settings.shard,
    now: (options.now ?? (() => new Date()))(),
  });
  return { ...built, hash: configHash(text) };
}

/**
 * The static policy of `NODE_POOLS_AMOUNT` (throws its `ConfigError`), whose reasons name the flag when the value
 * came from one (`--pools`).
 */
export function nodePoolsAmountPolicy(text: string, names: SettingNames): Policy {
  const source = names.nameOf('NODE_POOLS_AMOUNT');
  return fromNodePoolsAmount(text, { source });
}

/** The problems of `NODE_POOLS_AMOUNT`, in the words of the flag when the value came from one. */
export function issuesInWords(error: unknown, names: SettingNames): ConfigIssue[] {
  const issues = issuesOf(error, 'NODE_POOLS_AMOUNT');
  const name = names.nameOf('NODE_POOLS_AMOUNT');
  return name === 'NODE_POOLS_AMOUNT' ? issues : inFlagWords(issues, 'NODE_POOLS_AMOUNT', name);
}

function issuesOf(error: unknown, path: string, prefix?: string): ConfigIssue[] {
  if (error instanceof ConfigError && error.issues.length > 0) return [...error.issues];
  const message = error instanceof Error ? error.message : String(error);
  return [{ path, message: prefix ? `${prefix}: ${message}` : message }];
}
