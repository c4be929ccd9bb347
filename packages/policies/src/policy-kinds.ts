import type { Policy } from '@aks-scaler/core';
import { z } from 'zod';
import { nestingKind, type PolicyKind, policyKind } from './build-context.js';
import { firstOf, maxOf, minOf } from './combine.js';
import { createMetricPolicy } from './metric-policy.js';
import { metricConfigSchema } from './metric-schema.js';
import { buildMetricSource } from './metric-sources.js';
import { restoreState } from './policy-state.js';
import { poolTargets } from './pool-target.js';
import { createSchedulePolicy } from './schedule-policy.js';
import { scheduleConfigSchema } from './schedule-schema.js';
import { durationInMs, exactlyOneOf } from './schema-primitives.js';
import { createStaticPolicy } from './static-policy.js';
import { createStabilization, stabilizationStateSchema } from './with-stabilization.js';

/** A kind whose value is a list of nested policies (`list`), for `max`, `min` and `first`. */
function combinatorKind<S extends z.ZodType>(list: S, combine: (...policies: Policy[]) => Policy) {
  return nestingKind(
    list,
    (configs: readonly unknown[], ctx) => {
      // A combinator's state is its members' states by position: it fits when it has one per member.
      const saved = restoreState(z.array(z.unknown()).length(configs.length), ctx.state, ctx.path, ctx.warn);
      return combine(...configs.map((config, index) => ctx.policy(config, index, saved?.[index])));
    },
    { combines: true },
  );
}

/**
 * Every kind of policy the config knows, by key: a policy object has exactly one of them, and combinators nest.
 * Add a kind here (its schema and its `build`); the config schema, its JSON Schema, the "exactly one kind" rule
 * and its messages follow. Kinds that nest policies are getters, because their schema refers back to
 * {@link policyConfigSchema}.
 */
export const policyKinds = {
  static: policyKind(poolTargets, (targets) => createStaticPolicy(targets, 'static')),
  schedule: policyKind(scheduleConfigSchema, (schedule) => createSchedulePolicy(schedule)),
  metric: policyKind(metricConfigSchema, (metric, ctx) => {
    const { scaleDownStabilization, ...settings } = metric;
    const source = buildMetricSource(metric, ctx.options, ctx.path);
    return createMetricPolicy(
      { ...settings, source, scaleDownStabilizationInMs: scaleDownStabilization },
      { initialState: ctx.state, onWarning: ctx.warn },
    );
  }),
  get max() {
    return combinatorKind(z.array(policyConfigSchema).min(1), maxOf);
  },
  get min() {
    return combinatorKind(z.array(policyConfigSchema).min(1), minOf);
  },
  get first() {
    return combinatorKind(z.array(policyConfigSchema).min(1), firstOf);
  },
  get stabilize() {
    return nestingKind(
      z.strictObject({ policy: policyConfigSchema, scaleDownWindow: durationInMs({ allowZero: true }) }),
      (value: { policy: unknown; scaleDownWindow: number }, ctx) => {
        const saved = restoreState(stabilizationStateSchema, ctx.state, ctx.path, ctx.warn);
        const inner = ctx.policy(value.policy, 'policy', saved?.policy);
        return createStabilization(inner, value.scaleDownWindow, saved?.recommendations);
      },
      { combines: false },
    );
  },
};

/** The names of the policy kinds, in the registry's order. */
export type PolicyKindName = keyof typeof policyKinds;

const kindNames = Object.keys(policyKinds) as PolicyKindName[];

function combinatorNames(): string {
  return kindNames.filter((name) => policyKinds[name].combines).join('/');
}

/** The zod schema of one policy in the declarative config (one key: a kind; combinators nest). */
export const policyConfigSchema = exactlyOneOf(z.strictObject(policyKinds), kindNames, {
  none: `a policy needs one of: ${kindNames.join(', ')}`,
  several: (found): string =>
    `a policy has exactly one kind; found ${found.join(', ')} (nest them under ${combinatorNames()})`,
}).meta({ id: 'PolicyConfig', description: `One policy: exactly one of ${kindNames.join(', ')}.` });

/** One policy in the declarative config, as written: exactly one kind; combinators nest. */
export type PolicyConfig = z.input<typeof policyConfigSchema>;

/** One validated policy config, with its durations parsed. */
export type ParsedPolicyConfig = z.output<typeof policyConfigSchema>;

/** The kind a validated policy config has, and its value. */
export function kindOf(config: ParsedPolicyConfig): {
  name: PolicyKindName;
  kind: PolicyKind<z.ZodType, never>;
  value: unknown;
} {
  const name = kindNames.find((key) => config[key] !== undefined) as PolicyKindName;
  return { name, kind: policyKinds[name] as PolicyKind<z.ZodType, never>, value: config[name] };
}
