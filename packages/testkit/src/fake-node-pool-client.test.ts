import { AuthorizationError, OperationConflictError } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { FakeNodePoolClient } from './fake-node-pool-client.js';
import { DEFAULT_TEST_CLUSTER, nodePool } from './pool-builder.js';

describe('FakeNodePoolClient', () => {
  it('logs operations, counts reads and writes, and bumps the eTag on every write', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' })] });
    const [pool] = await client.listPools(DEFAULT_TEST_CLUSTER);
    const scaled = await client.scalePool(pool!, 4);
    expect(scaled).toMatchObject({ count: 4, provisioningState: 'Succeeded' });
    expect(scaled.eTag).not.toBe(pool!.eTag);
    expect(client.log).toEqual(['START scale a 1->4', 'END scale a 1->4']);
    expect([client.reads, client.writes, client.inFlight, client.maxInFlight]).toEqual([1, 1, 0, 1]);
  });

  it('refuses a write with a stale eTag, like If-Match', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' })] });
    const stale = client.pool('a');
    await client.scalePool(stale, 2);
    const error = await client.scalePool(stale, 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationConflictError);
    expect(error).toMatchObject({ reason: 'changed' });
  });

  it('updates tags like the real client: named ones set or removed, others kept, a stale eTag retried once', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a', tags: { team: 'x' } })] });
    const stale = client.pool('a');
    await client.scalePool(stale, 2);
    const tagged = await client.updateTags(stale, { 'aks-scaler-override': 'pause' });
    expect(tagged.tags).toEqual({ team: 'x', 'aks-scaler-override': 'pause' });
    const cleared = await client.updateTags(tagged, { 'aks-scaler-override': null, team: null });
    expect(cleared.tags).toBeUndefined();
    expect(cleared.count).toBe(2);
    expect(client.log).toEqual([
      'START scale a 1->2',
      'END scale a 1->2',
      'CONFLICT tags a ->aks-scaler-override=pause 412',
      'START tags a ->aks-scaler-override=pause',
      'END tags a ->aks-scaler-override=pause',
      'START tags a ->aks-scaler-override=-,team=-',
      'END tags a ->aks-scaler-override=-,team=-',
    ]);
    await expect(client.updateTags(cleared, { 'a/b': 'c' })).rejects.toMatchObject({ code: 'CONFIG' });
  });

  it('plays scripted faults in order', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' })] });
    client.inject('a', { type: 'fail', armCode: 'QuotaExceeded' }, { type: 'throttled' });
    await expect(client.scalePool(client.pool('a'), 2)).rejects.toMatchObject({ armCode: 'QuotaExceeded' });
    expect(client.pool('a').provisioningState).toBe('Failed');
    await expect(client.scalePool(client.pool('a'), 2)).rejects.toMatchObject({ code: 'THROTTLED' });
    await expect(client.scalePool(client.pool('a'), 2)).resolves.toMatchObject({ count: 2 });
  });

  it('waits for a busy pool until it settles', async () => {
    const client = new FakeNodePoolClient();
    client.setPool(nodePool({ name: 'a', provisioningState: 'Upgrading' }));
    const waiting = client.waitForPool(client.pool('a'));
    client.settlePool('a');
    await expect(waiting).resolves.toMatchObject({ provisioningState: 'Succeeded' });
    expect(client.log).toEqual(['WAIT a Upgrading']);
  });

  it('stops abandoning a hung operation when aborted', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a' })] });
    client.inject('a', { type: 'hang' });
    const controller = new AbortController();
    const write = client.scalePool(client.pool('a'), 2, { abortSignal: controller.signal });
    controller.abort();
    await expect(write).rejects.toMatchObject({ code: 'ABORTED' });
    expect(client.inFlight).toBe(0);
    expect(client.pool('a').provisioningState).toBe('Scaling');
  });

  it('serves getCluster: defaults for a cluster known by its pools, a spec where given, 404 otherwise', async () => {
    const other = { ...DEFAULT_TEST_CLUSTER, clusterName: 'other' };
    const client = new FakeNodePoolClient({
      pools: [nodePool({ name: 'a' })],
      clusters: [{ cluster: other, location: 'northeurope', tags: { env: 'prod' } }],
    });
    await expect(client.getCluster(DEFAULT_TEST_CLUSTER)).resolves.toEqual({
      cluster: DEFAULT_TEST_CLUSTER,
      location: 'westeurope',
      tags: {},
      provisioningState: 'Succeeded',
      powerState: 'Running',
    });
    await expect(client.getCluster(other)).resolves.toMatchObject({
      location: 'northeurope',
      tags: { env: 'prod' },
    });
    await expect(client.listPools(other)).resolves.toEqual([]);
    const missing = { ...DEFAULT_TEST_CLUSTER, clusterName: 'missing' };
    await expect(client.getCluster(missing)).rejects.toMatchObject({ code: 'CLUSTER_NOT_FOUND' });
    expect(client.reads).toBe(4);
  });

  it('lists the clusters of a subscription or resource group, forgets a removed one, and plays scripted listing failures', async () => {
    const sub = DEFAULT_TEST_CLUSTER.subscriptionId;
    const web = { subscriptionId: sub, resourceGroup: 'rg-a', clusterName: 'web' };
    const batch = { subscriptionId: sub, resourceGroup: 'RG-B', clusterName: 'batch' };
    const foreign = {
      subscriptionId: '22222222-2222-2222-2222-222222222222',
      resourceGroup: 'rg-a',
      clusterName: 'x',
    };
    const client = new FakeNodePoolClient({
      pools: [nodePool({ name: 'a', cluster: batch })],
      clusters: [{ cluster: web, tags: { fleet: 'shop' } }, { cluster: batch }, { cluster: foreign }],
    });
    const names = async (resourceGroup?: string) =>
      (await client.listClusters({ subscriptionId: sub.toUpperCase(), resourceGroup })).map((c) => [
        c.cluster.clusterName,
        c.tags,
      ]);
    expect(await names()).toEqual([
      ['web', { fleet: 'shop' }],
      ['batch', {}],
    ]);
    expect(await names('rg-b')).toEqual([['batch', {}]]);
    client.removeCluster(batch);
    expect(await names()).toEqual([['web', { fleet: 'shop' }]]);
    await expect(client.listPools(batch)).rejects.toMatchObject({ code: 'CLUSTER_NOT_FOUND' });
    client.failNextListings(new AuthorizationError('denied'));
    await expect(client.listClusters({ subscriptionId: sub })).rejects.toBeInstanceOf(AuthorizationError);
    expect(await names()).toEqual([['web', { fleet: 'shop' }]]);
  });
});
