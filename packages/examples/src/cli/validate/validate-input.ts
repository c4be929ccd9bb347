import { readFile } from 'node:fs/promises';
import type { ConfigIssue } from '@aks-scaler/core';
import { buildConfigTargets } from '../../pod/config-targets.js';
import {
  type PodVariable,
  readVariable,
  type SettingNames,
  type SettingSources,
  SUBSCRIPTION_VARIABLES,
  settingNames,
} from '../../pod/env-variables.js';
import { issuesInWords, nodePoolsAmountPolicy } from '../../pod/setup.js';

/** What `aks-scaler validate` found: the `--json` output, exactly. */
export interface ValidationResult {
  /** No problem: the pod would start with this input. */
  ok: boolean;
  /** What the pod would refuse at start, each with its path and what is expected. */
  problems: ConfigIssue[];
  /** What it would accept but is surely not meant. */
  warnings: ConfigIssue[];
}

/** Options of {@link validateInput}. */
export interface ValidateInputOptions {
  /** Which values came from flags, so paths name what the user typed. */
  sources: SettingSources;
  /** "Now" for windows that are over. */
  now: Date;
  /** Stops reading the config file (the CLI's SIGINT). */
  abortSignal?: AbortSignal | undefined;
}

/** Azure Monitor sources get a credential, as in the pod; validating never asks it for a token. */
const OFFLINE_CREDENTIAL = {
  getToken: async (): Promise<null> => {
    throw new Error('aks-scaler validate works offline and never asks for a token');
  },
};

/** The variables a config file's `clusters` replace. */
const CLUSTER_VARIABLES: readonly PodVariable[] = [
  ...SUBSCRIPTION_VARIABLES,
  'RESOURCE_GROUP',
  'CLUSTER_NAME',
  'LOCATION',
];

/**
 * Validates what the pod's policy comes from, `SCALER_CONFIG` (`--config`) or else `NODE_POOLS_AMOUNT`
 * (`--pools`), the way the pod does at start, without a credential, a token or any request: every problem, and
 * apart from them the warnings of the config (a rule that never wins, a window that is over...) and of the
 * variables beside it (values the config makes the pod ignore, `SCALER_CONCURRENCY` over `limits.concurrency`).
 *
 * @example
 * ```ts
 * const { env, sources } = clusterInput(process.env, options, command);
 * const result = await validateInput(env, { sources, now: new Date() });
 * ```
 */
export async function validateInput(
  env: NodeJS.ProcessEnv,
  options: ValidateInputOptions,
): Promise<ValidationResult> {
  const names = settingNames(options.sources);
  const configPath = readVariable(env, 'SCALER_CONFIG');
  const pools = readVariable(env, 'NODE_POOLS_AMOUNT');
  const problems: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  if (configPath !== undefined) {
    const configName = names.nameOf('SCALER_CONFIG');
    let text: string | undefined;
    try {
      text = await readFile(configPath, {
        encoding: 'utf8',
        ...(options.abortSignal !== undefined && { signal: options.abortSignal }),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push({ path: configName, message: `cannot read ${configPath}: ${message}` });
    }
    if (text !== undefined) {
      const built = await buildConfigTargets(text, {
        path: configPath,
        configName,
        credential: OFFLINE_CREDENTIAL,
        now: options.now,
      });
      problems.push(...built.issues);
      warnings.push(...built.warnings, ...overriddenVariables(env, names, configName));
      const concurrency = readVariable(env, 'SCALER_CONCURRENCY');
      if (built.concurrency !== undefined && concurrency !== undefined) {
        warnings.push({
          path: 'limits.concurrency',
          message: `SCALER_CONCURRENCY=${concurrency} is set in the environment and wins over ${built.concurrency}`,
        });
      }
    }
  } else if (pools !== undefined) {
    try {
      nodePoolsAmountPolicy(pools, names);
    } catch (error) {
      problems.push(...issuesInWords(error, names));
    }
  } else {
    const config = names.flagOf('SCALER_CONFIG') ?? 'SCALER_CONFIG';
    const amount = names.flagOf('NODE_POOLS_AMOUNT') ?? 'NODE_POOLS_AMOUNT';
    problems.push({
      path: names.missingPath('SCALER_CONFIG'),
      message: `nothing to validate: give ${config} <file> (a SCALER_CONFIG file) or ${amount} <json> (a NODE_POOLS_AMOUNT value), or set SCALER_CONFIG or NODE_POOLS_AMOUNT`,
    });
  }
  return { ok: problems.length === 0, problems, warnings };
}

/** The values the pod ignores because the config file lists the clusters and gives the policy. */
function overriddenVariables(env: NodeJS.ProcessEnv, names: SettingNames, configName: string): ConfigIssue[] {
  const ignored: ConfigIssue[] = [];
  if (readVariable(env, 'NODE_POOLS_AMOUNT') !== undefined) {
    ignored.push({
      path: names.nameOf('NODE_POOLS_AMOUNT'),
      message: `ignored, because ${configName} is set and its policy applies`,
    });
  }
  for (const variable of CLUSTER_VARIABLES) {
    if (readVariable(env, variable) === undefined) continue;
    ignored.push({
      path: names.nameOf(variable),
      message: `ignored, because ${configName} lists the clusters${variable === 'LOCATION' ? ' (give a cluster its location there)' : ''}`,
    });
  }
  return ignored;
}
