import type { ConfigIssue } from '@aks-scaler/core/errors';
import type { z } from 'zod';
import { configError } from './pool-counts.js';

/** How {@link validateWith} reports problems. */
export interface ValidateWithOptions {
  /** The start of the error message, e.g. `scaler.yaml is invalid` or `Invalid metric policy`. */
  title: string;
  /** Prepended to every issue's path, e.g. `metric` for `metric.tolerance`. */
  path?: string;
  /**
   * Problems the schema cannot see (e.g. what depends on a clock), found in the raw data: listed with the schema's
   * in one `ConfigError`, so every problem shows at once.
   */
  also?: ((data: unknown) => ConfigIssue[]) | undefined;
}

/**
 * Runs a zod schema (validating and parsing in one pass) and returns its output, or throws one `ConfigError`
 * listing every problem with its path, the value found (never for secret-looking keys) and what is expected.
 */
export function validateWith<S extends z.ZodType>(
  schema: S,
  data: unknown,
  options: ValidateWithOptions,
): z.output<S> {
  const result = schema.safeParse(data, { reportInput: true });
  const also = options.also?.(data) ?? [];
  if (result.success && also.length === 0) return result.data;
  const issues = result.success ? [] : result.error.issues.map((issue) => toConfigIssue(issue, options.path));
  throw configError(options.title, [...issues, ...also]);
}

const SECRET_KEYS = /token|password|secret|headers|authorization/i;

/** Whether a value may be shown in a message: never a credential, nor a webhook URL (`notify[].url`). */
function isShowable(path: readonly PropertyKey[]): boolean {
  if (path.some((part) => SECRET_KEYS.test(String(part)))) return false;
  return !(path.includes('notify') && path[path.length - 1] === 'url');
}

function toConfigIssue(issue: z.core.$ZodIssue, prefix: string | undefined): ConfigIssue {
  const path = formatPath(prefix === undefined ? issue.path : [prefix, ...issue.path]);
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
  if (typeof input === 'object' && input !== null) return rangeText(input) ?? 'an object';
  const text = JSON.stringify(input) ?? String(input);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A `{ min, max }` object (an autoscaler range or bounds) as typed, e.g. `{ min: 5, max: 2 }`; else undefined. */
function rangeText(input: object): string | undefined {
  const entries = Object.entries(input);
  if (entries.length === 0 || entries.length > 2) return undefined;
  if (!entries.every(([key, value]) => (key === 'min' || key === 'max') && typeof value === 'number')) {
    return undefined;
  }
  return `{ ${entries.map(([key, value]) => `${key}: ${value}`).join(', ')} }`;
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
