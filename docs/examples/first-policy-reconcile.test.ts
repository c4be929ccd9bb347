import { reconcile } from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER, FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { expect, it } from 'vitest';
import { nightlyBatch } from './first-policy.js';

it('scales batch up at night, and a failed operation is in the report', async () => {
  const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'batch', count: 0 })] });
  client.inject('batch', { type: 'fail', armCode: 'QuotaExceeded' });
  const report = await reconcile({
    client,
    cluster: DEFAULT_TEST_CLUSTER,
    policy: nightlyBatch,
    now: () => new Date('2026-11-30T23:00:00Z'),
  });
  expect(report.pools[0]).toMatchObject({ pool: 'batch', from: 0, to: 10, outcome: 'failed' });
  expect(client.log).toEqual(['START scale batch 0->10', 'FAIL scale batch 0->10 QuotaExceeded']);
});
