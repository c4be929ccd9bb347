// Subscriptions, resource groups, managed-cluster lists with tags, and ARM's request checks (api-version,
// subscription ids, correlation ids), through the real @azure/arm-containerservice and plain HTTPS.
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { describe, expect, test } from 'vitest';
import type { Emulator } from '../src/index.js';
import { armToken, emulatorFetch } from './emulator-clients.js';
import { emulatorForSuite } from './emulator-fixture.js';

const SUB = '00000000-0000-0000-0000-000000000000';
const OTHER_SUB = '44444444-4444-4444-8444-444444444444';
const CLUSTERS = `/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`;
const pool = { name: 'nodepool1', mode: 'System' as const };

describe('subscriptions, resource groups and managed-cluster lists', () => {
  let emulator: Emulator;
  let client: ContainerServiceClient;
  let token: string;
  const get = async (path: string, headers: Record<string, string> = {}) =>
    emulatorFetch(emulator, path, { headers: { authorization: `Bearer ${token}`, ...headers } });

  emulatorForSuite(
    {
      listPageSize: 2,
      clusters: [
        { resourceGroup: 'rg-a', name: 'web', tags: { fleet: 'shop', env: 'prod' }, pools: [pool] },
        { resourceGroup: 'rg-a', name: 'batch', tags: { fleet: 'shop', env: 'dev' }, pools: [pool] },
        { resourceGroup: 'rg-b', name: 'tools', location: 'northeurope', pools: [pool] },
        { subscriptionId: OTHER_SUB, resourceGroup: 'rg-c', name: 'elsewhere', pools: [pool] },
      ],
    },
    async (started) => {
      ({ emulator, client } = started);
      token = await armToken(emulator);
    },
  );

  test('lists a subscription’s clusters across nextLink pages with id, name, location, tags and properties', async () => {
    const clusters = [];
    for await (const cluster of client.managedClusters.list()) clusters.push(cluster);
    expect(clusters.map((cluster) => [cluster.name, cluster.location, cluster.tags])).toEqual([
      ['web', 'westeurope', { fleet: 'shop', env: 'prod' }],
      ['batch', 'westeurope', { fleet: 'shop', env: 'dev' }],
      ['tools', 'northeurope', undefined], // ARM sends no tags for a resource without any
    ]);
    expect(clusters[0]?.id).toBe(
      `/subscriptions/${SUB}/resourcegroups/rg-a/providers/Microsoft.ContainerService/managedClusters/web`,
    );
    expect(clusters[0]?.agentPoolProfiles?.map((profile) => profile.name)).toEqual(['nodepool1']);
    const pages = emulator.requests.filter((entry) => entry.path === CLUSTERS);
    expect(pages.map((entry) => entry.status)).toEqual([200, 200]);

    const inGroup = [];
    for await (const cluster of client.managedClusters.listByResourceGroup('rg-a'))
      inGroup.push(cluster.name);
    expect(inGroup).toEqual(['web', 'batch']);
  });

  test('cluster tags change through state and show in the list and the GET', async () => {
    emulator.state.setClusterTags('rg-b', 'tools', { fleet: 'shop' });
    const tagged = [];
    for await (const cluster of client.managedClusters.list()) {
      if (cluster.tags?.fleet === 'shop') tagged.push(cluster.name);
    }
    expect(tagged).toEqual(['web', 'batch', 'tools']);
    expect((await client.managedClusters.get('rg-b', 'tools')).tags).toEqual({ fleet: 'shop' });
    expect(emulator.state.listClusters().map((cluster) => [cluster.name, cluster.tags])).toEqual([
      ['web', { fleet: 'shop', env: 'prod' }],
      ['batch', { fleet: 'shop', env: 'dev' }],
      ['tools', { fleet: 'shop' }],
      ['elsewhere', {}],
    ]);
  });

  test('a cluster body is a managed-identity cluster’s: servicePrincipalProfile msi, identities, network', async () => {
    const cluster = await client.managedClusters.get('rg-a', 'web');
    expect(cluster.servicePrincipalProfile).toEqual({ clientId: 'msi' });
    expect(cluster.identity).toMatchObject({ type: 'SystemAssigned', tenantId: emulator.tenantId });
    expect(cluster.identityProfile?.kubeletidentity?.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(cluster.networkProfile).toMatchObject({ networkPlugin: 'azure', outboundType: 'loadBalancer' });
  });

  test('serves GET /subscriptions, /subscriptions/{id} and its resource groups in ARM’s shapes', async () => {
    const list = (await (await get('/subscriptions?api-version=2022-12-01')).json()) as {
      value: { id: string; subscriptionId: string; tenantId: string; state: string }[];
    };
    expect(list.value.map((entry) => [entry.id, entry.subscriptionId, entry.tenantId, entry.state])).toEqual([
      [`/subscriptions/${SUB}`, SUB, emulator.tenantId, 'Enabled'],
      [`/subscriptions/${OTHER_SUB}`, OTHER_SUB, emulator.tenantId, 'Enabled'],
    ]);
    const one = await get(`/subscriptions/${OTHER_SUB}?api-version=2022-12-01`);
    expect(await one.json()).toMatchObject({ subscriptionId: OTHER_SUB, state: 'Enabled' });
    const group = await get(`/subscriptions/${SUB}/resourcegroups/rg-b?api-version=2021-04-01`);
    expect(await group.json()).toEqual({
      id: `/subscriptions/${SUB}/resourceGroups/rg-b`,
      name: 'rg-b',
      type: 'Microsoft.Resources/resourceGroups',
      location: 'northeurope',
      properties: { provisioningState: 'Succeeded' },
    });
    const missingGroup = await get(`/subscriptions/${SUB}/resourcegroups/nope?api-version=2021-04-01`);
    expect(missingGroup.status).toBe(404);
    expect(((await missingGroup.json()) as { error: { code: string } }).error.code).toBe(
      'ResourceGroupNotFound',
    );
    const unknown = await get('/subscriptions/55555555-5555-4555-8555-555555555555?api-version=2022-12-01');
    expect(unknown.status).toBe(404);
    const groupList = await get(
      `/subscriptions/${SUB}/resourceGroups/nope/providers/Microsoft.ContainerService/managedClusters?api-version=2026-06-01`,
    );
    expect(groupList.status).toBe(404);
  });

  test('a subscription id that is not a GUID gets 400 InvalidSubscriptionId, not a 404', async () => {
    const response = await get(
      '/subscriptions/my-sub/resourceGroups/rg-a/providers/Microsoft.ContainerService/managedClusters/web?api-version=2026-06-01',
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 'InvalidSubscriptionId',
        message: "The provided subscription identifier 'my-sub' is malformed or invalid.",
      },
    });
  });

  test('an unknown api-version gets 400 InvalidApiVersionParameter listing the versions of that resource type', async () => {
    const clusterPath = `/subscriptions/${SUB}/resourceGroups/rg-a/providers/Microsoft.ContainerService/managedClusters/web`;
    const wrong = await get(`${clusterPath}?api-version=2099-01-01`);
    expect(wrong.status).toBe(400);
    const body = (await wrong.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('InvalidApiVersionParameter');
    expect(body.error.message).toMatch(
      /^The api-version '2099-01-01' is invalid\. The supported versions are '2026-06-01,2026-04-01,2025-10-01,.*,2017-08-31'\.$/,
    );
    // managedClusters has 2017-08-31; agent pools came with 2019-02-01.
    expect((await get(`${clusterPath}?api-version=2017-08-31`)).status).toBe(200);
    const pools = await get(`${clusterPath}/agentPools?api-version=2017-08-31`);
    expect(pools.status).toBe(400);
    expect(((await pools.json()) as { error: { message: string } }).error.message).toContain(",2019-02-01'.");
    // The versions real clients use: SDK 25.5.0, 24.1.0 and azure-cli 2.45 (AKS and subscriptions).
    for (const version of ['2026-06-01', '2025-10-01', '2022-11-01']) {
      expect((await get(`${clusterPath}/agentPools?api-version=${version}`)).status, version).toBe(200);
    }
    expect((await get('/subscriptions?api-version=2019-11-01')).status).toBe(200);
    expect((await get('/subscriptions?api-version=2026-06-01')).status).toBe(400);
  });

  test('operation-status URLs take any api-version', async () => {
    const pool = await client.agentPools.get('rg-a', 'web', 'nodepool1');
    const poller = client.agentPools.createOrUpdate(
      'rg-a',
      'web',
      'nodepool1',
      { ...pool, count: 2 },
      { updateIntervalInMs: 2 },
    );
    await poller.submitted();
    const operation = emulator.state.operations.at(-1)!;
    const status = await get(
      `/subscriptions/${SUB}/providers/Microsoft.ContainerService/locations/westeurope/operations/${operation.id}?api-version=2099-01-01`,
    );
    expect(status.status).toBe(200);
    await poller.pollUntilDone();
  });

  test('echoes the client’s x-ms-correlation-request-id and sends a new x-ms-request-id per request', async () => {
    const correlation = '7b0f1c55-0d7a-4c89-9f3a-0a4a1d2c3b4e';
    const first = await get('/subscriptions?api-version=2022-12-01', {
      'x-ms-correlation-request-id': correlation,
    });
    const second = await get('/subscriptions?api-version=2022-12-01', {
      'x-ms-correlation-request-id': correlation,
    });
    expect(first.headers.get('x-ms-correlation-request-id')).toBe(correlation);
    expect(second.headers.get('x-ms-correlation-request-id')).toBe(correlation);
    expect(first.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers.get('x-ms-request-id')).not.toBe(second.headers.get('x-ms-request-id'));
    const own = await get('/subscriptions?api-version=2022-12-01');
    expect(own.headers.get('x-ms-correlation-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(own.headers.get('x-ms-correlation-request-id')).not.toBe(correlation);
  });
});
