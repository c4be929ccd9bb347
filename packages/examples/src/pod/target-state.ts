import { createHash } from 'node:crypto';
import type { ConfigIssue, Policy } from '@aks-scaler/core';

/**
 * Learned operation durations of one cluster, as saved in `state.json`: per pool and direction (`up`, `down`,
 * `start`, `stop`, `bounds`), the last operations (duration, nodes, when it ended), oldest first — the core store's
 * `toJSON()` entries of that cluster, without the cluster's names.
 */
export type OperationDurationsState = Array<{
  pool: string;
  direction: string;
  samples: Array<{ durationInMs: number; nodes: number; endedAt: number }>;
}>;

/** Something a target keeps across restarts besides its policy: saved with `toJSON()`, given back to `restore`. */
export interface StatePart<State> {
  /** The state to save, as plain JSON. */
  toJSON(): State;
  /** Takes back a state saved by an earlier process. */
  restore(saved: State): void;
}

/** What a restarted process gets back for one cluster (one entry of `state.json`'s `clusters`). */
export interface SavedTargetState {
  /** The policy's state, with the hash of the config's policy part it was saved under. */
  policy?: { hash: string; state: unknown } | undefined;
  /** Learned operation durations. */
  operationDurations?: OperationDurationsState | undefined;
}

/** The parts of a target that keep state (see `ScalerTarget`). */
export interface StatefulTarget {
  policy: Policy;
  policyHash?: string | undefined;
  restorePolicy?:
    | ((initialState: unknown) => { policy: Policy; warnings: readonly ConfigIssue[] })
    | undefined;
  operationDurations?: StatePart<OperationDurationsState> | undefined;
}

/**
 * A short, stable hash of the policy part of a config (`policy`, or the `NODE_POOLS_AMOUNT` counts): the same
 * policy hashes the same whatever the key order, so a saved state is known to belong to it.
 */
export function hashPolicyConfig(value: unknown): string {
  return `sha256:${createHash('sha256').update(stableJson(value)).digest('hex').slice(0, 16)}`;
}

/** What a target saves: its policy's `toJSON()` (when it has state) and its learned durations. */
export function saveTargetState(target: StatefulTarget): SavedTargetState {
  const toJSON = (target.policy as Partial<{ toJSON(): unknown }>).toJSON;
  const state = typeof toJSON === 'function' ? toJSON.call(target.policy) : undefined;
  const durations = target.operationDurations?.toJSON();
  return {
    ...(state !== undefined && state !== null && target.policyHash !== undefined
      ? { policy: { hash: target.policyHash, state } }
      : {}),
    ...(durations !== undefined && { operationDurations: durations }),
  };
}

/** What {@link restoreTargetState} did. */
export interface RestoreOutcome {
  /** Whether the policy was rebuilt with its saved state. */
  policyRestored: boolean;
  /** The saved policy state was another config's (its hash differs): ignored. */
  foreign: boolean;
  /** Parts of the saved policy state that did not fit this config and were ignored. */
  warnings: readonly ConfigIssue[];
}

/**
 * Gives a target its saved state, in one call: the policy is rebuilt with `initialState` when the saved state was
 * saved under the same policy hash (`policyFromConfig(config, { initialState })`), and the learned durations go to
 * their part. A state of another config is ignored (`foreign`).
 */
export function restoreTargetState(target: StatefulTarget, saved: SavedTargetState): RestoreOutcome {
  if (saved.operationDurations !== undefined) target.operationDurations?.restore(saved.operationDurations);
  if (saved.policy === undefined || target.restorePolicy === undefined) {
    return { policyRestored: false, foreign: false, warnings: [] };
  }
  if (saved.policy.hash !== target.policyHash) return { policyRestored: false, foreign: true, warnings: [] };
  const rebuilt = target.restorePolicy(saved.policy.state);
  target.policy = rebuilt.policy;
  return { policyRestored: true, foreign: false, warnings: rebuilt.warnings };
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
