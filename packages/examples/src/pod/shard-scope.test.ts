import { subscriptionShard } from '@aks-scaler/core/common';
import { describe, expect, it } from 'vitest';
import type { ScalerSelector } from './config-entries.js';
import type { ScalerTarget } from './setup.js';
import { shardTargets } from './shard-scope.js';

// Three subscriptions; the shard of each (of 3) was computed with a separate Python FNV-1a implementation.
const SHARD_OF: Record<string, number> = {
  '00000000-0000-0000-0000-000000000000': 0,
  '6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c': 2,
  'ffffffff-ffff-ffff-ffff-ffffffffffff': 0,
};

const target = (subscriptionId: string, clusterName: string): ScalerTarget => ({
  cluster: { subscriptionId, resourceGroup: 'rg', clusterName },
  policy: { name: 'static', evaluate: () => [] },
  unknownPools: 'error',
});
const selector = (subscriptionId: string, entry: string): ScalerSelector => ({
  entry,
  scope: { subscriptionId },
  tags: { fleet: 'shop' },
  options: { unknownPools: 'error' },
  createPolicy: () => ({ name: 'static', evaluate: () => [] }),
});

describe('shardTargets', () => {
  it('keeps every entry without a shard', () => {
    const targets = [target('00000000-0000-0000-0000-000000000000', 'a')];
    expect(shardTargets(targets, [], undefined)).toEqual({ targets, selectors: [] });
  });

  it('keeps the clusters and selectors whose subscription hashes to this shard, and counts what it took', () => {
    const targets = Object.keys(SHARD_OF).map((sub, i) => target(sub, `c${i}`));
    const selectors = [selector('6F1C2A3B-0D4E-4F5A-8B6C-7D8E9F0A1B2C', 'clusters[3]')];
    for (const [sub, shard] of Object.entries(SHARD_OF)) expect(subscriptionShard(sub, 3)).toBe(shard);
    const zero = shardTargets(targets, selectors, { index: 0, count: 3, from: 'SCALER_SHARD' });
    expect(zero.targets.map((t) => t.cluster.clusterName)).toEqual(['c0', 'c2']);
    expect(zero.selectors).toEqual([]);
    expect(zero.scope).toMatchObject({ index: 0, count: 3, taken: 2, total: 4 });
    const two = shardTargets(targets, selectors, { index: 2, count: 3, from: 'SCALER_SHARD' });
    expect(two.targets.map((t) => t.cluster.clusterName)).toEqual(['c1']);
    expect(two.selectors.map((s) => s.entry)).toEqual(['clusters[3]']); // the spelling of the id does not matter
    const one = shardTargets(targets, selectors, { index: 1, count: 3, from: 'JOB_COMPLETION_INDEX' });
    expect(one).toMatchObject({ targets: [], selectors: [], scope: { taken: 0, total: 4 } });
  });
});
