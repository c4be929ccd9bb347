import { describe, expect, expectTypeOf, it } from 'vitest';
import { discoverClusters } from './discover-clusters.js';
import { ConfigError } from './errors.js';
import type { NodePoolClient } from './node-pool-client.js';

describe('a NodePoolClient without cluster reads', () => {
  it('still is a NodePoolClient (getCluster and listClusters are optional); discoverClusters says what it needs', async () => {
    const unused = () => Promise.reject(new Error('not called'));
    const client: NodePoolClient = {
      listPools: unused,
      getPool: unused,
      scalePool: unused,
      setAutoscalerBounds: unused,
      setPowerState: unused,
      waitForPool: unused,
    };
    expectTypeOf(client.listClusters).toEqualTypeOf<NodePoolClient['listClusters']>();
    const discovering = discoverClusters({ client, scope: { subscriptionId: 's' }, tags: { fleet: 'shop' } });
    await expect(discovering).rejects.toBeInstanceOf(ConfigError);
    await expect(discovering).rejects.toThrow(/needs a client that can list clusters \(listClusters\)/);
  });
});
