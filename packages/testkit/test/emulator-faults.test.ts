import { describe, expect, test } from 'vitest';
import { armClientFor, armToken, CLUSTER, emulatorFetch, RG } from './emulator-clients.js';
import { emulatorPerTest, rejection } from './emulator-fixture.js';

const POOLS_PATH = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${CLUSTER}/agentPools`;

describe('faults, throttling and metrics', () => {
  const start = emulatorPerTest({ operationDurationInMs: 2 });

  test('the SDK honours Retry-After on a 429 and on a 503, then succeeds', async () => {
    const emu = await start();
    const client = await armClientFor(emu);
    emu.faults.inject({
      kind: 'throttle',
      retryAfterInSeconds: 0,
      method: 'GET',
      pool: 'nodepool1',
      times: 2,
    });
    emu.faults.inject({ kind: 'unavailable', retryAfterInSeconds: 0, method: 'GET', pool: 'manualpool3' });
    expect((await client.agentPools.get(RG, CLUSTER, 'nodepool1')).name).toBe('nodepool1');
    expect((await client.agentPools.get(RG, CLUSTER, 'manualpool3')).name).toBe('manualpool3');
    const statuses = emu.requests
      .filter((entry) => entry.target === 'arm')
      .map((entry) => [entry.pool, entry.status]);
    expect(statuses).toEqual([
      ['nodepool1', 429],
      ['nodepool1', 429],
      ['nodepool1', 200],
      ['manualpool3', 503],
      ['manualpool3', 200],
    ]);
    expect(emu.requests.find((entry) => entry.status === 429)?.retryAfterSent).toBe(0);
    expect(emu.faults.triggered.map((hit) => hit.kind)).toEqual(['throttle', 'throttle', 'unavailable']);
  });

  test('ARM token buckets refuse with 429 and Retry-After by the emulator clock, and refill with it', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    const emu = await start({
      clock: { now: () => now },
      throttling: { reads: { capacity: 2, refillPerSecond: 0.5 } },
    });
    const headers = { authorization: `Bearer ${await armToken(emu)}` };
    const read = () => emulatorFetch(emu, `${POOLS_PATH}?api-version=2026-06-01`, { headers });
    const first = await read();
    expect(first.headers.get('x-ms-ratelimit-remaining-subscription-reads')).toBe('1');
    expect(first.headers.get('x-ms-ratelimit-remaining-subscription-global-reads')).toBe('29');
    expect((await read()).status).toBe(200);
    const refused = await read();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.json()).toMatchObject({ error: { code: 'SubscriptionRequestsThrottled' } });
    now += 2_000;
    expect((await read()).status).toBe(200);
  });

  test('a throttling bucket given as undefined keeps its default, like one left out', async () => {
    const emu = await start({
      throttling: { reads: undefined, putAgentPool: { capacity: 1, refillPerSecond: 1 } },
    });
    const headers = { authorization: `Bearer ${await armToken(emu)}` };
    const read = await emulatorFetch(emu, `${POOLS_PATH}?api-version=2026-06-01`, { headers });
    expect(read.status).toBe(200);
    expect(read.headers.get('x-ms-ratelimit-remaining-subscription-reads')).toBe('249');
  });

  test('the AKS agent-pool PUT limit answers 429 Throttled in the provider shape', async () => {
    const emu = await start({ throttling: { putAgentPool: { capacity: 1, refillPerSecond: 1 / 60 } } });
    const client = await armClientFor(emu);
    const pool = await client.agentPools.get(RG, CLUSTER, 'manualpool2');
    await client.agentPools.createOrUpdate(
      RG,
      CLUSTER,
      'manualpool2',
      { ...pool, count: 2 },
      { updateIntervalInMs: 1 },
    );
    const token = await armToken(emu);
    const response = await emulatorFetch(emu, `${POOLS_PATH}/manualpool2?api-version=2026-06-01`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { count: 3 } }),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(((await response.json()) as { message: string }).message).toContain(
      'The PutAgentPoolHandler.PUT request limit has been exceeded',
    );
  });

  test('the AKS operation-status limit answers polls beyond it with 429 Throttled, refilled by the emulator clock', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    const emu = await start({
      clock: { now: () => now },
      operationDurationInMs: 60_000,
      throttling: { operationStatus: { capacity: 2, refillPerSecond: 0.5 } },
    });
    const token = await armToken(emu);
    const put = await emulatorFetch(emu, `${POOLS_PATH}/manualpool2?api-version=2026-06-01`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { count: 3 } }),
    });
    const statusUrl = new URL(put.headers.get('azure-asyncoperation') ?? '');
    const poll = () =>
      emulatorFetch(emu, `${statusUrl.pathname}${statusUrl.search}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await poll()).status).toBe(200);
    expect((await poll()).status).toBe(200);
    const refused = await poll();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.json()).toMatchObject({ code: 'Throttled' });
    now += 2_000;
    expect((await poll()).status).toBe(200);
  });

  test('an operation can end Failed (QuotaExceeded) or never end until finished by the test', async () => {
    const emu = await start();
    const client = await armClientFor(emu);
    emu.faults.inject({
      kind: 'operation-fails',
      pool: 'manualpool2',
      code: 'QuotaExceeded',
      message: 'nope',
    });
    const pool = await client.agentPools.get(RG, CLUSTER, 'manualpool2');
    const failed = await rejection(
      client.agentPools
        .createOrUpdate(RG, CLUSTER, 'manualpool2', { ...pool, count: 3 }, { updateIntervalInMs: 1 })
        .pollUntilDone(),
    );
    expect(failed.message).toBe('The long-running operation has failed. QuotaExceeded. nope');
    expect(emu.state.getPool('manualpool2')?.provisioningState).toBe('Failed');

    emu.faults.inject({ kind: 'operation-never-ends', pool: 'manualpool3' });
    const other = await client.agentPools.get(RG, CLUSTER, 'manualpool3');
    const poller = client.agentPools.createOrUpdate(
      RG,
      CLUSTER,
      'manualpool3',
      { ...other, count: 2 },
      { updateIntervalInMs: 1 },
    );
    await poller.submitted();
    await poller.poll();
    expect(poller.isDone).toBe(false);
    const operation = emu.state.operations.find((candidate) => candidate.pool === 'manualpool3')!;
    expect(operation.status).toBe('InProgress');
    emu.state.finishOperation(operation.id);
    expect((await poller.pollUntilDone()).provisioningState).toBe('Succeeded');
  });

  test('conflict starts a foreign operation (409), etag-bump makes If-Match stale (412), reset drops the connection', async () => {
    const emu = await start({ operationDurationInMs: 60_000 });
    const client = await armClientFor(emu);
    const pool = await client.agentPools.get(RG, CLUSTER, 'manualpool2');
    emu.faults.inject({ kind: 'conflict', pool: 'manualpool2' });
    const conflict = await rejection(
      client.agentPools.createOrUpdate(RG, CLUSTER, 'manualpool2', { ...pool, count: 2 }).pollUntilDone(),
    );
    expect(conflict).toMatchObject({ statusCode: 409, code: 'OperationNotAllowed' });
    expect(emu.state.operations[0]).toMatchObject({ foreign: true, kind: 'Updating' });

    const other = await client.agentPools.get(RG, CLUSTER, 'manualpool3');
    emu.faults.inject({ kind: 'etag-bump', pool: 'manualpool3' });
    const stale = await rejection(
      client.agentPools
        .createOrUpdate(RG, CLUSTER, 'manualpool3', { ...other, count: 2 }, { ifMatch: other.eTag })
        .pollUntilDone(),
    );
    expect(stale).toMatchObject({ statusCode: 412 });

    emu.faults.inject({ kind: 'reset', path: /agentPools$/ });
    const token = await armToken(emu);
    await expect(
      emulatorFetch(emu, `${POOLS_PATH}?api-version=2026-06-01`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    ).rejects.toThrow();
    expect(emu.requests.at(-1)?.status).toBe(0);
  });

  test('the token endpoint can be down; random faults repeat for the same seed', async () => {
    const emu = await start();
    emu.faults.inject({ kind: 'token-endpoint-down', times: 1 });
    const response = await emulatorFetch(emu, `/${emu.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: '',
    });
    expect(response.status).toBe(503);

    const pattern = async (seed: number) => {
      emu.faults.clear();
      const before = emu.faults.triggered.length;
      emu.faults.random({
        seed,
        rate: 0.5,
        method: 'GET',
        faults: [{ kind: 'server-error' }, { kind: 'throttle', retryAfterInSeconds: 0 }],
      });
      for (let index = 0; index < 12; index += 1)
        await emulatorFetch(emu, `${POOLS_PATH}?api-version=2026-06-01`);
      return emu.faults.triggered.slice(before).map((hit) => hit.kind);
    };
    const first = await pattern(7);
    expect(first.length).toBeGreaterThan(0);
    expect(await pattern(7)).toEqual(first);
  });

  test('Azure Monitor metrics: values set by the test, the real shape, 400 for an unknown metric', async () => {
    const emu = await start();
    const clusterId = `/subscriptions/${emu.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${CLUSTER}`;
    emu.state.setMetric(clusterId, 'node_cpu_usage_percentage', 73);
    const headers = { authorization: `Bearer ${await armToken(emu)}` };
    const url = `${clusterId}/providers/Microsoft.Insights/metrics?api-version=2023-10-01&aggregation=Average&timespan=2026-03-02T08:00:00Z/2026-03-02T08:05:00Z`;
    const ok = await emulatorFetch(emu, `${url}&metricnames=node_cpu_usage_percentage`, { headers });
    const body = (await ok.json()) as {
      value: { name: { value: string }; type: string; timeseries: { data: { average: number }[] }[] }[];
    };
    expect(body.value[0]).toMatchObject({
      type: 'Microsoft.Insights/metrics',
      name: { value: 'node_cpu_usage_percentage' },
      errorCode: 'Success',
    });
    expect(body.value[0]!.timeseries[0]!.data.at(-1)).toMatchObject({ average: 73 });
    const unknown = await emulatorFetch(emu, `${url}&metricnames=nope`, { headers });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toContain(
      'Failed to find metric configuration for provider',
    );
  });
});
