import {
  type ArmResponseInfo,
  AuthorizationError,
  ClusterNotFoundError,
  ConfigError,
  discoverClusters,
} from '@aks-scaler/core';
import { DEFAULT_CLIENT_ID, type EmulatorClusterSpec } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { closedAfterEach } from './emulator-fixture.js';

const fixtures = closedAfterEach();
const SYSTEM = [{ name: 'nodepool1', mode: 'System' as const }];
const OTHER_SUBSCRIPTION = '22222222-2222-2222-2222-222222222222';

/** Three clusters in two resource groups, two tagged fleet=shop, and one in another subscription. */
const CLUSTERS: EmulatorClusterSpec[] = [
  {
    resourceGroup: 'rg-a',
    name: 'web',
    location: 'westeurope',
    tags: { fleet: 'shop', team: 'web' },
    pools: SYSTEM,
  },
  { resourceGroup: 'rg-b', name: 'batch', location: 'northeurope', tags: { Fleet: 'shop' }, pools: SYSTEM },
  { resourceGroup: 'rg-b', name: 'tools', tags: { fleet: 'Shop' }, pools: SYSTEM },
  {
    subscriptionId: OTHER_SUBSCRIPTION,
    resourceGroup: 'rg-a',
    name: 'elsewhere',
    tags: { fleet: 'shop' },
    pools: SYSTEM,
  },
];

describe('listClusters against the emulator (real SDK)', () => {
  it('lists a subscription page by page through the client pipeline, and a resource group alone', async () => {
    const responses: ArmResponseInfo[] = [];
    const fixture = await fixtures.start(
      { listPageSize: 2, clusters: CLUSTERS },
      { onResponse: (response) => responses.push(response) },
    );
    const { client, emulator } = fixture;
    const all = await client.listClusters({ subscriptionId: emulator.subscriptionId });
    expect(all.map((c) => [c.cluster.resourceGroup, c.cluster.clusterName, c.location, c.tags])).toEqual([
      ['rg-a', 'web', 'westeurope', { fleet: 'shop', team: 'web' }],
      ['rg-b', 'batch', 'northeurope', { Fleet: 'shop' }],
      ['rg-b', 'tools', 'westeurope', { fleet: 'Shop' }],
    ]);
    expect(all[0]).toMatchObject({
      cluster: { subscriptionId: emulator.subscriptionId },
      provisioningState: 'Succeeded',
    });
    // Two pages, each one request through the hook (so metrics count them).
    const lists = responses.filter((r) => /\/managedClusters(\?|$)/i.test(r.url));
    expect(lists.map((r) => [r.method, r.status])).toEqual([
      ['GET', 200],
      ['GET', 200],
    ]);
    const groupB = await client.listClusters({
      subscriptionId: emulator.subscriptionId,
      resourceGroup: 'rg-b',
    });
    expect(groupB.map((c) => c.cluster.clusterName)).toEqual(['batch', 'tools']);
    const other = await client.listClusters({ subscriptionId: OTHER_SUBSCRIPTION });
    expect(other.map((c) => c.cluster)).toEqual([
      { subscriptionId: OTHER_SUBSCRIPTION, resourceGroup: 'rg-a', clusterName: 'elsewhere' },
    ]);
  });

  it('discoverClusters keeps the clusters whose tags all match (names case-insensitive, values exact), every call anew', async () => {
    const fixture = await fixtures.start({ listPageSize: 2, clusters: CLUSTERS });
    const { client, emulator } = fixture;
    const scope = { subscriptionId: emulator.subscriptionId };
    const names = async () =>
      (await discoverClusters({ client, scope, tags: { fleet: 'shop' } })).map((c) => c.cluster.clusterName);
    expect(await names()).toEqual(['web', 'batch']);
    emulator.state.setClusterTags('rg-b', 'tools', { fleet: 'shop' });
    emulator.state.setClusterTags('rg-a', 'web', {});
    expect(await names()).toEqual(['batch', 'tools']);
    await expect(discoverClusters({ client, scope, tags: {} })).rejects.toBeInstanceOf(ConfigError);
  });

  it('a 403 names managedClusters/read and the scope it was refused on', async () => {
    const fixture = await fixtures.start({
      clusters: CLUSTERS,
      rbac: {
        [DEFAULT_CLIENT_ID]: [
          'Microsoft.ContainerService/managedClusters/agentPools/*',
          'Microsoft.ContainerService/locations/*',
        ],
      },
    });
    const { client, emulator } = fixture;
    const error = await client
      .listClusters({ subscriptionId: emulator.subscriptionId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationError);
    // The scope is the one ARM names in its answer (the listed path), carried into the message.
    const { scope } = error as AuthorizationError;
    expect(error).toMatchObject({ action: 'Microsoft.ContainerService/managedClusters/read' });
    expect(scope?.startsWith(`/subscriptions/${emulator.subscriptionId}`)).toBe(true);
    expect((error as Error).message).toContain(`on '${scope}'`);
    expect((error as Error).message).toMatch(/on the subscription, not only on each cluster/);
  });

  it('a resource group that does not exist is a ClusterNotFoundError; a 500 that outlasts the retries is an ARM error', async () => {
    const fixture = await fixtures.start({ clusters: CLUSTERS });
    const { client, emulator } = fixture;
    const missing = await client
      .listClusters({ subscriptionId: emulator.subscriptionId, resourceGroup: 'rg-nope' })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ClusterNotFoundError);
    expect((missing as Error).message).toMatch(/resource group 'rg-nope'.*\(404 ResourceGroupNotFound\)/);
    emulator.faults.inject({ kind: 'server-error', path: /managedClusters$/i, times: Infinity });
    const failed = await client
      .listClusters({ subscriptionId: emulator.subscriptionId })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 'ARM_REQUEST', statusCode: 500 });
    expect((failed as Error).message).toMatch(/managed clusters of subscription .* failed \(500/);
  });
});
