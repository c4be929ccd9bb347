import type { Policy } from '@aks-scaler/core';
import type { ConfigIssue } from '@aks-scaler/core/errors';
import type { BuildContext, PolicyFromConfigOptions } from './build-context.js';
import type { ScalerConfig } from './config-schema.js';
import { createOverrides } from './create-overrides.js';
import { isValidatedConfig, validateScalerConfig } from './parse-scaler-config.js';
import { kindOf, type ParsedPolicyConfig, policyConfigSchema } from './policy-kinds.js';
import { type StatefulPolicy, stateOf } from './policy-state.js';
import { validateWith } from './validation.js';
import { createBounds } from './with-bounds.js';
import { createStepLimit } from './with-step-limit.js';

export type { PolicyFromConfigOptions } from './build-context.js';

/** The policy of a declarative config, with the state of its tree and what was said about a saved state. */
export interface ConfigPolicy extends StatefulPolicy {
  /**
   * Parts of `initialState` that did not fit this config and were ignored (the policies there started fresh),
   * each with its config path, e.g. `{ path: 'policy.max[2].metric', message: 'the saved state of ... }`.
   */
  readonly warnings: readonly ConfigIssue[];
}

/**
 * Builds the policy of a declarative config: a new, independent instance at every call (one per cluster keeps
 * each cluster's state apart). Accepts a config from {@link parseScalerConfig} (trusted, not validated again) or
 * raw parsed YAML/JSON (validated once, here), and returns its `policy` with `bounds` ({@link withBounds}) and
 * `limits.maxStepUp`/`maxStepDown` ({@link withStepLimit}) applied, and outermost the `overrides` and the pools'
 * override tags ({@link withOverrides}), which beat all of them. An object without `clusters` and `policy` is
 * read as a single policy config. Throws one `ConfigError` listing every problem.
 *
 * State: `toJSON()` returns the tree's state by position, mirroring the config: a combinator (`max`, `min`,
 * `first`) gives an array with one entry per member, `stabilize` gives `{ recommendations, policy }`, a metric
 * `{ consecutiveFailures, recommendations }`, and a policy without state `null`; `bounds` and `limits` keep none.
 * Pass it back as `initialState` to restore a restarted scaler; a part that does not fit is ignored, with a
 * warning in `warnings`.
 *
 * @example
 * ```ts
 * const policy = policyFromConfig(parseScalerConfig(text), { credential, initialState: saved });
 * for (const warning of policy.warnings) log.warn(warning);
 * ```
 */
export function policyFromConfig(config: unknown, options: PolicyFromConfigOptions = {}): ConfigPolicy {
  const source = options.source ?? 'SCALER_CONFIG';
  const warnings: ConfigIssue[] = [];
  const isWhole =
    typeof config === 'object' && config !== null && ('policy' in config || 'clusters' in config);
  let policy: Policy;
  if (isWhole) {
    const whole: ScalerConfig = isValidatedConfig(config)
      ? config
      : validateScalerConfig(config, source, options.now === undefined ? {} : { now: options.now });
    policy = buildPolicy(whole.policy, 'policy', options.initialState, options, warnings);
    if (whole.bounds) policy = createBounds(policy, whole.bounds);
    const { maxStepUp, maxStepDown } = whole.limits ?? {};
    if (maxStepUp !== undefined || maxStepDown !== undefined) {
      policy = createStepLimit(policy, { up: maxStepUp, down: maxStepDown });
    }
    // Outermost: an override beats the policy, bounds and step limits (never core's safety rules).
    policy = createOverrides(policy, whole.overrides ?? [], { tags: options.overrideTags ?? true });
  } else {
    const parsed = validateWith(policyConfigSchema, config, { title: `${source} is invalid` });
    policy = buildPolicy(parsed, 'policy', options.initialState, options, warnings);
  }
  const built = policy;
  return {
    name: built.name,
    evaluate: (ctx) => built.evaluate(ctx),
    toJSON: () => stateOf(built),
    warnings,
  };
}

function buildPolicy(
  config: ParsedPolicyConfig,
  path: string,
  state: unknown,
  options: PolicyFromConfigOptions,
  warnings: ConfigIssue[],
): Policy {
  const { name, kind, value } = kindOf(config);
  const at = `${path}.${name}`;
  const warn = (message: string) => warnings.push({ path: at, message });
  const ctx: BuildContext = {
    options,
    path: at,
    state,
    warn,
    policy: (nested, key, nestedState) =>
      buildPolicy(
        nested as ParsedPolicyConfig,
        typeof key === 'number' ? `${at}[${key}]` : `${at}.${key}`,
        nestedState,
        options,
        warnings,
      ),
  };
  const policy = kind.build(value as never, ctx);
  if (
    state !== undefined &&
    state !== null &&
    typeof (policy as Partial<StatefulPolicy>).toJSON !== 'function'
  ) {
    warn(`a saved state was given to ${at}, which keeps none (saved by another config?); it is ignored`);
  }
  return policy;
}
