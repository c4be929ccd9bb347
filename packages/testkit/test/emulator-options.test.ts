import { describe, expect, test } from 'vitest';
import type { Emulator } from '../src/index.js';
import { armClientFor, armToken, CLUSTER, emulatorFetch, RG } from './emulator-clients.js';
import { emulatorPerTest } from './emulator-fixture.js';

const POOL_PATH = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${CLUSTER}/agentPools/manualpool2?api-version=2026-06-01`;

describe('emulator options and cluster operations', () => {
  const start = emulatorPerTest();

  const put = async (emu: Emulator, count: number) => {
    const token = await armToken(emu);
    const current = (await (
      await emulatorFetch(emu, POOL_PATH, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { properties: Record<string, unknown> };
    return emulatorFetch(emu, POOL_PATH, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { ...current.properties, count } }),
    });
  };

  test('a cluster-level operation blocks pool writes with the current 409 wording until it finishes', async () => {
    const emu = await start({ operationDurationInMs: 1 });
    const operation = emu.state.startClusterOperation();
    const blocked = await put(emu, 2);
    expect(blocked.status).toBe(409);
    const body = (await blocked.json()) as { code: string; message: string };
    expect(body.code).toBe('OperationNotAllowed');
    expect(body.message).toContain(
      `Operation is not allowed because there's an in progress update managed cluster operation (operation ID: ${operation.id})`,
    );
    const client = await armClientFor(emu);
    expect((await client.managedClusters.get(RG, CLUSTER)).provisioningState).toBe('Updating');
    emu.state.finishOperation(operation.id);
    expect((await put(emu, 2)).status).toBe(200);
    expect(emu.state.maxInFlightObserved).toBe(1);
  });

  test('operation status responses carry the configured Retry-After while running', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    const emu = await start({
      clock: { now: () => now },
      operationDurationInMs: 10_000,
      pollRetryAfterInSeconds: 0,
    });
    const response = await put(emu, 3);
    const token = await armToken(emu);
    const status = await fetch(response.headers.get('azure-asyncoperation') ?? '', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(status.headers.get('retry-after')).toBe('0');
    const body = (await status.json()) as { name: string; status: string };
    expect(body.status).toBe('InProgress');
    const id = /operations\/([^?]+)/.exec(response.headers.get('azure-asyncoperation') ?? '')?.[1] ?? '';
    expect(body.name).not.toBe(id);
    expect(body.name.slice(24)).toBe(id.slice(24));
    now += 10_000;
    const done = await fetch(response.headers.get('azure-asyncoperation') ?? '', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(done.headers.get('retry-after')).toBeNull();
    expect(await done.json()).toMatchObject({ status: 'Succeeded', endTime: '2026-03-02T08:00:10.000Z' });
  });

  test('RBAC on operation status is off by default and can be enforced', async () => {
    const emu = await start({
      operationDurationInMs: 1,
      enforceRbacOnOperationStatus: true,
      rbac: {
        '22222222-2222-4222-8222-222222222222': ['Microsoft.ContainerService/managedClusters/agentPools/*'],
      },
    });
    const response = await put(emu, 2);
    expect(response.status).toBe(200);
    const status = await fetch(response.headers.get('azure-asyncoperation') ?? '', {
      headers: { authorization: `Bearer ${await armToken(emu)}` },
    });
    expect(status.status).toBe(403);
    expect(((await status.json()) as { error: { message: string } }).error.message).toContain(
      "'Microsoft.ContainerService/locations/operations/read'",
    );
  });

  test('a delay fault answers late but normally; clusters can live in other subscriptions', async () => {
    const emu = await start({
      clusters: [
        {
          subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000001',
          resourceGroup: 'rg1',
          name: 'c1',
          pools: [{ name: 'np1' }],
        },
        { resourceGroup: RG, name: CLUSTER, pools: [{ name: 'manualpool2', count: 2 }] },
      ],
    });
    emu.faults.inject({ kind: 'delay', delayInMs: 20, method: 'GET', pool: 'manualpool2' });
    const token = await armToken(emu);
    const response = await emulatorFetch(emu, POOL_PATH, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(emu.faults.triggered.map((hit) => hit.kind)).toEqual(['delay']);
    expect(emu.state.getPool('aaaaaaaa-0000-4000-8000-000000000001', 'rg1', 'c1', 'np1')?.count).toBe(1);
    expect(emu.state.listPools(RG, CLUSTER).map((pool) => pool.count)).toEqual([2]);
    const env = await emu.workloadIdentityEnv({ cluster: 'c1' });
    expect(env).toMatchObject({
      SUBSCRIPTION: 'aaaaaaaa-0000-4000-8000-000000000001',
      RESOURCE_GROUP: 'rg1',
      CLUSTER_NAME: 'c1',
    });
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'AZURE_FEDERATED_TOKEN_FILE',
        'AZURE_AUTHORITY_HOST',
        'NODE_EXTRA_CA_CERTS',
        'LOCATION',
      ]),
    );
  });

  test('the request log keeps at most requestLogLimit entries, the newest ones', async () => {
    const emu = await start({ requestLogLimit: 2 });
    for (const path of ['/a', '/b', '/c']) await emulatorFetch(emu, path);
    expect(emu.requests.map((entry) => [entry.path, entry.status])).toEqual([
      ['/b', 404],
      ['/c', 404],
    ]);
  });

  test('DELETE answers 202 with both async URLs, the pool is Deleting and then gone; a missing pool is 204', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    const emu = await start({
      clock: { now: () => now },
      operationDurationInMs: { baseInMs: 1_000, perNodeInMs: 1_000 },
    });
    const token = await armToken(emu);
    const path = POOL_PATH.replace('manualpool2', 'manualpool3');
    const response = await emulatorFetch(emu, path, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-ms-ratelimit-remaining-subscription-deletes')).toMatch(/^\d+$/);
    const location = response.headers.get('location') ?? '';
    expect(location).toContain('/operationresults/');
    expect(response.headers.get('azure-asyncoperation')).toContain('/operations/');
    expect(emu.state.getPool('manualpool3')?.provisioningState).toBe('Deleting');
    const running = await fetch(location, { headers: { authorization: `Bearer ${token}` } });
    expect(running.status).toBe(202);
    now += 2_000;
    const finished = await fetch(location, { headers: { authorization: `Bearer ${token}` } });
    expect(finished.status).toBe(204);
    expect(emu.state.getPool('manualpool3')).toBeUndefined();

    const client = await armClientFor(emu);
    await client.agentPools.delete(RG, CLUSTER, 'manualpool3', { updateIntervalInMs: 1 });
    const lastSystem = client.agentPools.delete(RG, CLUSTER, 'nodepool1', { updateIntervalInMs: 1 });
    await expect(lastSystem).rejects.toMatchObject({ statusCode: 400 });
  });
});
