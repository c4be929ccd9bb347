import { createNodePoolClient, resolveCredential } from '@aks-scaler/core';
import { startEmulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { scaleTaggedFleet } from './discover.js';

const SYSTEM = { name: 'nodepool1', mode: 'System' as const, count: 1 };
const pools = () => [SYSTEM, { name: 'manualpool2', count: 1 }];
// Subscription 1 hashes to shard 0 of 3, subscription 3 to shard 2 (see docs/operations.md, "Shards").
const ONE = '00000001-0000-4000-8000-000000000001';
const THREE = '00000003-0000-4000-8000-000000000003';

describe("docs/library.md's scaleTaggedFleet against the emulator", () => {
  it('reconciles the tagged clusters of each subscription, and with a shard only its subscriptions', async () => {
    const emulator = await startEmulator({
      operationDurationInMs: 5,
      clusters: [
        { subscriptionId: ONE, resourceGroup: 'rg-a', name: 'web', tags: { fleet: 'shop' }, pools: pools() },
        { subscriptionId: ONE, resourceGroup: 'rg-b', name: 'tools', pools: pools() },
        {
          subscriptionId: THREE,
          resourceGroup: 'rg-c',
          name: 'batch',
          tags: { Fleet: 'shop' },
          pools: pools(),
        },
      ],
    });
    try {
      const env = await emulator.workloadIdentityEnv();
      const { credential } = resolveCredential({ env, ca: emulator.caCert });
      const client = createNodePoolClient({ credential, env, ca: emulator.caCert, pollIntervalInMs: 5 });
      const shardTwo = await scaleTaggedFleet(client, [ONE, THREE], { index: 2, count: 3 });
      expect(shardTwo.clusters.map((c) => c.cluster.clusterName)).toEqual(['batch']);
      const all = await scaleTaggedFleet(client, [ONE, THREE]);
      expect(all.ok).toBe(true);
      expect(all.clusters.map((c) => c.cluster.clusterName)).toEqual(['web', 'batch']);
      expect(emulator.state.getPool(ONE, 'rg-a', 'web', 'manualpool2')?.count).toBe(3);
      expect(emulator.state.getPool(ONE, 'rg-b', 'tools', 'manualpool2')?.count).toBe(1);
    } finally {
      await emulator.close();
    }
  });
});
