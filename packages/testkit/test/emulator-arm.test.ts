import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { describe, expect, test } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { armClientFor, armToken, CLUSTER, emulatorFetch, RG } from './emulator-clients.js';
import { emulatorForSuite, rejection } from './emulator-fixture.js';

const GUID_ETAG = /^"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"$/;

describe('ARM agent pools through @azure/arm-containerservice', () => {
  let emulator: Emulator;
  let client: ContainerServiceClient;

  emulatorForSuite({ operationDurationInMs: 5, listPageSize: 2 }, (started) => {
    ({ emulator, client } = started);
  });

  test('lists every pool across nextLink pages and gets one with the real resource shape', async () => {
    const names: string[] = [];
    for await (const pool of client.agentPools.list(RG, CLUSTER)) names.push(pool.name ?? '');
    expect(names).toEqual(['nodepool1', 'manualpool2', 'manualpool3']);
    const listRequests = emulator.requests.filter((entry) => entry.path.endsWith('/agentPools'));
    expect(listRequests).toHaveLength(2);

    const pool = await client.agentPools.get(RG, CLUSTER, 'manualpool2');
    expect(pool).toMatchObject({
      name: 'manualpool2',
      type: 'Microsoft.ContainerService/managedClusters/agentPools',
      count: 1,
      mode: 'User',
      provisioningState: 'Succeeded',
      powerState: { code: 'Running' },
      nodeLabels: { workload: 'web', team: 'shop' },
    });
    expect(pool.id).toContain('/resourcegroups/myResourceGroup/');
    expect(pool.eTag).toMatch(GUID_ETAG);
  });

  test('reads the managed cluster', async () => {
    const cluster = await client.managedClusters.get(RG, CLUSTER);
    expect(cluster.location).toBe('westeurope');
    expect(cluster.oidcIssuerProfile?.issuerURL).toBe(emulator.issuerUrl);
    expect(cluster.agentPoolProfiles?.map((profile) => profile.name)).toContain('manualpool3');
  });

  test('scales with a long-running operation: Scaling while it runs, Succeeded at the end, new eTag', async () => {
    const before = await client.agentPools.get(RG, CLUSTER, 'manualpool2');
    const progress: string[] = [];
    const poller = client.agentPools.createOrUpdate(
      RG,
      CLUSTER,
      'manualpool2',
      { ...before, count: 3 },
      { ifMatch: before.eTag, updateIntervalInMs: 2 },
    );
    poller.onProgress((state) => progress.push(state.status));
    const result = await poller.pollUntilDone();
    expect(result).toMatchObject({
      count: 3,
      provisioningState: 'Succeeded',
      nodeLabels: { workload: 'web', team: 'shop' },
    });
    expect(result.eTag).not.toBe(before.eTag);
    const put = emulator.requests.findLast((entry) => entry.method === 'PUT');
    expect(put).toMatchObject({ status: 200, pool: 'manualpool2', ifMatch: before.eTag });
    expect(emulator.state.history.at(-1)).toMatchObject({ pool: 'manualpool2', droppedFields: [] });
    const operation = emulator.state.operations.at(-1)!;
    expect(operation).toMatchObject({ kind: 'Scaling', status: 'Succeeded', pool: 'manualpool2' });
  });

  test('answers a PUT with 200, the new count in Scaling and the recorded Azure-AsyncOperation URL', async () => {
    const token = await armToken(emulator);
    const path = `/subscriptions/${emulator.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${CLUSTER}/agentPools/manualpool3?api-version=2026-06-01`;
    const current = (await (
      await emulatorFetch(emulator, path, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      properties: Record<string, unknown>;
    };
    const response = await emulatorFetch(emulator, path, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { ...current.properties, count: 2 } }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('retry-after')).toBeNull();
    expect(response.headers.get('x-ms-ratelimit-remaining-subscription-writes')).toMatch(/^\d+$/);
    const asyncUrl = response.headers.get('azure-asyncoperation') ?? '';
    expect(asyncUrl).toMatch(
      new RegExp(
        `^${emulator.armEndpoint}/subscriptions/${emulator.subscriptionId}/providers/Microsoft.ContainerService/locations/westeurope/operations/[0-9a-f-]{36}\\?api-version=2016-03-30$`,
      ),
    );
    const body = (await response.json()) as { properties: { count: number; provisioningState: string } };
    expect(body.properties).toMatchObject({ count: 2, provisioningState: 'Scaling' });
    const status = await fetch(asyncUrl.replace('2016-03-30', '2026-06-01'), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ status: expect.stringMatching(/InProgress|Succeeded/) });
  });

  test('a PUT that omits labels, taints and tags resets them, and the history says so', async () => {
    const result = await client.agentPools.createOrUpdate(
      RG,
      CLUSTER,
      'manualpool3',
      { count: 2 },
      { updateIntervalInMs: 2 },
    );
    expect(result.nodeLabels).toBeUndefined();
    expect(result.nodeTaints).toBeUndefined();
    expect(emulator.state.getPool('manualpool3')?.tags).toBeUndefined();
    expect(emulator.state.history.at(-1)?.droppedFields).toEqual(
      expect.arrayContaining(['nodeLabels', 'nodeTaints', 'tags']),
    );
  });

  test('refuses a stale If-Match, an If-Match on a missing pool and If-None-Match: * on an existing pool with 412', async () => {
    const stale = await rejection(
      client.agentPools
        .createOrUpdate(RG, CLUSTER, 'manualpool2', { count: 4 }, { ifMatch: '"stale"' })
        .pollUntilDone(),
    );
    expect(stale).toMatchObject({ statusCode: 412, code: 'PreconditionFailed' });
    const missing = await rejection(
      client.agentPools
        .createOrUpdate(RG, CLUSTER, 'newpool', { count: 1 }, { ifMatch: '"x"' })
        .pollUntilDone(),
    );
    expect(missing.message).toContain('Resource not found but ETag header is provided');
    const exists = await rejection(
      client.agentPools
        .createOrUpdate(RG, CLUSTER, 'manualpool2', { count: 4 }, { ifNoneMatch: '*' })
        .pollUntilDone(),
    );
    expect(exists).toMatchObject({ statusCode: 412 });
  });

  test('validates like AKS: count ranges, pool names, autoscaler pools, system pools', async () => {
    const put = (pool: string, body: Record<string, unknown>) =>
      rejection(client.agentPools.createOrUpdate(RG, CLUSTER, pool, body).pollUntilDone());
    expect(await put('manualpool2', { count: 1001 })).toMatchObject({
      statusCode: 400,
      code: 'InvalidParameter',
    });
    const system = await put('nodepool1', { count: 0, mode: 'System' });
    expect(system.message).toContain(
      'agentPoolProfile.count was 0. It must be greater or equal to minCount:1',
    );
    expect((await put('Bad_Name', { count: 1 })).statusCode).toBe(400);
    expect((await put('manualpool2', {})).message).toContain(
      'Required parameter properties.count is missing',
    );
    const stopSystem = await put('nodepool1', { count: 1, mode: 'System', powerState: { code: 'Stopped' } });
    expect(stopSystem.statusCode).toBe(400);

    emulator.state.setPool('manualpool2', { enableAutoScaling: true, minCount: 1, maxCount: 5 });
    const auto = await put('manualpool2', { count: 4, enableAutoScaling: true, minCount: 1, maxCount: 5 });
    expect(auto.message).toContain('cluster autoscaler enabled');
    emulator.state.setPool('manualpool2', {
      enableAutoScaling: false,
      minCount: undefined,
      maxCount: undefined,
    });
  });

  test('creates a pool with 201 and stops and starts a user pool through powerState', async () => {
    const created = await client.agentPools.createOrUpdate(
      RG,
      CLUSTER,
      'spotpool',
      { count: 0, mode: 'User' },
      {
        updateIntervalInMs: 2,
      },
    );
    expect(created).toMatchObject({ count: 0, provisioningState: 'Succeeded' });
    expect(emulator.requests.findLast((entry) => entry.method === 'PUT')?.status).toBe(201);

    const pool = await client.agentPools.get(RG, CLUSTER, 'manualpool2');
    const stopped = await client.agentPools.createOrUpdate(
      RG,
      CLUSTER,
      'manualpool2',
      {
        ...pool,
        powerState: { code: 'Stopped' },
      },
      { updateIntervalInMs: 2 },
    );
    expect(stopped.powerState?.code).toBe('Stopped');
    expect(emulator.state.operations.at(-1)?.kind).toBe('Stopping');
    const started = await client.agentPools.createOrUpdate(
      RG,
      CLUSTER,
      'manualpool2',
      {
        ...stopped,
        powerState: { code: 'Running' },
      },
      { updateIntervalInMs: 2 },
    );
    expect(started.powerState?.code).toBe('Running');
    expect(emulator.state.operations.at(-1)?.kind).toBe('Starting');
  });

  test('answers 404 ResourceNotFound in the gateway shape', async () => {
    const missing = await rejection(client.agentPools.get(RG, CLUSTER, 'nosuchpool'));
    expect(missing).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
    const cluster = await rejection(client.agentPools.get(RG, 'otherCluster', 'nodepool1'));
    expect(cluster.message).toContain(
      "Microsoft.ContainerService/managedClusters/otherCluster' under resource group",
    );
  });
});

