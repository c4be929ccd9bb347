import type { Policy } from '@aks-scaler/core';
import type { z } from 'zod';

/**
 * A policy whose state should survive a restart: `toJSON()` returns it as plain JSON, and the factory that built
 * the policy takes it back as `initialState`. Combinators are stateful too: their state holds their members'
 * states by position, so a whole tree can be saved and restored (see {@link policyFromConfig}).
 *
 * @example
 * ```ts
 * const saved = JSON.stringify(policy.toJSON()); // e.g. into a ConfigMap
 * const restarted = metricPolicy({ ...options, initialState: JSON.parse(saved) });
 * ```
 */
export interface StatefulPolicy<State = unknown> extends Policy {
  /** The policy's state, as plain JSON. */
  toJSON(): State;
}

/** Options shared by the factories that restore a saved state. */
export interface RestoreOptions<State> {
  /** A state saved from `toJSON()` of an earlier instance. One that does not fit is ignored, with a warning. */
  initialState?: State | undefined;
  /**
   * Told when `initialState` does not fit and is ignored (saved by another config or version).
   * @default process.emitWarning
   */
  onWarning?: ((message: string) => void) | undefined;
}

/** The saved state of any policy: its `toJSON()`, or `null` for a policy that keeps none. */
export function stateOf(policy: Policy): unknown {
  const toJSON = (policy as Partial<StatefulPolicy>).toJSON;
  return typeof toJSON === 'function' ? (toJSON.call(policy) ?? null) : null;
}

/**
 * Reads a saved state that matches `schema`. Nothing saved (`undefined` or `null`) means a fresh start; a state of
 * another shape is ignored with a warning, never a crash.
 */
export function restoreState<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  onWarning: ((message: string) => void) | undefined,
): z.output<S> | undefined {
  if (value === undefined || value === null) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  (onWarning ?? emitWarning)(
    `the saved state does not fit ${what} (saved by another config or version?), so it starts fresh`,
  );
  return undefined;
}

function emitWarning(message: string): void {
  process.emitWarning(message, { code: 'AKS_SCALER_STATE_IGNORED' });
}
