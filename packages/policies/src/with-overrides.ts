import type { Policy } from '@aks-scaler/core';
import { createOverrides } from './create-overrides.js';
import { type OverrideConfig, overridesConfigSchema, overridesIssues } from './override-schema.js';
import type { StatefulPolicy } from './policy-state.js';
import { validateWith } from './validation.js';

/** Options of {@link withOverrides}. */
export interface WithOverridesOptions {
  /** Overrides as the config's `overrides` writes them; validated here. */
  overrides?: readonly OverrideConfig[] | undefined;
  /**
   * Follow the pools' override tags (`aks-scaler-override`, `aks-scaler-until`, `aks-scaler-reason`), read at every
   * evaluation; a tag override beats one of `overrides`.
   * @default true
   */
  tags?: boolean | undefined;
  /**
   * The instant the 30-day limit of `overrides` is checked against.
   * @default the current time
   */
  now?: Date | undefined;
}

/**
 * Applies overrides over a policy: temporary, human decisions that beat it (and `bounds` and step limits, when
 * applied outermost, as the config does) until their `until`. Two sources, read at every evaluation at `ctx.now`:
 * the pools' override tags, which beat `overrides`. An override applies even to a pool the policy has no opinion
 * on; `pause` writes nothing to the pool (its decision carries `override.pause`). Core's safety rules still hold
 * (a System pool is never stopped).
 *
 * What it finds is told through `ctx.notify`: `override-active` (info) for each override in force,
 * `override-expired` (warning: `override for <pool> expired at <until>; remove it`), and `override-ignored`
 * (warning) for tags that cannot be followed (`aks-scaler-override=banana`, no `aks-scaler-until`, more than 30
 * days ahead, `stop` for a System pool), which leave the pool to the policy. Its state is the wrapped policy's.
 *
 * Throws one `ConfigError` for invalid `overrides` (an `until` without Z or an offset, or more than 30 days after
 * `now`; a missing `reason`; `{ min: 5, max: 2 }`).
 *
 * @example
 * ```ts
 * const policy = withOverrides(schedulePolicy(workHours), {
 *   overrides: [{ pools: ['manualpool2'], target: 10, until: '2026-12-05T17:00:00Z', reason: 'load test' }],
 * });
 * ```
 */
export function withOverrides(policy: Policy, options: WithOverridesOptions = {}): StatefulPolicy {
  const now = options.now ?? new Date();
  const overrides = validateWith(overridesConfigSchema, options.overrides ?? [], {
    title: 'Invalid overrides',
    path: 'overrides',
    also: (data) => (Array.isArray(data) ? overridesIssues(data, { now }) : []),
  });
  return createOverrides(policy, overrides, { tags: options.tags ?? true });
}
