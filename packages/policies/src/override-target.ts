import type { NodePool } from '@aks-scaler/core';
import { MAX_POOL_COUNT, minPoolCount } from '@aks-scaler/core/common';

/**
 * What an override asks for a pool: a node count, `stop` (the pool is stopped), an autoscaler range
 * `{ min, max }`, or `pause` (nothing is written to the pool while it lasts).
 */
export type OverrideTarget = number | 'stop' | 'pause' | OverrideRange;

/** The cluster-autoscaler range an override asks for. */
export interface OverrideRange {
  /** The autoscaler's lower bound. */
  min: number;
  /** The autoscaler's upper bound. */
  max: number;
}

/** What the `aks-scaler-override` tag (and `aks-scaler override set`) accepts, for messages. */
export const OVERRIDE_TARGET_FORMS =
  "a node count such as 3, 'stop', 'pause', or an autoscaler range such as 2-10";

const COUNT = /^(0|[1-9]\d{0,3})$/;
const RANGE = /^(0|[1-9]\d{0,3})-(0|[1-9]\d{0,3})$/;

/**
 * Reads an override target as a tag or a command line writes it: `3`, `stop`, `pause` or `2-10` (surrounding
 * spaces and case aside). Returns the target, or a message saying what is wrong and what is accepted.
 *
 * @example
 * ```ts
 * parseOverrideTarget('2-10'); // { target: { min: 2, max: 10 } }
 * parseOverrideTarget('banana'); // { problem: "'banana' is not ..." }
 * ```
 */
export function parseOverrideTarget(text: string): { target: OverrideTarget } | { problem: string } {
  const value = text.trim().toLowerCase();
  if (value === 'stop' || value === 'pause') return { target: value };
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
  if (COUNT.test(value)) {
    const count = Number(value);
    if (count > MAX_POOL_COUNT) return { problem: `${shown} is more than ${MAX_POOL_COUNT} nodes` };
    return { target: count };
  }
  const range = RANGE.exec(value);
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (max > MAX_POOL_COUNT) return { problem: `${shown} goes above ${MAX_POOL_COUNT} nodes` };
    if (min > max) return { problem: `${shown} has its min above its max; write it as ${max}-${min}` };
    return { target: { min, max } };
  }
  return { problem: `${shown} is not an override: use ${OVERRIDE_TARGET_FORMS}` };
}

/** An override target as a tag holds it: `3`, `stop`, `pause`, `2-10`. */
export function formatOverrideTarget(target: OverrideTarget): string {
  if (typeof target === 'object') return `${target.min}-${target.max}`;
  return String(target);
}

/**
 * Whether `pool` can take `target`, by the rules AKS and the scaler keep: a System pool is never stopped and keeps
 * at least one node, a range needs the cluster autoscaler on, a count needs it off (the autoscaler owns the count).
 * Returns what to change, or undefined when the pool can take it. `pause` fits every pool.
 */
export function overrideTargetProblem(target: OverrideTarget, pool: NodePool): string | undefined {
  if (target === 'pause') return undefined;
  const mode = pool.mode === 'User' ? 'User' : `${pool.mode}`;
  if (target === 'stop') {
    return pool.mode === 'User'
      ? undefined
      : `${pool.name} is a ${mode} pool, which AKS never stops; give a count of at least ${minPoolCount(pool.mode)} or 'pause'`;
  }
  if (typeof target === 'object') {
    return pool.enableAutoScaling
      ? undefined
      : `${pool.name} does not have the cluster autoscaler on, so a range ${formatOverrideTarget(target)} has nothing to set; give a node count instead`;
  }
  if (pool.enableAutoScaling) {
    return `the cluster autoscaler owns the count of ${pool.name}; give a range such as ${pool.minCount ?? 1}-${pool.maxCount ?? target} instead of a count`;
  }
  const min = minPoolCount(pool.mode);
  if (target < min) {
    return `${pool.name} is a ${mode} pool, which keeps at least ${min} node; give a count of at least ${min}`;
  }
  return undefined;
}
