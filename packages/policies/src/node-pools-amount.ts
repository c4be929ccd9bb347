import type { ConfigIssue } from '@aks-scaler/core/errors';
import { parse as parseYaml } from 'yaml';
import { describeValue, poolCountIssues, throwIfIssues } from './pool-counts.js';

const VARIABLE = 'NODE_POOLS_AMOUNT';
const EXAMPLE = '{ "manualpool2": 5, "manualpool3": 5 }';

/**
 * Parses the `NODE_POOLS_AMOUNT` environment variable: a JSON object of pool name -> node count,
 * e.g. `{ "manualpool2": 5, "manualpool3": 5 }` (surrounding whitespace allowed).
 *
 * Rejects, with a `ConfigError` whose issues name the offending key: text that is not JSON (the message
 * shows the quoted form to put in a Pod spec), anything but an object, duplicate keys, pool names not matching
 * `^[a-z][a-z0-9]{0,11}$`, and counts that are not integers from 0 to 1000.
 *
 * @example
 * ```ts
 * parseNodePoolsAmount('{ "manualpool2": 5, "manualpool3": 5 }'); // { manualpool2: 5, manualpool3: 5 }
 * ```
 */
export function parseNodePoolsAmount(text: string): Record<string, number> {
  const trimmed = text.trim();
  if (trimmed === '') {
    throwIfIssues(`${VARIABLE} is empty`, [
      { path: VARIABLE, message: `set it to a JSON object of pool name -> node count, e.g. ${EXAMPLE}` },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    throwIfIssues(`${VARIABLE} is not valid JSON`, [
      { path: VARIABLE, message: notJsonMessage(trimmed, error) },
    ]);
  }
  if (typeof value === 'string') {
    throwIfIssues(`${VARIABLE} is not a JSON object`, [
      {
        path: VARIABLE,
        message: `it is a JSON string (quoted twice?): remove the outer quotes so the value reads ${EXAMPLE}`,
      },
    ]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throwIfIssues(`${VARIABLE} is not a JSON object`, [
      {
        path: VARIABLE,
        message: `expected an object of pool name -> node count such as ${EXAMPLE}, got ${describeValue(value)}`,
      },
    ]);
  }
  const issues: ConfigIssue[] = [];
  for (const key of duplicateTopLevelKeys(trimmed)) {
    issues.push({
      path: `${VARIABLE}.${key}`,
      message: `pool ${describeValue(key)} appears more than once: name each pool once`,
    });
  }
  const counts: Record<string, number> = {};
  for (const [pool, count] of Object.entries(value as Record<string, unknown>)) {
    const found = poolCountIssues(`${VARIABLE}.${pool}`, pool, count);
    issues.push(...found);
    if (found.length === 0) counts[pool] = count as number;
  }
  throwIfIssues(`${VARIABLE} is invalid`, issues);
  return counts;
}

function notJsonMessage(text: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  const quoted = quotedForm(text);
  const fix = quoted
    ? `it looks like a YAML map; write JSON (pool names in double quotes) and, in a Pod spec, quote the whole value: value: '${quoted}'`
    : `write a JSON object with pool names in double quotes and, in a Pod spec, quote the whole value: value: '${EXAMPLE}'`;
  return `${fix} (JSON error: ${detail.length > 120 ? `${detail.slice(0, 117)}...` : detail})`;
}

/** The JSON form of a YAML-looking map of pool -> count, or undefined when the text is not one. */
function quotedForm(text: string): string | undefined {
  let value: unknown;
  try {
    value = parseYaml(text, { logLevel: 'silent' });
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return undefined;
  const parts: string[] = [];
  for (const [key, count] of entries) {
    const number = typeof count === 'string' && /^\d{1,4}$/.test(count) ? Number(count) : count;
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(key) || typeof number !== 'number' || !Number.isFinite(number)) {
      return undefined;
    }
    parts.push(`${JSON.stringify(key)}: ${number}`);
  }
  return `{ ${parts.join(', ')} }`;
}

/**
 * The keys that occur more than once at the top level of a JSON object (`JSON.parse` silently keeps the last).
 * Expects text that `JSON.parse` accepted.
 */
export function duplicateTopLevelKeys(json: string): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (char === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (seen.has(key)) duplicates.add(key);
        seen.add(key);
        expectKey = false;
      }
      i = end;
    } else if (char === '{' || char === '[') {
      depth++;
      expectKey = depth === 1 && char === '{';
    } else if (char === '}' || char === ']') {
      depth--;
    } else if (char === ',' && depth === 1) {
      expectKey = true;
    }
  }
  return [...duplicates];
}
