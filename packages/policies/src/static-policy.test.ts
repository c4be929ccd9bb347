import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { fromNodePoolsAmount, staticPolicy } from './static-policy.js';

const ctx = {
  now: new Date(0),
  cluster: { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' },
  pools: [],
};

describe('staticPolicy', () => {
  it('asks for the configured counts and nothing else', async () => {
    const decisions = await staticPolicy({ manualpool2: 5, manualpool3: 0 }).evaluate(ctx);
    expect(decisions).toEqual([
      { pool: 'manualpool2', count: 5, reason: 'static manualpool2=5' },
      { pool: 'manualpool3', count: 0, reason: 'static manualpool3=0' },
    ]);
  });

  it('validates the counts at construction', () => {
    expect(() => staticPolicy({ Bad: 1, ok: 2000 })).toThrow(ConfigError);
  });

  it('returns fresh decisions each time', async () => {
    const policy = staticPolicy({ a: 1 });
    const first = await policy.evaluate(ctx);
    first[0]!.count = 99;
    expect((await policy.evaluate(ctx))[0]!.count).toBe(1);
  });

  it('returns fresh autoscaler ranges each time', async () => {
    const policy = staticPolicy({ web: { min: 2, max: 10 } });
    const first = await policy.evaluate(ctx);
    first[0]!.autoscaler!.maxCount = 99;
    expect((await policy.evaluate(ctx))[0]!.autoscaler).toEqual({ minCount: 2, maxCount: 10 });
  });

  it('builds from NODE_POOLS_AMOUNT and says so in the reason', async () => {
    const decisions = await fromNodePoolsAmount('{ "manualpool2": 5 }').evaluate(ctx);
    expect(decisions).toEqual([{ pool: 'manualpool2', count: 5, reason: 'NODE_POOLS_AMOUNT manualpool2=5' }]);
  });

  it('names the source it is given in the reason (the flag the counts came from)', async () => {
    const decisions = await fromNodePoolsAmount('{ "manualpool2": 5 }', { source: '--pools' }).evaluate(ctx);
    expect(decisions).toEqual([{ pool: 'manualpool2', count: 5, reason: '--pools manualpool2=5' }]);
  });
});
