import { MAX_CONCURRENCY } from '@aks-scaler/core/common';
import { z } from 'zod';
import { checkClusterEntry, clusterSelectorSchema } from './cluster-selector.js';
import type { metricConfigSchema } from './metric-schema.js';
import { notifyConfigSchema } from './notify-config.js';
import { overridesConfigSchema } from './override-schema.js';
import { policyConfigSchema } from './policy-kinds.js';
import type { CronRule, ScheduleSpec, WhenRule } from './schedule-schema.js';
import { onObjects } from './schema-primitives.js';
import { poolBoundsSchema } from './with-bounds.js';
import { stepSize } from './with-step-limit.js';

const clusterFields = z.strictObject({
  subscription: z.guid('expected a subscription id (a GUID)'),
  resourceGroup: z.string().min(1).max(90).optional().meta({
    description: "The cluster's resource group; with a selector, limits the search to it (optional).",
  }),
  name: z.string().min(1).max(63).optional().meta({ description: 'The managed cluster (or use selector).' }),
  selector: clusterSelectorSchema.optional(),
  location: z.string().min(1).optional(),
  autoscalerPools: z
    .enum(['skip', 'bounds'])
    .optional()
    .meta({ description: 'Autoscaler-enabled pools: skip them (default) or set their min/max.' }),
  stoppedPools: z.enum(['skip', 'start']).optional().meta({
    description:
      "A count (or an autoscaler range) for a stopped pool: 'skip' leaves it stopped (the default), 'start' starts it and then scales it.",
  }),
  unknownPools: z.enum(['error', 'warn']).optional().meta({
    description:
      "A decision for a pool the cluster lacks: 'error' fails the run before any write (the scaler's default), 'warn' skips it with a warning.",
  }),
});

/** What every cluster entry may say besides which clusters it means (its options). */
export interface ClusterEntryOptions {
  /** The subscription id (a GUID). */
  subscription: string;
  /** The cluster's region; when set, the run checks it against the cluster's. */
  location?: string | undefined;
  /** Autoscaler-enabled pools: skip them (default) or set their min/max. */
  autoscalerPools?: 'skip' | 'bounds' | undefined;
  /** A count (or an autoscaler range) for a stopped pool: `skip` leaves it stopped (default), `start` starts it. */
  stoppedPools?: 'skip' | 'start' | undefined;
  /** A decision for a pool the cluster lacks: `error` fails the run before any write, `warn` skips it. */
  unknownPools?: 'error' | 'warn' | undefined;
}

/** A cluster entry that names one cluster. */
export type NamedClusterConfig = ClusterEntryOptions & {
  resourceGroup: string;
  name: string;
  selector?: undefined;
};

/**
 * A cluster entry that discovers clusters: those of the subscription (or of `resourceGroup`) whose tags all match
 * `selector.tags`, listed again at every reconcile.
 */
export type SelectedClusterConfig = ClusterEntryOptions & {
  resourceGroup?: string | undefined;
  name?: undefined;
  selector: z.output<typeof clusterSelectorSchema>;
};

/** One validated entry of `clusters`: a named cluster, or a selector. */
export type ClusterEntryConfig = NamedClusterConfig | SelectedClusterConfig;

/** The zod schema of one `clusters` entry as written: its fields, and the rule that it has `name` or `selector`. */
export const clusterFieldsSchema = clusterFields.superRefine(checkClusterEntry, onObjects);

/** The zod schema of one `clusters` entry: `name` (with `resourceGroup`) or `selector`, not both. */
export const clusterEntrySchema = clusterFieldsSchema.transform((entry) => entry as ClusterEntryConfig);

/** The zod schema of the whole `SCALER_CONFIG` file. Unknown keys are errors. */
export const scalerConfigSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'The JSON Schema of this file, for editors.' }),
    clusters: z.array(clusterEntrySchema).min(1),
    policy: policyConfigSchema,
    bounds: poolBoundsSchema.optional().meta({ description: 'Per-pool min/max applied to the policy.' }),
    limits: z
      .strictObject({
        concurrency: z.int().min(1).max(MAX_CONCURRENCY).optional(),
        maxStepUp: stepSize.optional(),
        maxStepDown: stepSize.optional(),
      })
      .optional(),
    notify: notifyConfigSchema.optional(),
    overrides: overridesConfigSchema.optional(),
  })
  .meta({ title: 'aks-scaler SCALER_CONFIG' });

/**
 * A validated `SCALER_CONFIG` file, as {@link parseScalerConfig} returns it: the file's keys, with every duration
 * parsed to milliseconds (`scaleDownStabilization: '5m'` reads as `300000`).
 */
export type ScalerConfig = z.output<typeof scalerConfigSchema>;

/** A schedule, as written in the config: the same type as {@link schedulePolicy}'s spec. */
export type ScheduleConfig = ScheduleSpec;
/** A `when` rule, as written in the config. */
export type WhenRuleConfig = WhenRule;
/** A cron rule, as written in the config. */
export type CronRuleConfig = CronRule;
/** A metric policy, as written in the config: exactly one source and exactly one target. */
export type MetricConfig = z.input<typeof metricConfigSchema>;
/** A Prometheus source, as written in the config. Secrets come from files, never inline. */
export type PrometheusSourceConfig = NonNullable<MetricConfig['prometheus']>;
/** An Azure Monitor source, as written in the config (it uses the scaler's own credential). */
export type AzureMonitorSourceConfig = NonNullable<MetricConfig['azureMonitor']>;

export { type PolicyConfig, policyConfigSchema } from './policy-kinds.js';
