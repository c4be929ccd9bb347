import type { PolicyContext } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { azureMonitorSource, type TokenCredentialLike } from './azure-monitor-source.js';
import { MetricSourceError } from './metric-source.js';

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' };
const ctx: PolicyContext = { now: new Date('2026-11-30T10:00:00Z'), cluster, pools: [] };
const resourceUri = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/orders';
const secret = 'eyJ-very-secret-access-token';

function credential(scopes: string[] = []): TokenCredentialLike {
  return {
    async getToken(scope) {
      scopes.push(String(scope));
      return { token: secret, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

/** A fetch stub that records the request and answers with `body`. */
function stubFetch(
  status: number,
  body: unknown,
  seen: Array<{ url: URL; headers: Headers }> = [],
): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: new URL(String(input)), headers: new Headers(init?.headers) });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

const series = (...points: Array<Record<string, unknown>>) => ({
  value: [{ name: { value: 'ActiveMessages' }, timeseries: [{ data: points }] }],
});

describe('azureMonitorSource', () => {
  it('reads the latest data point of the aggregation with a bearer token for ARM', async () => {
    const seen: Array<{ url: URL; headers: Headers }> = [];
    const scopes: string[] = [];
    const source = azureMonitorSource({
      credential: credential(scopes),
      resourceUri,
      metricName: 'ActiveMessages',
      aggregation: 'Maximum',
      endpoint: 'https://arm.example.test/',
      fetch: stubFetch(
        200,
        series({ timeStamp: 'a', maximum: 10 }, { timeStamp: 'b', maximum: 42 }, { timeStamp: 'c' }),
        seen,
      ),
    });
    expect(await source.read(ctx)).toBe(42);
    const [{ url, headers }] = seen as [{ url: URL; headers: Headers }];
    expect(url.origin + url.pathname).toBe(
      `https://arm.example.test${resourceUri}/providers/Microsoft.Insights/metrics`,
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'api-version': '2023-10-01',
      metricnames: 'ActiveMessages',
      aggregation: 'Maximum',
      interval: 'PT1M',
      timespan: '2026-11-30T09:50:00.000Z/2026-11-30T10:00:00.000Z',
    });
    expect(headers.get('authorization')).toBe(`Bearer ${secret}`);
    expect(scopes).toEqual(['https://management.azure.com/.default']);
  });

  it.each([
    [200, series(), 'no Maximum data point'],
    [200, { value: [{ timeseries: [{ data: [] }, { data: [] }] }] }, '2 time series'],
    [403, { error: { code: 'AuthorizationFailed', message: 'no access' } }, 'Monitoring Reader'],
    [404, { error: { code: 'ResourceNotFound', message: 'gone' } }, 'check the resourceUri'],
    [
      400,
      { error: { code: 'BadRequest', message: 'Failed to find metric configuration' } },
      'Failed to find metric',
    ],
  ])('answers %i %j with a clear error and no token', async (status, body, message) => {
    const source = azureMonitorSource({
      credential: credential(),
      resourceUri,
      metricName: 'ActiveMessages',
      aggregation: 'Maximum',
      fetch: stubFetch(status, body),
    });
    const error = (await source.read(ctx).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(MetricSourceError);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain(secret);
  });

  it('maps intervals to ISO durations', async () => {
    const seen: Array<{ url: URL; headers: Headers }> = [];
    const options = {
      credential: credential(),
      resourceUri,
      metricName: 'm',
      fetch: stubFetch(200, series({ average: 1 }), seen),
    };
    await azureMonitorSource({ ...options, intervalInMs: 5 * 60_000 }).read(ctx);
    await azureMonitorSource({ ...options, intervalInMs: 3_600_000 }).read(ctx);
    await azureMonitorSource({ ...options, intervalInMs: 86_400_000 }).read(ctx);
    expect(seen.map(({ url }) => url.searchParams.get('interval'))).toEqual(['PT5M', 'PT1H', 'P1D']);
  });

  it('rejects a missing credential and a bad resource id at construction', () => {
    expect(() =>
      azureMonitorSource({ credential: undefined as never, resourceUri, metricName: 'm' }),
    ).toThrow(ConfigError);
    expect(() =>
      azureMonitorSource({ credential: credential(), resourceUri: 'orders', metricName: 'm' }),
    ).toThrow(ConfigError);
  });
});
