import { createHash } from 'node:crypto';
import { ConfigError, type ConfigIssue, type Policy, type UnknownPoolsMode } from '@aks-scaler/core';
import { clusterKey } from '@aks-scaler/core/common';
import type {
  ConfigPolicy,
  NotifyConfig,
  ParsedOverrideConfig,
  TokenCredentialLike,
} from '@aks-scaler/policies';
import { entryOptions, type ScalerSelector, selectorsOf } from './config-entries.js';
import type { ShardSettings } from './env-shard.js';
import type { ScalerTarget } from './setup.js';
import { inShard, type ShardScope } from './shard-scope.js';
import { hashPolicyConfig } from './target-state.js';

/**
 * What became of a cluster's policy state when a config was built beside a running one: `new` (the cluster was
 * not in the running config), `none` (its running policy held no state), `carried` (the new policy took it all
 * back, by position in the policy tree) or `fresh` (some or all of it did not fit the new tree and started fresh;
 * `stateIgnored` names those parts).
 */
export type PolicyStateCarry = 'new' | 'none' | 'carried' | 'fresh';

/** One target of a built config, and what became of its policy state. */
export interface TargetState {
  /** What became of the state. */
  state: PolicyStateCarry;
  /** The parts of the saved state that did not fit (config paths), when `state` is `fresh`. */
  stateIgnored?: ConfigIssue[];
}

/** Options of {@link buildConfigTargets}. */
export interface BuildConfigTargetsOptions {
  /** The file the text came from, shown in messages. */
  path: string;
  /** The name problems with the file itself are filed under (`SCALER_CONFIG`, or the flag `--config`). */
  configName: string;
  /** The credential Azure Monitor sources use; never called while building. */
  credential?: TokenCredentialLike | undefined;
  /** The ARM endpoint for Azure Monitor. */
  armEndpoint?: string | undefined;
  /**
   * What a decision for a pool the cluster lacks does, for clusters whose config entry does not say
   * (`SCALER_UNKNOWN_POOLS`).
   * @default 'error'
   */
  unknownPools?: UnknownPoolsMode | undefined;
  /** The running targets, whose policies' state each new target of the same cluster takes back. */
  previous?: readonly ScalerTarget[] | undefined;
  /** "Now" for the config: the 30-day limit of its overrides, and its warnings (a window that is over). */
  now: Date;
  /** `SCALER_SHARD`: only the entries whose subscription hashes to this shard are built. */
  shard?: ShardSettings | undefined;
}

/** A config file turned into targets, or the problems that stop it. */
export interface ConfigTargets {
  /** The clusters listed by name and their policies; empty when there are problems. */
  targets: ScalerTarget[];
  /** The entries that discover clusters by tag (their clusters' policies are built when discovered). */
  selectors: ScalerSelector[];
  /** With a shard: which one, and how many entries it took of how many. */
  shard?: ShardScope;
  /** Per target, by index: what became of its policy state. */
  states: TargetState[];
  /** The config's `limits.concurrency`. */
  concurrency?: number;
  /** The config's `notify` webhooks, as written (their `urlFromEnv` not yet read). */
  notify?: NotifyConfig | undefined;
  /** The config's `overrides`, validated. */
  overrides?: ParsedOverrideConfig[] | undefined;
  /** Every problem; the config is valid when there is none. */
  issues: ConfigIssue[];
  /** What the config says that is surely not meant (a rule that never wins...), each with its path. */
  warnings: ConfigIssue[];
}

/** The sha256 of a config file's content (hex): what tells a changed file from an identical one. */
export function configHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Validates a config file's text and builds one policy instance per cluster (policy state is kept by pool name,
 * and pool names repeat across clusters). With `previous`, each cluster that was already running takes back its
 * policy's state (`toJSON()` as `initialState`), matched by subscription, resource group and name. Never throws:
 * problems are returned.
 */
