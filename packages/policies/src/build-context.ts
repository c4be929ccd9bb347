import type { Policy } from '@aks-scaler/core';
import type { z } from 'zod';
import type { TokenCredentialLike } from './azure-monitor-source.js';

/** What {@link policyFromConfig} needs beyond the config itself. */
export interface PolicyFromConfigOptions {
  /** The scaler's credential; required when the config has an `azureMonitor` metric source. */
  credential?: TokenCredentialLike | undefined;
  /** The fetch used by metric sources. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /** The ARM endpoint for Azure Monitor. @default 'https://management.azure.com' */
  armEndpoint?: string | undefined;
  /** Reads secret files (`bearerTokenFile`, `passwordFile`). @default fs.readFileSync(path, 'utf8') */
  readSecretFile?: ((path: string) => string) | undefined;
  /** The file name, shown in messages. @default 'SCALER_CONFIG' */
  source?: string | undefined;
  /**
   * The `toJSON()` of a policy built earlier from this config (e.g. before a restart): each stateful policy in the
   * tree takes back its part, by position. Parts that do not fit (another config) are ignored, each with a
   * warning in the returned policy's `warnings`.
   */
  initialState?: unknown;
  /**
   * The instant the 30-day limit of `overrides` is checked against, for a raw config validated here.
   * @default the current time
   */
  now?: Date | undefined;
  /**
   * Follow the pools' override tags (`aks-scaler-override`, `aks-scaler-until`, `aks-scaler-reason`) in a whole config.
   * @default true
   */
  overrideTags?: boolean | undefined;
}

/** What a registry entry's `build` is given: the options, where it is in the config, and its saved state. */
export interface BuildContext {
  /** The options of {@link policyFromConfig}. */
  readonly options: PolicyFromConfigOptions;
  /** This policy's path in the config, e.g. `policy.max[2].metric`. */
  readonly path: string;
  /** This policy's saved state (its part of `initialState`), or `undefined`. */
  readonly state: unknown;
  /** Records a warning about this policy. */
  warn(message: string): void;
  /** Builds a policy config nested in this one, at `at` (an index or a key), with its saved state. */
  policy(config: unknown, at: number | string, state: unknown): Policy;
}

/**
 * One kind of policy in the declarative config: the schema of its value (which validates and parses it, and is
 * optional in a policy object, whose single key names the kind) and how a parsed value is built into a policy.
 */
export type PolicyKind<S extends z.ZodType, Value = z.output<S>> = z.ZodOptional<S> & {
  /** Builds the policy from the parsed value. */
  readonly build: (value: Value, ctx: BuildContext) => Policy;
  /** Whether the kind combines a list of policies (`max`, `min`, `first`): named in messages. */
  readonly combines: boolean;
};

/** A registry entry for a kind whose value holds no nested policy. */
export function policyKind<S extends z.ZodType>(
  schema: S,
  build: (value: z.output<S>, ctx: BuildContext) => Policy,
): PolicyKind<S> {
  return Object.assign(schema.optional(), { build, combines: false });
}

/**
 * A registry entry for a kind whose value nests policies. Its `Value` is written out, because the schema's own
 * output type refers back to the policy schema being defined.
 */
export function nestingKind<S extends z.ZodType, Value>(
  schema: S,
  build: (value: Value, ctx: BuildContext) => Policy,
  options: { combines: boolean },
): PolicyKind<S, Value> {
  return Object.assign(schema.optional(), { build, combines: options.combines });
}
