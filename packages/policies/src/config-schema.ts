import { MAX_POOL_COUNT, POOL_NAME_PATTERN, tryParseDurationInMs } from '@aks-scaler/core/common';
import { Cron } from 'croner';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { tryParseWhen } from './when.js';

const poolName = z
  .string()
  .regex(POOL_NAME_PATTERN, 'pool names are 1-12 lowercase letters or digits, starting with a letter');
const nodeCount = z.int().min(0).max(MAX_POOL_COUNT);
const counts = z.record(poolName, nodeCount).meta({ description: 'Pool name -> node count (0..1000).' });

function duration(allowZero: boolean) {
  return z.string().superRefine((text, ctx) => {
    if (tryParseDurationInMs(text, { allowZero }) === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: "expected a duration such as '90s', '45m', '8h', '1h30m' or 'PT8H'",
      });
    }
  });
}

const scheduleRule = z
  .strictObject({
    when: z.string().optional().meta({
      description:
        "A window: 'Mon-Fri 07:30-20:30', 'Fri 22:00-06:00' or '2026-12-24T00:00/2026-12-27T00:00'.",
    }),
    cron: z
      .string()
      .optional()
      .meta({ description: "A cron expression in the schedule's timezone, e.g. '0 7 * * 1-5'." }),
    duration: duration(false)
      .optional()
      .meta({ description: "How long a cron rule stays active, e.g. '8h'." }),
    counts,
  })
  .superRefine((rule, ctx) => {
    if ((rule.when === undefined) === (rule.cron === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a rule needs exactly one of `when` or `cron` (with `duration`)',
      });
      return;
    }
    if (rule.when !== undefined) {
      const window = tryParseWhen(rule.when);
      if (typeof window === 'string') ctx.addIssue({ code: 'custom', path: ['when'], message: window });
      if (rule.duration !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['duration'],
          message: '`duration` belongs to cron rules only',
        });
      }
      return;
    }
    try {
      new Cron(rule.cron as string, { paused: true, mode: '5-or-6-parts' });
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        path: ['cron'],
        message: `not a cron expression (e.g. '0 7 * * 1-5'): ${error instanceof Error ? error.message : error}`,
      });
    }
    if (rule.duration === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: "a cron rule needs a `duration`, e.g. '8h'",
      });
    }
  });

const scheduleConfig = z.strictObject({
  timezone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), "unknown IANA timezone: use e.g. 'Europe/Berlin' or 'UTC'"),
  rules: z.array(scheduleRule),
  otherwise: counts.optional(),
});

const prometheusConfig = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).meta({ description: "Base URL, e.g. 'http://prometheus:9090'." }),
  query: z
    .string()
    .min(1)
    .meta({ description: 'A PromQL expression yielding one sample, e.g. sum(queue_depth).' }),
  timeout: duration(false).optional(),
  bearerTokenFile: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'A file holding the bearer token (re-read each time).' }),
  basicAuth: z.strictObject({ username: z.string(), passwordFile: z.string().min(1) }).optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

const azureMonitorConfig = z.strictObject({
  resourceUri: z
    .string()
    .regex(/^\/subscriptions\/[^/]+\/.+/i, 'expected an ARM resource id starting with /subscriptions/'),
  metricName: z.string().min(1),
  metricNamespace: z.string().min(1).optional(),
  aggregation: z.enum(['Average', 'Total', 'Maximum', 'Minimum', 'Count']).optional(),
  interval: duration(false).optional(),
  timespan: duration(false).optional(),
});

const metricConfig = z
  .strictObject({
    prometheus: prometheusConfig.optional(),
    azureMonitor: azureMonitorConfig.optional(),
    pools: z.array(poolName).min(1),
    targetPerNode: z.number().positive().optional(),
    targetValue: z.number().positive().optional(),
    min: nodeCount.optional(),
    max: nodeCount.optional(),
    tolerance: z.number().min(0).lt(1).optional(),
    scaleDownStabilization: duration(true).optional(),
    fallback: z
      .strictObject({ afterFailures: z.int().min(1).optional(), count: nodeCount.optional() })
      .optional(),
  })
  .superRefine((metric, ctx) => {
    if ((metric.prometheus === undefined) === (metric.azureMonitor === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one source: `prometheus` or `azureMonitor`' });
    }
    if ((metric.targetPerNode === undefined) === (metric.targetValue === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of `targetPerNode` and `targetValue`' });
    }
    if (metric.min !== undefined && metric.max !== undefined && metric.min > metric.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['min'],
        message: `min ${metric.min} is greater than max ${metric.max}`,
      });
    }
  });

const POLICY_KINDS = ['static', 'schedule', 'metric', 'max', 'min', 'first', 'stabilize'] as const;

const policyObject = z
  .strictObject({
    static: counts.optional(),
    schedule: scheduleConfig.optional(),
    metric: metricConfig.optional(),
    get max() {
      return z.array(policyConfigSchema).min(1).optional();
    },
    get min() {
      return z.array(policyConfigSchema).min(1).optional();
    },
    get first() {
      return z.array(policyConfigSchema).min(1).optional();
    },
    get stabilize() {
      return z.strictObject({ policy: policyConfigSchema, scaleDownWindow: duration(true) }).optional();
    },
  })
  .superRefine((policy, ctx) => {
    const kinds = POLICY_KINDS.filter((kind) => policy[kind] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          kinds.length === 0
            ? `a policy needs one of: ${POLICY_KINDS.join(', ')}`
            : `a policy has exactly one kind; found ${kinds.join(', ')} (nest them under max/min/first)`,
      });
    }
  });