export async function buildConfigTargets(
  text: string,
  options: BuildConfigTargetsOptions,
): Promise<ConfigTargets> {
  try {
    // Loaded only when a config file is used: the schema and the schedule and metric policies stay out of memory
    // for the NODE_POOLS_AMOUNT path.
    const { parseScalerConfig, policyFromConfig, scalerConfigWarnings } = await import('./config-policy.js');
    const config = parseScalerConfig(text, { source: options.path, now: options.now });
    const policyOptions = {
      source: options.path,
      ...(options.credential !== undefined && { credential: options.credential }),
      ...(options.armEndpoint !== undefined && { armEndpoint: options.armEndpoint }),
    };
    const running = new Map<string, ScalerTarget[]>();
    for (const target of options.previous ?? []) {
      const list = running.get(targetKey(target)) ?? [];
      running.set(targetKey(target), [...list, target]);
    }
    // Built (and so validated) even when the config lists no cluster.
    let unused: ConfigPolicy | undefined = policyFromConfig(config, policyOptions);
    // What a restarted pod needs to give a cluster its saved state back (state.json): the policy part's hash tells
    // a state of this config from another's, and the tree is rebuilt with the state by position.
    const policyHash = hashPolicyConfig(config.policy);
    const restorePolicy = (initialState: unknown) => {
      const restored = policyFromConfig(config, { ...policyOptions, initialState });
      return { policy: restored, warnings: restored.warnings };
    };
    /** A policy for one cluster: the state of `previous` carried where the tree allows it, else a fresh one. */
    const policyFor = (previous: Policy | undefined) => {
      const saved = previous === undefined ? undefined : stateOf(previous);
      const carries = saved !== undefined && holdsState(saved);
      const policy: ConfigPolicy =
        !carries && unused !== undefined
          ? unused
          : policyFromConfig(config, { ...policyOptions, ...(carries && { initialState: saved }) });
      if (policy === unused) unused = undefined;
      return { policy, carries };
    };
    const shared = { policyHash, restorePolicy };
    const defaults = { unknownPools: options.unknownPools };
    const selectors = selectorsOf(config, (previous) => policyFor(previous).policy, shared, defaults).filter(
      (selector) => inShard(selector.scope.subscriptionId, options.shard),
    );
    const targets: ScalerTarget[] = [];
    const states: TargetState[] = [];
    for (const entry of config.clusters) {
      if (entry.selector !== undefined || !inShard(entry.subscription, options.shard)) continue;
      const cluster = {
        subscriptionId: entry.subscription,
        resourceGroup: entry.resourceGroup,
        clusterName: entry.name,
      };
      const before = running.get(clusterKey(cluster))?.shift();
      const { policy, carries } = policyFor(before?.policy);
      const ignored = [...policy.warnings];
      states.push(
        before === undefined
          ? { state: 'new' }
          : !carries
            ? { state: 'none' }
            : ignored.length === 0
              ? { state: 'carried' }
              : { state: 'fresh', stateIgnored: ignored },
      );
      targets.push({ cluster, policy, ...shared, ...entryOptions(entry, defaults) });
    }
    return {
      targets,
      selectors,
      ...(options.shard !== undefined && {
        shard: {
          ...options.shard,
          taken: targets.length + selectors.length,
          total: config.clusters.length,
        },
      }),
      states,
      issues: [],
      warnings: scalerConfigWarnings(config, { now: options.now }),
      ...(config.limits?.concurrency !== undefined && { concurrency: config.limits.concurrency }),
      ...(config.notify !== undefined && { notify: config.notify }),
      ...(config.overrides !== undefined && { overrides: config.overrides }),
    };
  } catch (error) {
    const issues =
      error instanceof ConfigError && error.issues.length > 0
        ? [...error.issues]
        : [
            {
              path: options.configName,
              message: `${options.path}: ${error instanceof Error ? error.message : String(error)}`,
            },
          ];
    return { targets: [], selectors: [], states: [], issues, warnings: [] };
  }
}

function targetKey(target: Pick<ScalerTarget, 'cluster'>): string {
  return clusterKey(target.cluster);
}

/** A policy's saved state: its `toJSON()`, or `undefined` for a policy that keeps none. */
function stateOf(policy: Policy): unknown {
  const toJSON = (policy as { toJSON?: () => unknown }).toJSON;
  return typeof toJSON === 'function' ? toJSON.call(policy) : undefined;
}

/** Whether a saved state holds anything (a tree of stateless policies saves only nulls). */
function holdsState(state: unknown): boolean {
  if (state === null || state === undefined) return false;
  if (Array.isArray(state)) return state.some(holdsState);
  return true;
}
