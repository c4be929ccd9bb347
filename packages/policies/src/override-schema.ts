import type { ConfigIssue } from '@aks-scaler/core/errors';
import { z } from 'zod';
import { parseUntil, untilProblem } from './override-until.js';
import { nodeCount, onObjects, poolName } from './schema-primitives.js';

/** The longest `reason` an override may give: what an Azure tag value holds. */
export const MAX_OVERRIDE_REASON_LENGTH = 256;

const rangeSchema = z.strictObject({ min: nodeCount, max: nodeCount }).superRefine((range, ctx) => {
  if (range.min > range.max) {
    ctx.addIssue({
      code: 'custom',
      message: `min ${range.min} is greater than max ${range.max}; write { min: ${range.max}, max: ${range.min} }`,
    });
  }
}, onObjects);

/** An override's target as the config writes it: a count, `stop`, `pause`, or `{ min, max }`. */
export const overrideTargetSchema = z
  .union([nodeCount, z.literal('stop'), z.literal('pause'), rangeSchema], {
    error: "expected a node count (0..1000), 'stop', 'pause' or { min, max }",
  })
  .meta({
    description:
      "A node count (0..1000), 'stop', 'pause' (write nothing), or an autoscaler range { min, max }.",
  });

/** The rule of one `until`: an ISO 8601 instant with Z or an offset (how far ahead is checked against a clock). */
const untilSchema = z.string().superRefine((text, ctx) => {
  const parsed = parseUntil(text);
  if ('problem' in parsed) ctx.addIssue({ code: 'custom', input: text, message: parsed.problem });
});

/** The zod schema of one entry of the config's `overrides` (see {@link OverrideConfig}). */
export const overrideEntrySchema = z.strictObject({
  pools: z.array(poolName).min(1, 'name at least one pool'),
  cluster: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "The name of one of the config's clusters; without it, every cluster." }),
  target: overrideTargetSchema,
  until: untilSchema.meta({
    description: 'When it ends: an ISO 8601 instant with Z or an offset, at most 30 days ahead.',
  }),
  reason: z
    .string()
    .trim()
    .min(1, 'say why (it shows in the plan and the logs)')
    .max(MAX_OVERRIDE_REASON_LENGTH, `keep it to ${MAX_OVERRIDE_REASON_LENGTH} characters`),
});

/** The config's `overrides`: temporary, human decisions that beat the policy and `bounds` until they end. */
export const overridesConfigSchema = z.array(overrideEntrySchema).meta({
  description:
    'Temporary decisions that beat the policy and bounds until `until` (at most 30 days ahead). Tags on an agent pool (aks-scaler-override, aks-scaler-until, aks-scaler-reason) beat them.',
});

/** One override of the config, as written. */
export type OverrideConfig = z.input<typeof overrideEntrySchema>;

/** One validated override of the config. */
export type ParsedOverrideConfig = z.output<typeof overrideEntrySchema>;

/** Whether two entries can apply to the same cluster (either names none, or both name the same). */
function overlap(a: ParsedOverrideConfig, b: ParsedOverrideConfig): boolean {
  return (
    a.cluster === undefined || b.cluster === undefined || a.cluster.toLowerCase() === b.cluster.toLowerCase()
  );
}

/**
 * The problems of a config's `overrides` that its schema cannot see: an `until` more than 30 days after `now`
 * (use the policy for lasting changes), a pool two entries both name for one cluster, and a `cluster` that is not
 * one of the config's clusters. Entries that are not valid overrides are left to the schema.
 */
export function overridesIssues(
  overrides: readonly unknown[],
  options: { now: Date; clusters?: readonly string[] | undefined },
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const entries: Array<{ index: number; entry: ParsedOverrideConfig }> = [];
  overrides.forEach((raw, index) => {
    const result = overrideEntrySchema.safeParse(raw);
    if (result.success) entries.push({ index, entry: result.data });
    const until = (raw as { until?: unknown } | null)?.until;
    if (typeof until !== 'string') return;
    const parsed = parseUntil(until);
    if ('problem' in parsed) return;
    const ahead = untilProblem(parsed.at, options.now, until);
    if (ahead && parsed.at.getTime() > options.now.getTime()) {
      issues.push({ path: `overrides[${index}].until`, message: ahead });
    }
  });
  const clusters = options.clusters;
  for (const { index, entry } of entries) {
    // Cluster names are matched in any case, as the override is applied (AKS names are case-insensitive).
    const named = entry.cluster?.toLowerCase();
    if (named !== undefined && clusters && !clusters.some((cluster) => cluster.toLowerCase() === named)) {
      issues.push({
        path: `overrides[${index}].cluster`,
        message: `'${entry.cluster}' is not one of the clusters of this config (${clusters.join(', ')}); use one of their names, or leave cluster out for all of them`,
      });
    }
  }
  entries.forEach(({ index, entry }, position) => {
    for (const pool of entry.pools) {
      const earlier = entries
        .slice(0, position)
        .find((other) => other.entry.pools.includes(pool) && overlap(other.entry, entry));
      if (earlier) {
        issues.push({
          path: `overrides[${index}].pools`,
          message: `${pool} already has an override in overrides[${earlier.index}] for the same cluster; give each pool one override`,
        });
      }
    }
  });
  return issues;
}
