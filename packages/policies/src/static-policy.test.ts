import { describe, expect, it } from 'vitest';
import { staticPolicy } from './static-policy.js';

describe('staticPolicy', () => {
  it('asks for the configured counts and nothing else', async () => {
    const policy = staticPolicy({ manualpool2: 5, manualpool3: 0 });
    const decisions = await policy.evaluate({
      now: new Date(0),
      cluster: { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' },
      pools: [],
    });
    expect(decisions.map(({ pool, count }) => [pool, count])).toEqual([
      ['manualpool2', 5],
      ['manualpool3', 0],
    ]);
  });
});
