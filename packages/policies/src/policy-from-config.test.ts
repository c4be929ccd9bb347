import { readFileSync } from 'node:fs';
import type { PolicyContext } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { policyContext } from '../test/policy-context.js';
import { parseScalerConfig } from './parse-scaler-config.js';
import { policyFromConfig } from './policy-from-config.js';

const clusters = [{ subscription: '00000000-0000-0000-0000-000000000000', resourceGroup: 'rg', name: 'aks' }];
const designExample = readFileSync(new URL('../test/fixtures/design-example.yaml', import.meta.url), 'utf8');

function ctx(iso: string, counts: Record<string, number>): PolicyContext {
  return policyContext(new Date(iso), counts);
}

function prometheusReturning(value: string, seen: Headers[] = []): typeof fetch {
  return (async (_url: string | URL | Request, init?: RequestInit) => {
    seen.push(new Headers(init?.headers));
    return new Response(
      JSON.stringify({
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {}, value: [0, value] }] },
      }),
    );
  }) as typeof fetch;
}

describe('policyFromConfig', () => {
  it('builds the documented example config with bounds and step limits applied', async () => {
    const policy = policyFromConfig(parseScalerConfig(designExample), { fetch: prometheusReturning('1523') });
    const decisions = await policy.evaluate(ctx('2026-11-30T10:00:00Z', { manualpool2: 1, manualpool3: 2 }));
    expect(decisions).toEqual([
      {
        pool: 'manualpool2',
        count: 10,
        reason: "max of [static=5, schedule=10]: schedule rule 2 'Mon-Fri 07:30-20:30' (Europe/Berlin)",
      },
      {
        pool: 'manualpool3',
        count: 12,
        reason:
          "max of [static=5, metric=16]: metric prometheus 'sum(queue_depth)' = 1523: ceil(1523 / 100 per node) = 16 (step limited to 12, +10 from 2)",
      },
    ]);
    const holiday = await policy.evaluate(ctx('2026-12-24T10:00:00Z', { manualpool2: 10, manualpool3: 12 }));
    expect(holiday.find((d) => d.pool === 'manualpool2')).toEqual({
      pool: 'manualpool2',
      count: 5,
      reason: 'max of [static=5, schedule=0]: static manualpool2=5',
    });
    const night = await policy.evaluate(ctx('2026-11-30T22:00:00Z', { manualpool2: 40, manualpool3: 12 }));
    expect(night.find((d) => d.pool === 'manualpool2')?.reason).toContain('(step limited to 35, -5 from 40)');
  });

  it('applies bounds', async () => {
    const policy = policyFromConfig({
      clusters,
      policy: { static: { a: 80, b: 0 } },
      bounds: { a: { max: 50 }, b: { min: 1 } },
    });
    const decisions = await policy.evaluate(ctx('2026-11-30T10:00:00Z', {}));
    expect(decisions.map((d) => [d.pool, d.count])).toEqual([
      ['a', 50],
      ['b', 1],
    ]);
  });

  it('accepts a bare policy config', async () => {
    const policy = policyFromConfig({ first: [{ static: { a: 1 } }, { static: { a: 2, b: 2 } }] });
    expect((await policy.evaluate(ctx('2026-11-30T10:00:00Z', {}))).map((d) => [d.pool, d.count])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('builds stabilize around any policy', async () => {
    const values = ['8', '2'];
    const policy = policyFromConfig(
      {
        stabilize: {
          scaleDownWindow: '10m',
          policy: {
            metric: {
              prometheus: { url: 'http://p:9090', query: 'q' },
              pools: ['a'],
              targetPerNode: 1,
              scaleDownStabilization: '0s',
            },
          },
        },
      },
      { fetch: (async () => prometheusReturning(values.shift() ?? '2')('')) as typeof fetch },
    );
    expect((await policy.evaluate(ctx('2026-11-30T10:00:00Z', { a: 5 })))[0]?.count).toBe(8);
    const [held] = await policy.evaluate(ctx('2026-11-30T10:05:00Z', { a: 8 }));
    expect(held).toMatchObject({
      pool: 'a',
      count: 8,
      reason: expect.stringContaining('scale-down held at 8 (highest recommendation in the last 10m)'),
    });
  });

  it('reads secret files for Prometheus auth at each read', async () => {
    const seen: Headers[] = [];
    let token = 'first';
    const policy = policyFromConfig(
      {
        metric: {
          prometheus: { url: 'http://p:9090', query: 'q', bearerTokenFile: '/var/run/secrets/token' },
          pools: ['a'],
          targetPerNode: 1,
        },
      },
      {
        fetch: prometheusReturning('1', seen),
        readSecretFile: (path) => `${path === '/var/run/secrets/token' ? token : ''}\n`,
      },
    );
    await policy.evaluate(ctx('2026-11-30T10:00:00Z', {}));
    token = 'rotated';
    await policy.evaluate(ctx('2026-11-30T10:01:00Z', {}));
    expect(seen.map((headers) => headers.get('authorization'))).toEqual(['Bearer first', 'Bearer rotated']);
  });

  it('needs a credential for Azure Monitor and says so', () => {
    const config = {
      metric: {
        azureMonitor: { resourceUri: '/subscriptions/x/resourceGroups/rg/providers/P/t/n', metricName: 'm' },
        pools: ['a'],
        targetPerNode: 1,
      },
    };
    expect(() => policyFromConfig(config)).toThrow(ConfigError);
    expect(() => policyFromConfig(config)).toThrow('pass { credential }');
    const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: 0 }) };
    expect(policyFromConfig(config, { credential }).name).toBe('metric');
  });

  it('validates whatever it is given', () => {
    expect(() => policyFromConfig({ clusters, policy: { statik: {} } })).toThrow(ConfigError);
    expect(() => policyFromConfig(undefined)).toThrow(ConfigError);
    expect(() => policyFromConfig('static')).toThrow(ConfigError);
    expect(() => policyFromConfig({ policy: { static: { a: 1 } } })).toThrow('clusters');
  });
});
