import { readFile } from 'node:fs/promises';
import {
  type AutoscalerPoolMode,
  type ClusterRef,
  ConfigError,
  type ConfigIssue,
  type Policy,
  resolveCredential,
} from '@aks-scaler/core';
import { fromNodePoolsAmount } from '@aks-scaler/policies';
import { type PodSettings, type ReadPodSettingsOptions, readPodSettings } from './env.js';

/** The credential type `resolveCredential` returns (an `@azure/core-auth` TokenCredential). */
export type ScalerCredential = ReturnType<typeof resolveCredential>['credential'];

/** One cluster to reconcile, with its policy. */
export interface ScalerTarget {
  /** The cluster. */
  cluster: ClusterRef;
  /** The region the operator expects the cluster in (checked; a mismatch is a warning). */
  location?: string;
  /** The policy deciding its pools' counts. */
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
  /** Operations in flight overall: `SCALER_CONCURRENCY`, else the config's `limits.concurrency`, else 4. */
  concurrency: number;
  /** The credential for ARM. */
  credential: ScalerCredential;
  /** Which credential was chosen and why. */
  credentialDescription: string;
  /** Non-fatal remarks for the log (e.g. variables a config overrides). */
  warnings: string[];
}

/** Options of {@link loadScalerSetup}. */
export interface LoadScalerSetupOptions extends ReadPodSettingsOptions {
  /** Reads `SCALER_CONFIG`. @default fs.readFile as UTF-8 */
  readTextFile?: (path: string) => Promise<string>;
  /** Extra CA certificates (PEM) for the identity client. */
  ca?: string;
}

/**
 * Reads the environment, the credential settings and the policy (`NODE_POOLS_AMOUNT` or `SCALER_CONFIG`) and
 * validates all of it before anything talks to Azure. Throws one `ConfigError` listing every problem.
 */
export async function loadScalerSetup(
  env: NodeJS.ProcessEnv,
  options: LoadScalerSetupOptions = {},
): Promise<ScalerSetup> {
  const { settings, issues } = readPodSettings(env, options);
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
  const noPolicy: Policy = { name: 'none', evaluate: () => [] };
  if (settings.configPath !== undefined) {
    const path = settings.configPath;
    let text: string | undefined;
    try {
      text = await (options.readTextFile ?? ((p: string) => readFile(p, 'utf8')))(path);
    } catch (error) {
      issues.push(...issuesOf(error, 'SCALER_CONFIG', `cannot read ${path}`));
    }
    if (text !== undefined) {
      try {
        const { parseScalerConfig, policyFromConfig } = await import('./config-policy.js');
        const config = parseScalerConfig(text, { source: path });
        const policy = policyFromConfig(config, {
          source: path,
          ...(credential !== undefined && { credential }),
          ...(settings.armEndpoint !== undefined && { armEndpoint: settings.armEndpoint }),
        });
        configConcurrency = config.limits?.concurrency;
        for (const entry of config.clusters) {
          targets.push({
            cluster: {
              subscriptionId: entry.subscription,
              resourceGroup: entry.resourceGroup,
              clusterName: entry.name,
            },
            policy,
            ...(entry.location !== undefined && { location: entry.location }),
            ...(entry.autoscalerPools !== undefined && { autoscalerPools: entry.autoscalerPools }),
          });
        }
      } catch (error) {
        issues.push(...issuesOf(error, 'SCALER_CONFIG', path));
      }
    }
    if (settings.nodePoolsAmount !== undefined) {
      warnings.push('NODE_POOLS_AMOUNT is ignored: SCALER_CONFIG is set and its policy applies.');
    }
    if (settings.cluster !== undefined) {
      warnings.push(
        'SUBSCRIPTION, RESOURCE_GROUP and CLUSTER_NAME are ignored: SCALER_CONFIG lists the clusters.',
      );
    }
  } else {
    let policy = noPolicy;
    if (settings.nodePoolsAmount !== undefined) {
      try {
        policy = fromNodePoolsAmount(settings.nodePoolsAmount);
      } catch (error) {
        issues.push(...issuesOf(error, 'NODE_POOLS_AMOUNT'));
      }
    }
    if (settings.cluster !== undefined) {
      targets.push({
        cluster: settings.cluster,
        policy,
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
    concurrency: settings.concurrency ?? configConcurrency ?? 4,
    credential,
    credentialDescription,
    warnings,
  };
}

function issuesOf(error: unknown, path: string, prefix?: string): ConfigIssue[] {
  if (error instanceof ConfigError && error.issues.length > 0) return [...error.issues];
  const message = error instanceof Error ? error.message : String(error);
  return [{ path, message: prefix ? `${prefix}: ${message}` : message }];
}