/** The zod schema of one policy in the declarative config (one key: a kind; combinators nest). */
export const policyConfigSchema: z.ZodType<PolicyConfig> = policyObject.meta({
  id: 'PolicyConfig',
  description: `One policy: exactly one of ${POLICY_KINDS.join(', ')}.`,
}) as unknown as z.ZodType<PolicyConfig>;

const boundsConfig = z.record(
  poolName,
  z
    .strictObject({ min: nodeCount.optional(), max: nodeCount.optional() })
    .refine(
      (bound) => bound.min === undefined || bound.max === undefined || bound.min <= bound.max,
      'min is greater than max',
    ),
);

/** The zod schema of the whole `SCALER_CONFIG` file. Unknown keys are errors. */
export const scalerConfigSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'The JSON Schema of this file, for editors.' }),
    clusters: z
      .array(
        z.strictObject({
          subscription: z.guid('expected a subscription id (a GUID)'),
          resourceGroup: z.string().min(1).max(90),
          name: z.string().min(1).max(63),
          location: z.string().min(1).optional(),
          autoscalerPools: z
            .enum(['skip', 'bounds'])
            .optional()
            .meta({ description: 'Autoscaler-enabled pools: skip them (default) or set their min/max.' }),
        }),
      )
      .min(1),
    policy: policyConfigSchema,
    bounds: boundsConfig.optional().meta({ description: 'Per-pool min/max applied to the policy.' }),
    limits: z
      .strictObject({
        concurrency: z.int().min(1).max(64).optional(),
        maxStepUp: z.int().min(1).optional(),
        maxStepDown: z.int().min(1).optional(),
      })
      .optional(),
  })
  .meta({ title: 'aks-scaler SCALER_CONFIG' });

/** A `when` rule, as written in the config. */
export interface WhenRuleConfig {
  /** The window. */
  when: string;
  /** Pool -> count while active. */
  counts: Record<string, number>;
}

/** A cron rule, as written in the config. */
export interface CronRuleConfig {
  /** The cron expression. */
  cron: string;
  /** How long each fire stays active. */
  duration: string;
  /** Pool -> count while active. */
  counts: Record<string, number>;
}

/** A schedule, as written in the config. */
export interface ScheduleConfig {
  /** IANA timezone. */
  timezone: string;
  /** Rules in order. */
  rules: Array<WhenRuleConfig | CronRuleConfig>;
  /** Counts when no rule names a pool. */
  otherwise?: Record<string, number> | undefined;
}

/** A Prometheus source, as written in the config. Secrets come from files, never inline. */
export interface PrometheusSourceConfig {
  /** Base URL, e.g. `http://prometheus:9090`. */
  url: string;
  /** A PromQL expression yielding one sample. */
  query: string;
  /** Per-query timeout, e.g. `10s`. */
  timeout?: string | undefined;
  /** A file holding the bearer token, re-read on every query (rotated tokens work). */
  bearerTokenFile?: string | undefined;
  /** Basic credentials; the password is read from a file. */
  basicAuth?: { username: string; passwordFile: string } | undefined;
  /** Extra request headers. */
  headers?: Record<string, string> | undefined;
}

/** An Azure Monitor source, as written in the config (it uses the scaler's own credential). */
export interface AzureMonitorSourceConfig {
  /** The resource's ARM id. */
  resourceUri: string;
  /** The metric's name. */
  metricName: string;
  /** The metric namespace, when the resource has several. */
  metricNamespace?: string | undefined;
  /** The aggregation to read (default `Average`). */
  aggregation?: 'Average' | 'Total' | 'Maximum' | 'Minimum' | 'Count' | undefined;
  /** Aggregation interval, e.g. `1m`. */
  interval?: string | undefined;
  /** How far back to look for the latest point, e.g. `10m`. */
  timespan?: string | undefined;
}

/** A metric policy, as written in the config: exactly one source and exactly one target. */
export interface MetricConfig {
  /** Read the value from Prometheus. */
  prometheus?: PrometheusSourceConfig | undefined;
  /** Read the value from Azure Monitor. */
  azureMonitor?: AzureMonitorSourceConfig | undefined;
  /** The pools sized by the metric. */
  pools: string[];
  /** Desired = ceil(value / targetPerNode). */
  targetPerNode?: number | undefined;
  /** Desired = ceil(current * value / targetValue) (the HPA rule). */
  targetValue?: number | undefined;
  /** Lowest count to ask for. */
  min?: number | undefined;
  /** Highest count to ask for. */
  max?: number | undefined;
  /** No change within this fraction of targetValue (default 0.1). */
  tolerance?: number | undefined;
  /** Scale-down stabilization window, e.g. `5m` (default), `0s` to disable. */
  scaleDownStabilization?: string | undefined;
  /** What to do when the source fails (default: hold the current count). */
  fallback?: { afterFailures?: number | undefined; count?: number | undefined } | undefined;
}

/** One policy in the declarative config: exactly one kind; combinators nest. */
export type PolicyConfig =
  | { static: Record<string, number> }
  | { schedule: ScheduleConfig }
  | { metric: MetricConfig }
  | { max: PolicyConfig[] }
  | { min: PolicyConfig[] }
  | { first: PolicyConfig[] }
  | { stabilize: { policy: PolicyConfig; scaleDownWindow: string } };

/** A validated `SCALER_CONFIG` file. */
export type ScalerConfig = z.infer<typeof scalerConfigSchema>;
