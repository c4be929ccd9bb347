import type { PolicyContext } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';
import { fetchWithTimeout, type MetricSource, MetricSourceError } from './metric-source.js';

/** Options of {@link prometheusSource}. */
export interface PrometheusSourceOptions {
  /** The Prometheus server's base URL, e.g. `http://prometheus.monitoring:9090` (a path prefix is kept). */
  url: string;
  /** A PromQL expression that yields exactly one sample (or a scalar), e.g. `sum(queue_depth)`. */
  query: string;
  /**
   * How long one query may take.
   * @default 10000
   */
  timeoutInMs?: number | undefined;
  /** A bearer token, or a function returning the current one (e.g. read from a rotated file). Never logged. */
  bearerToken?: string | (() => string | Promise<string>) | undefined;
  /** HTTP basic credentials. Never logged. */
  basicAuth?: { username: string; password: string } | undefined;
  /** Extra request headers (e.g. a tenant header for Thanos or Mimir). */
  headers?: Record<string, string> | undefined;
  /** The fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
}

interface PrometheusResponse {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: unknown };
}

/**
 * A {@link MetricSource} that runs a Prometheus instant query (`GET {url}/api/v1/query?query=...&time=...`) at the
 * policy's `now`. The query must yield exactly one sample: none, several, or a non-finite value is an error that
 * names the query.
 *
 * @example
 * ```ts
 * const source = prometheusSource({ url: 'http://prometheus:9090', query: 'sum(queue_depth)' });
 * ```
 */
export function prometheusSource(options: PrometheusSourceOptions): MetricSource {
  const { query, timeoutInMs = 10_000, headers = {}, bearerToken } = options;
  let base: URL;
  try {
    base = new URL(options.url);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError('not http(s)');
  } catch (error) {
    throw new ConfigError(`Prometheus URL is not an http(s) URL: use e.g. 'http://prometheus:9090'.`, {
      cause: error,
      issues: [{ path: 'prometheus.url', message: 'expected an http(s) URL' }],
    });
  }
  if (typeof query !== 'string' || query.trim() === '') {
    throw new ConfigError('Prometheus query is empty: give a PromQL expression such as sum(queue_depth).', {
      issues: [{ path: 'prometheus.query', message: 'expected a PromQL expression' }],
    });
  }
  let basicAuth = options.basicAuth;
  if (base.username || base.password) {
    basicAuth ??= {
      username: decodeURIComponent(base.username),
      password: decodeURIComponent(base.password),
    };
    base.username = '';
    base.password = '';
  }
  const endpoint = new URL('api/v1/query', base.href.endsWith('/') ? base.href : `${base.href}/`);
  const name = `prometheus '${query}'`;
  const fetchFn = options.fetch ?? globalThis.fetch;

  return {
    name,
    async read(ctx: PolicyContext) {
      const url = new URL(endpoint);
      url.searchParams.set('query', query);
      url.searchParams.set('time', (ctx.now.getTime() / 1000).toFixed(3));
      const requestHeaders: Record<string, string> = { accept: 'application/json', ...headers };
      if (bearerToken !== undefined) {
        const token = typeof bearerToken === 'function' ? await bearerToken() : bearerToken;
        requestHeaders.authorization = `Bearer ${token.trim()}`;
      } else if (basicAuth) {
        const pair = `${basicAuth.username}:${basicAuth.password}`;
        requestHeaders.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
      }
      const what = `Prometheus at ${endpoint.origin}`;
      const response = await fetchWithTimeout(
        fetchFn,
        url.href,
        { headers: requestHeaders },
        {
          timeoutInMs,
          abortSignal: ctx.abortSignal,
          source: name,
          what,
        },
      );
      const text = await response.text();
      let body: PrometheusResponse | undefined;
      try {
        body = JSON.parse(text) as PrometheusResponse;
      } catch {
        body = undefined;
      }
      if (!response.ok || body?.status !== 'success') {
        const detail = body?.error
          ? `${body.errorType ?? 'error'}: ${body.error}`
          : `HTTP ${response.status}`;
        const hint =
          response.status === 401 || response.status === 403
            ? 'check the bearer token or basic credentials'
            : response.status === 400 || response.status === 422
              ? 'check the PromQL syntax'
              : 'check the URL and that the server is a Prometheus HTTP API';
        throw new MetricSourceError(name, `Query '${query}' failed at ${what} (${detail}): ${hint}.`);
      }
      return sampleValue(body.data, query, name);
    },
  };
}

function sampleValue(data: PrometheusResponse['data'], query: string, name: string): number {
  const type = data?.resultType;
  let raw: unknown;
  if (type === 'scalar') {
    raw = (data?.result as unknown[] | undefined)?.[1];
  } else if (type === 'vector') {
    const result = (data?.result ?? []) as Array<{ metric?: Record<string, string>; value?: unknown[] }>;
    if (result.length === 0) {
      throw new MetricSourceError(
        name,
        `Query '${query}' returned no sample: check that the metric exists and is being scraped, and that its labels match.`,
      );
    }
    if (result.length > 1) {
      const series = result
        .slice(0, 3)
        .map((sample) => JSON.stringify(sample.metric ?? {}))
        .join(', ');
      throw new MetricSourceError(
        name,
        `Query '${query}' returned ${result.length} samples (${series}${result.length > 3 ? ', ...' : ''}): aggregate it to one, e.g. sum(...) or max(...).`,
      );
    }
    raw = result[0]?.value?.[1];
  } else {
    throw new MetricSourceError(
      name,
      `Query '${query}' returned a ${type ?? 'missing'} result: use an instant vector or scalar expression.`,
    );
  }
  const value = typeof raw === 'string' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw new MetricSourceError(
      name,
      `Query '${query}' returned ${String(raw)}, not a finite number: guard the expression (e.g. against division by zero).`,
    );
  }
  return value;
}
