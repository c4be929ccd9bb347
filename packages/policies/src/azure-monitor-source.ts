import type { PolicyContext } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';
import { fetchWithTimeout, type MetricSource, MetricSourceError } from './metric-source.js';

/** Any credential with `getToken`, such as an `@azure/identity` `TokenCredential`. */
export interface TokenCredentialLike {
  /** Returns an access token for the scopes, or null. */
  getToken(
    scopes: string | string[],
    options?: { abortSignal?: AbortSignal | undefined },
  ): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/** The aggregations Azure Monitor computes per interval. */
export type AzureMonitorAggregation = 'Average' | 'Total' | 'Maximum' | 'Minimum' | 'Count';

/** Options of {@link azureMonitorSource}. */
export interface AzureMonitorSourceOptions {
  /** The same credential the scaler uses for ARM (the identity needs `Microsoft.Insights/metrics/read`). */
  credential: TokenCredentialLike;
  /** The resource's ARM id, e.g. `/subscriptions/.../resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/ns`. */
  resourceUri: string;
  /** The metric's name, e.g. `ActiveMessages`. */
  metricName: string;
  /** The metric namespace, when the resource has several. */
  metricNamespace?: string | undefined;
  /**
   * The aggregation to read.
   * @default 'Average'
   */
  aggregation?: AzureMonitorAggregation | undefined;
  /**
   * The aggregation interval (Azure Monitor accepts 1m, 5m, 15m, 30m, 1h, 6h, 12h, 1d).
   * @default 60000
   */
  intervalInMs?: number | undefined;
  /**
   * How far back to look for the latest data point (metrics arrive a few minutes late).
   * @default 600000
   */
  timespanInMs?: number | undefined;
  /**
   * The ARM endpoint.
   * @default 'https://management.azure.com'
   */
  endpoint?: string | undefined;
  /**
   * The token scope.
   * @default 'https://management.azure.com/.default'
   */
  scope?: string | undefined;
  /**
   * How long one request may take.
   * @default 30000
   */
  timeoutInMs?: number | undefined;
  /** The fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
}

interface MetricsResponse {
  value?: Array<{
    name?: { value?: string };
    timeseries?: Array<{ data?: Array<Record<string, unknown>> }>;
  }>;
  error?: { code?: string; message?: string };
}

/**
 * A {@link MetricSource} that reads the latest data point of an Azure Monitor platform metric over the ARM REST API
 * (`GET {endpoint}{resourceUri}/providers/Microsoft.Insights/metrics`), with the scaler's own credential.
 *
 * @example
 * ```ts
 * const source = azureMonitorSource({
 *   credential,
 *   resourceUri: '/subscriptions/.../providers/Microsoft.ServiceBus/namespaces/orders',
 *   metricName: 'ActiveMessages',
 *   aggregation: 'Maximum',
 * });
 * ```
 */
export function azureMonitorSource(options: AzureMonitorSourceOptions): MetricSource {
  const {
    credential,
    resourceUri,
    metricName,
    metricNamespace,
    aggregation = 'Average',
    intervalInMs = 60_000,
    timespanInMs = 600_000,
    endpoint = 'https://management.azure.com',
    scope = 'https://management.azure.com/.default',
    timeoutInMs = 30_000,
  } = options;
  if (typeof credential?.getToken !== 'function') {
    throw new ConfigError(
      'The Azure Monitor source needs a credential with getToken (the scaler passes its own).',
    );
  }
  if (typeof resourceUri !== 'string' || !/^\/subscriptions\/[^/]+\/.+/i.test(resourceUri)) {
    throw new ConfigError(
      `Azure Monitor resourceUri must be an ARM resource id starting with /subscriptions/.`,
      {
        issues: [
          { path: 'azureMonitor.resourceUri', message: 'expected /subscriptions/<id>/resourceGroups/...' },
        ],
      },
    );
  }
  const name = `azure monitor ${metricName} (${aggregation}) of ${resourceUri.split('/').slice(-1)[0]}`;
  const interval = isoInterval(intervalInMs);
  const fetchFn = options.fetch ?? globalThis.fetch;
  const base = endpoint.replace(/\/+$/, '');

  return {
    name,
    async read(ctx: PolicyContext) {
      const token = await credential.getToken(scope, { abortSignal: ctx.abortSignal });
      if (!token) throw new MetricSourceError(name, 'The credential returned no token for Azure Monitor.');
      const url = new URL(`${base}${resourceUri.replace(/\/+$/, '')}/providers/Microsoft.Insights/metrics`);
      const end = ctx.now.getTime();
      url.searchParams.set('api-version', '2023-10-01');
      url.searchParams.set('metricnames', metricName);
      url.searchParams.set('aggregation', aggregation);
      url.searchParams.set('interval', interval);
      url.searchParams.set(
        'timespan',
        `${new Date(end - timespanInMs).toISOString()}/${new Date(end).toISOString()}`,
      );
      if (metricNamespace) url.searchParams.set('metricnamespace', metricNamespace);
      const response = await fetchWithTimeout(
        fetchFn,
        url.href,
        { headers: { authorization: `Bearer ${token.token}`, accept: 'application/json' } },
        { timeoutInMs, abortSignal: ctx.abortSignal, source: name, what: `Azure Monitor at ${url.origin}` },
      );
      let body: MetricsResponse | undefined;
      try {
        body = (await response.json()) as MetricsResponse;
      } catch {
        body = undefined;
      }
      if (!response.ok) {
        const detail = body?.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${response.status}`;
        const hint =
          response.status === 403
            ? 'grant the identity Microsoft.Insights/metrics/read (e.g. the Monitoring Reader role) on the resource'
            : response.status === 404
              ? 'check the resourceUri'
              : 'check the metric name and aggregation';
        throw new MetricSourceError(
          name,
          `Azure Monitor refused metric '${metricName}' (${detail}): ${hint}.`,
        );
      }
      return latestValue(body, aggregation, metricName, name);
    },
  };
}

function latestValue(
  body: MetricsResponse | undefined,
  aggregation: AzureMonitorAggregation,
  metricName: string,
  name: string,
): number {
  const series = body?.value?.[0]?.timeseries ?? [];
  if (series.length > 1) {
    throw new MetricSourceError(
      name,
      `Metric '${metricName}' returned ${series.length} time series: read a metric without dimensions split.`,
    );
  }
  const key = aggregation.toLowerCase();
  const points = series[0]?.data ?? [];
  for (let i = points.length - 1; i >= 0; i--) {
    const value = points[i]?.[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  throw new MetricSourceError(
    name,
    `Metric '${metricName}' has no ${aggregation} data point in the time span: check the metric name, or widen timespanInMs (metrics arrive a few minutes late).`,
  );
}

function isoInterval(ms: number): string {
  if (ms % 86_400_000 === 0) return `P${ms / 86_400_000}D`;
  if (ms % 3_600_000 === 0) return `PT${ms / 3_600_000}H`;
  return `PT${Math.max(1, Math.round(ms / 60_000))}M`;
}
