import { ConfigError, type ConfigIssue } from '@aks-scaler/core/errors';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { type ScalerConfig, scalerConfigSchema } from './config-schema.js';
import { formatIssues } from './pool-counts.js';

/** Options of {@link parseScalerConfig}. */
export interface ParseScalerConfigOptions {
  /** The file name, shown in messages. @default 'SCALER_CONFIG' */
  source?: string;
}

/**
 * Parses and validates a `SCALER_CONFIG` file (YAML or JSON). Throws one `ConfigError` listing every problem
 * with its path, the value found and what is expected; unknown keys are errors.
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
  return validateScalerConfig(data, source);
}

/** Validates an already parsed config object, throwing one `ConfigError` with every problem. */
export function validateScalerConfig(data: unknown, source = 'SCALER_CONFIG'): ScalerConfig {
  return validateWith(scalerConfigSchema, data, source) as ScalerConfig;
}

/** Runs a zod schema and turns its issues into one `ConfigError`. */
export function validateWith(schema: z.ZodType, data: unknown, source: string): unknown {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues.map(toConfigIssue);
  const noun = issues.length === 1 ? 'problem' : 'problems';
  throw new ConfigError(`${source} is invalid: ${issues.length} ${noun}:\n${formatIssues(issues)}`, {
    issues,
  });
}

const SECRET_KEYS = /token|password|secret|headers|authorization/i;

/** Whether a value may be shown in a message: never a credential, nor a webhook URL (`notify[].url`). */
function isShowable(path: readonly PropertyKey[]): boolean {
  if (path.some((part) => SECRET_KEYS.test(String(part)))) return false;
  return !(path.includes('notify') && path[path.length - 1] === 'url');
}

function toConfigIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const path = formatPath(issue.path);
  let message = issue.message;
  if (issue.code === 'invalid_key') {
    const key = issue.path[issue.path.length - 1];
    message = `pool name ${JSON.stringify(String(key))} is not valid: use 1-12 lowercase letters or digits, starting with a letter`;
  } else if (issue.code === 'unrecognized_keys') {
    message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `'${key}'`).join(', ')}: check the spelling (unknown keys are not ignored)`;
  } else if ('input' in issue && isShowable(issue.path)) {
    const shown = showInput(issue.input);
    if (shown !== undefined) message += ` (found ${shown})`;
  }
  return { path, message };
}

function showInput(input: unknown): string | undefined {
  if (input === undefined) return 'nothing';
  if (Array.isArray(input)) return input.length === 0 ? 'an empty list' : `a list of ${input.length}`;
  if (typeof input === 'object' && input !== null) return 'an object';
  const text = JSON.stringify(input) ?? String(input);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Formats a zod path as `policy.max[1].schedule.timezone`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}
