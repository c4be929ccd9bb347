import { ConfigError } from '@aks-scaler/core/errors';
import { parseDocument } from 'yaml';
import { type ScalerConfig, scalerConfigSchema } from './config-schema.js';
import { overridesIssues } from './override-schema.js';
import { formatIssues } from './pool-counts.js';
import { validateWith } from './validation.js';

/** Options of {@link parseScalerConfig}. */
export interface ParseScalerConfigOptions {
  /** The file name, shown in messages. @default 'SCALER_CONFIG' */
  source?: string | undefined;
  /**
   * The instant the 30-day limit of `overrides[].until` is checked against (an override may end at most 30 days
   * after it).
   * @default the current time
   */
  now?: Date | undefined;
}

/** The configs this package validated, so that building their policies does not validate them again. */
const validated = new WeakSet<object>();

/**
 * Parses and validates a `SCALER_CONFIG` file (YAML or JSON). Throws one `ConfigError` listing every problem
 * with its path, the value found and what is expected; unknown keys are errors. The result has its durations
 * parsed (in milliseconds) and is trusted as it is by {@link policyFromConfig}.
 *
 * @example
 * ```ts
 * const config = parseScalerConfig(await readFile(path, 'utf8'), { source: path });
 * const policy = policyFromConfig(config);
 * ```
 */
export function parseScalerConfig(text: string, options: ParseScalerConfigOptions = {}): ScalerConfig {
  const source = options.source ?? 'SCALER_CONFIG';
  if (typeof text !== 'string' || text.trim() === '') {
    throw new ConfigError(`${source} is empty: it needs at least \`clusters\` and \`policy\`.`, {
      issues: [{ path: '(root)', message: 'the file is empty' }],
    });
  }
  const document = parseDocument(text, {
    uniqueKeys: true,
    prettyErrors: true,
    strict: true,
    logLevel: 'silent',
  });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    const issues = problems.map((error) => ({
      path: error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '(syntax)',
      message: (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, ''),
    }));
    throw new ConfigError(`${source} is not valid YAML or JSON:\n${formatIssues(issues)}`, { issues });
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${source} could not be read: ${message}`, {
      cause: error,
      issues: [{ path: '(root)', message }],
    });
  }
  return validateScalerConfig(data, source, options.now === undefined ? {} : { now: options.now });
}

/**
 * Validates an already parsed config object (raw YAML or JSON data), throwing one `ConfigError` with every
 * problem. Like {@link parseScalerConfig}, it returns the config with its durations parsed; `options.now` is the
 * instant the 30-day limit of `overrides` is checked against (default: the current time).
 */
export function validateScalerConfig(
  data: unknown,
  source = 'SCALER_CONFIG',
  options: { now?: Date | undefined } = {},
): ScalerConfig {
  const now = options.now ?? new Date();
  const config = validateWith(scalerConfigSchema, data, {
    title: `${source} is invalid`,
    also: (raw) => configOverridesIssues(raw, now),
  });
  validated.add(config);
  return config;
}

/**
 * The problems of the raw config's `overrides` that depend on the clock or on its clusters. A `cluster` name is
 * checked against the listed clusters only when every entry names one: a selector finds its clusters at run time.
 */
function configOverridesIssues(raw: unknown, now: Date) {
  if (typeof raw !== 'object' || raw === null) return [];
  const { overrides, clusters } = raw as { overrides?: unknown; clusters?: unknown };
  if (!Array.isArray(overrides)) return [];
  const named = Array.isArray(clusters) && clusters.every((c) => typeof c?.name === 'string');
  const names = named ? clusters.map((c) => c.name as string) : undefined;
  return overridesIssues(overrides, { now, clusters: names });
}

/** Whether `config` came from {@link parseScalerConfig} or {@link validateScalerConfig}. */
export function isValidatedConfig(config: unknown): config is ScalerConfig {
  return typeof config === 'object' && config !== null && validated.has(config);
}