describe('operations by a virtual clock', () => {
  test('a second write on a busy pool gets 409 OperationNotAllowed; the first ends when the clock passes its duration', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    const emulator = await startEmulator({
      clock: { now: () => now },
      operationDurationInMs: { baseInMs: 60_000, perNodeInMs: 1_000 },
    });
    try {
      const client = await armClientFor(emulator);
      const pool = await client.agentPools.get(RG, CLUSTER, 'manualpool2');
      const poller = client.agentPools.createOrUpdate(
        RG,
        CLUSTER,
        'manualpool2',
        { ...pool, count: 5 },
        {
          updateIntervalInMs: 2,
        },
      );
      await poller.submitted();
      expect(emulator.state.getPool('manualpool2')).toMatchObject({ count: 5, provisioningState: 'Scaling' });
      expect(emulator.state.inFlight()).toBe(1);
      const busy = await rejection(
        client.agentPools.createOrUpdate(RG, CLUSTER, 'manualpool2', { ...pool, count: 6 }).pollUntilDone(),
      );
      expect(busy).toMatchObject({ statusCode: 409, code: 'OperationNotAllowed' });
      expect(busy.message).toBe(
        'Operation is not allowed: Another operation (Scaling) is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation for more details',
      );
      const other = await client.agentPools.get(RG, CLUSTER, 'manualpool3');
      await client.agentPools.createOrUpdate(RG, CLUSTER, 'manualpool3', { ...other, count: 2 }).submitted();
      expect(emulator.state.maxInFlightObserved).toBe(2);

      now += 64_000;
      const done = await poller.pollUntilDone();
      expect(done).toMatchObject({ count: 5, provisioningState: 'Succeeded' });
      const operation = emulator.state.operations.find((candidate) => candidate.pool === 'manualpool2')!;
      expect(operation.endedAt! - operation.startedAt).toBe(64_000);
    } finally {
      await emulator.close();
    }
  });
});
