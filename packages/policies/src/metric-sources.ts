import { readFileSync } from 'node:fs';
import { ConfigError } from '@aks-scaler/core/errors';
import { z } from 'zod';
import { azureMonitorSource } from './azure-monitor-source.js';
import type { PolicyFromConfigOptions } from './build-context.js';
import type { MetricSource } from './metric-source.js';
import { prometheusSource } from './prometheus-source.js';
import { durationInMs } from './schema-primitives.js';

/** What a metric source's `build` is given. */
export interface SourceContext {
  /** The options of {@link policyFromConfig}. */
  readonly options: PolicyFromConfigOptions;
  /** The source's path in the config, e.g. `policy.metric.azureMonitor`. */
  readonly path: string;
}

/** One kind of metric source in the config: the schema of its settings and how they become a source. */
export type MetricSourceKind<S extends z.ZodType> = z.ZodOptional<S> & {
  /** Builds the source from the parsed settings. */
  readonly build: (settings: z.output<S>, ctx: SourceContext) => MetricSource;
};

function sourceKind<S extends z.ZodType>(
  schema: S,
  build: (settings: z.output<S>, ctx: SourceContext) => MetricSource,
): MetricSourceKind<S> {
  return Object.assign(schema.optional(), { build });
}

const prometheusConfig = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).meta({ description: "Base URL, e.g. 'http://prometheus:9090'." }),
  query: z
    .string()
    .min(1)
    .meta({ description: 'A PromQL expression yielding one sample, e.g. sum(queue_depth).' }),
  timeout: durationInMs({ allowZero: false })
    .optional()
    .meta({ description: "Per-query timeout, e.g. '10s'." }),
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
  interval: durationInMs({ allowZero: false })
    .optional()
    .meta({ description: "Aggregation interval, e.g. '1m'." }),
  timespan: durationInMs({ allowZero: false })
    .optional()
    .meta({ description: "How far back to look for the latest point, e.g. '10m'." }),
});

/**
 * Every metric source the config knows, by key: a metric names exactly one of them. Add a source here (its schema
 * and its `build`); the config schema, its JSON Schema and the "exactly one source" rule follow.
 */
export const metricSources = {
  prometheus: sourceKind(prometheusConfig, (config, { options }) => {
    const readSecret = options.readSecretFile ?? ((file: string) => readFileSync(file, 'utf8'));
    const { url, query, timeout, bearerTokenFile, basicAuth, headers } = config;
    return prometheusSource({
      url,
      query,
      headers,
      fetch: options.fetch,
      timeoutInMs: timeout,
      bearerToken: bearerTokenFile === undefined ? undefined : () => readSecret(bearerTokenFile).trim(),
      basicAuth:
        basicAuth === undefined
          ? undefined
          : {
              username: basicAuth.username,
              get password() {
                return readSecret(basicAuth.passwordFile).trim();
              },
            },
    });
  }),
  azureMonitor: sourceKind(azureMonitorConfig, (config, { options, path }) => {
    if (!options.credential) {
      throw new ConfigError(
        `${path} needs the scaler's credential: pass { credential } to policyFromConfig (the scaler pod does).`,
        { issues: [{ path, message: 'no credential was given to read Azure Monitor' }] },
      );
    }
    const { interval, timespan, ...rest } = config;
    return azureMonitorSource({
      ...rest,
      intervalInMs: interval,
      timespanInMs: timespan,
      credential: options.credential,
      endpoint: options.armEndpoint,
      fetch: options.fetch,
    });
  }),
};

/** The names of the metric sources, in the registry's order. */
export type MetricSourceName = keyof typeof metricSources;

/** The source a parsed metric config names (the schema made sure there is exactly one). */
export function buildMetricSource(
  metric: { readonly [K in MetricSourceName]?: z.output<(typeof metricSources)[K]> },
  options: PolicyFromConfigOptions,
  path: string,
): MetricSource {
  for (const name of Object.keys(metricSources) as MetricSourceName[]) {
    const settings = metric[name];
    if (settings === undefined) continue;
    const build = metricSources[name].build as (settings: unknown, ctx: SourceContext) => MetricSource;
    return build(settings, { options, path: `${path}.${name}` });
  }
  throw new ConfigError(`${path} names no metric source.`, {
    issues: [{ path, message: 'no metric source' }],
  });
}
