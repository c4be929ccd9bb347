import { isPoolName, tryParseDurationInMs } from '@aks-scaler/core/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scalerConfigSchema } from './config-schema.js';
import { metricOptionsSchema } from './metric-schema.js';
import { parseScalerConfig } from './parse-scaler-config.js';
import { policyFromConfig } from './policy-from-config.js';
import { fromNodePoolsAmount } from './static-policy.js';

// Count the calls of the parsers that matter, keeping what they do.
vi.mock('@aks-scaler/core/common', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@aks-scaler/core/common')>();
  return {
    ...actual,
    isPoolName: vi.fn(actual.isPoolName),
    tryParseDurationInMs: vi.fn(actual.tryParseDurationInMs),
  };
});

const text = JSON.stringify({
  clusters: [{ subscription: '00000000-0000-0000-0000-000000000000', resourceGroup: 'rg', name: 'aks' }],
  policy: {
    max: [
      { schedule: { timezone: 'UTC', rules: [{ cron: '0 7 * * 1-5', duration: '8h', counts: { a: 5 } }] } },
      {
        stabilize: {
          scaleDownWindow: '10m',
          policy: {
            metric: {
              prometheus: { url: 'http://p:9090', query: 'q', timeout: '5s' },
              pools: ['b'],
              targetPerNode: 10,
              scaleDownStabilization: '0s',
            },
          },
        },
      },
    ],
  },
});

afterEach(() => {
  vi.clearAllMocks();
  vi.restoreAllMocks();
});

describe('a config is validated once and its values are parsed once', () => {
  it('policyFromConfig trusts a parsed config, and validates raw data once', () => {
    const config = parseScalerConfig(text);
    const whole = vi.spyOn(scalerConfigSchema, 'safeParse');
    const metric = vi.spyOn(metricOptionsSchema, 'safeParse');
    policyFromConfig(config);
    expect(whole).not.toHaveBeenCalled();
    expect(metric).not.toHaveBeenCalled(); // the metric's options were checked by the config schema
    policyFromConfig(JSON.parse(text));
    expect(whole).toHaveBeenCalledTimes(1);
    expect(metric).not.toHaveBeenCalled();
  });

  it('parses each duration once, in the schema, and gives it to the policies in milliseconds', () => {
    const config = parseScalerConfig(text);
    policyFromConfig(config);
    expect(
      vi
        .mocked(tryParseDurationInMs)
        .mock.calls.map(([duration]) => duration)
        .sort(),
    ).toEqual(['0s', '10m', '5s', '8h'].sort());
    const [schedule, stabilize] = config.policy.max ?? [];
    expect(schedule?.schedule?.rules[0]?.duration).toBe(8 * 3_600_000);
    expect(stabilize?.stabilize?.scaleDownWindow).toBe(600_000);
    expect(stabilize?.stabilize?.policy.metric).toMatchObject({
      scaleDownStabilization: 0,
      prometheus: { timeout: 5000 },
    });
  });

  it('NODE_POOLS_AMOUNT is checked once on its way to a policy', async () => {
    const policy = fromNodePoolsAmount('{ "manualpool2": 5, "manualpool3": 5 }');
    // Each pool name is checked once, by parseNodePoolsAmount (the static policy used to check them again).
    expect(vi.mocked(isPoolName).mock.calls).toEqual([['manualpool2'], ['manualpool3']]);
    const ctx = {
      now: new Date(0),
      cluster: { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' },
      pools: [],
    };
    expect((await policy.evaluate(ctx)).map((d) => d.count)).toEqual([5, 5]);
  });
});
