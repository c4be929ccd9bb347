import { ConfigError, type ConfigIssue, OperationConflictError } from './errors.js';
import type { NodePool } from './types.js';

/** Characters Azure refuses in a tag name. */
const FORBIDDEN_IN_NAME = /[<>%&\\?/]/;
/** Azure's longest tag name on a resource such as an agent pool. */
const MAX_TAG_NAME_LENGTH = 512;
/** Azure's longest tag value. */
const MAX_TAG_VALUE_LENGTH = 256;

/**
 * Checks tag changes before anything is written: each name must be one Azure accepts (1-512 characters, none of
 * `< > % & \ ? /`), each value a string of at most 256 characters, or `null` to remove the tag. Throws one
 * `ConfigError` listing every problem, each with the tag's name as its path.
 *
 * @example
 * ```ts
 * validateTagChanges({ 'aks-scaler-override': 'pause', 'aks-scaler-reason': null });
 * ```
 */
export function validateTagChanges(changes: Readonly<Record<string, string | null>>): void {
  const issues: ConfigIssue[] = [];
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
    throw new ConfigError('Tag changes must be an object of tag name -> value (or null to remove the tag).', {
      issues: [{ path: 'changes', message: 'expected an object of tag name -> string or null' }],
    });
  }
  for (const [name, value] of Object.entries(changes)) {
    if (name.length === 0 || name.length > MAX_TAG_NAME_LENGTH || FORBIDDEN_IN_NAME.test(name)) {
      issues.push({
        path: `tags.${name}`,
        message: `Azure refuses this tag name: use 1-${MAX_TAG_NAME_LENGTH} characters without < > % & \\ ? /`,
      });
    }
    if (value === null) continue;
    if (typeof value !== 'string') {
      issues.push({
        path: `tags.${name}`,
        message: `expected a string, or null to remove it, got ${typeof value}`,
      });
    } else if (value.length > MAX_TAG_VALUE_LENGTH) {
      issues.push({
        path: `tags.${name}`,
        message: `Azure keeps at most ${MAX_TAG_VALUE_LENGTH} characters in a tag value, got ${value.length}; shorten it`,
      });
    }
  }
  if (issues.length > 0) {
    throw new ConfigError(
      `Invalid tag change; nothing was written: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
}

/** The pool's tags with `changes` applied: strings set, `null` removed, every other tag kept. */
export function applyTagChanges(
  tags: Readonly<Record<string, string>> | undefined,
  changes: Readonly<Record<string, string | null>>,
): Record<string, string> {
  const next: Record<string, string> = { ...(tags ?? {}) };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete next[name];
    else next[name] = value;
  }
  return next;
}

/** What {@link updateTagsOnce} needs from a client. */
export interface TagWriter {
  /** Writes the changes to the pool as given (its eTag is the `If-Match`). */
  write(pool: NodePool): Promise<NodePool>;
  /** Reads the pool again. */
  read(pool: NodePool): Promise<NodePool>;
}

/**
 * Writes tag changes, and when the pool changed since it was read (a `changed` conflict: ARM 412, or an operation
 * that ran while the write waited), writes them once more on the pool as read again: tags do not depend on the
 * rest of the pool, so they are applied to whatever it now is. A second conflict is the caller's.
 */
export async function updateTagsOnce(pool: NodePool, writer: TagWriter): Promise<NodePool> {
  try {
    return await writer.write(pool);
  } catch (error) {
    if (!(error instanceof OperationConflictError) || error.reason !== 'changed') throw error;
    const latest = isNodePool(error.latest) ? error.latest : await writer.read(pool);
    return writer.write(latest);
  }
}

function isNodePool(value: unknown): value is NodePool {
  return typeof value === 'object' && value !== null && 'name' in value && 'provisioningState' in value;
}
