import {
  AuthorizationError,
  ClusterNotFoundError,
  PoolNotFoundError,
  reconcile,
  type ScalerEvent,
  ThrottledError,
} from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { closedAfterEach, counts, type Fixture, puts } from './emulator-fixture.js';

const fixtures = closedAfterEach();
let fixture: Fixture | undefined;

describe('faults against the emulator', () => {
  it('409: waits for the foreign operation, re-reads, plans again and writes', async () => {
    fixture = await fixtures.start();
    const { emulator, client, cluster } = fixture;
    emulator.faults.inject({ kind: 'conflict', pool: 'manualpool2' });
    const events: ScalerEvent[] = [];
    const report = await reconcile({
      client,
      cluster,
      policy: counts({ manualpool2: 4 }),
      onEvent: (e) => events.push(e),
    });
    expect(report.ok).toBe(true);
    expect(emulator.state.getPool('manualpool2')).toMatchObject({ count: 4, provisioningState: 'Succeeded' });
    const writes = puts(emulator);
    expect(writes.map((w) => w.status)).toEqual([409, 200]);
    expect(writes.every((w) => w.ifMatch)).toBe(true);
    expect(events.some((e) => e.type === 'waiting')).toBe(true);
    expect(events.some((e) => e.type === 'retry')).toBe(true);
  });

  it('412: re-reads and plans again once, then succeeds', async () => {
    fixture = await fixtures.start();
    const { emulator, client, cluster } = fixture;
    emulator.faults.inject({ kind: 'etag-bump', pool: 'manualpool2' });
    const report = await reconcile({ client, cluster, policy: counts({ manualpool2: 4 }) });
    expect(report.ok).toBe(true);
    const writes = puts(emulator);
    expect(writes.map((w) => w.status)).toEqual([412, 200]);
    expect(writes[0]?.ifMatch).not.toBe(writes[1]?.ifMatch);
    expect(emulator.state.getPool('manualpool2')?.count).toBe(4);
  });

  it('412 twice: the pool fails with OPERATION_CONFLICT, the other pool converges', async () => {
    fixture = await fixtures.start();
    const { emulator, client, cluster } = fixture;
    emulator.faults.inject({ kind: 'etag-bump', pool: 'manualpool2', times: 2 });
    const report = await reconcile({ client, cluster, policy: counts({ manualpool2: 4, manualpool3: 2 }) });
    expect(report.ok).toBe(false);
    expect(report.pools.map((p) => [p.pool, p.outcome, p.error?.code])).toEqual([
      ['manualpool2', 'failed', 'OPERATION_CONFLICT'],
      ['manualpool3', 'succeeded', undefined],
    ]);
  });

  it('429 and 5xx: the SDK retries (honouring Retry-After) without help', async () => {
    fixture = await fixtures.start();
    const { emulator, client, cluster } = fixture;
    emulator.faults.inject({ kind: 'throttle', method: 'PUT', pool: 'manualpool2', retryAfterInSeconds: 0 });
    emulator.faults.inject({ kind: 'server-error', method: 'GET', path: /operations/ });
    emulator.faults.inject({
      kind: 'unavailable',
      method: 'GET',
      path: /agentPools$/,
      retryAfterInSeconds: 0,
    });
    const report = await reconcile({ client, cluster, policy: counts({ manualpool2: 3 }) });
    expect(report.ok).toBe(true);
    expect(emulator.faults.triggered.map((t) => t.kind).sort()).toEqual([
      'server-error',
      'throttle',
      'unavailable',
    ]);
    expect(puts(emulator).map((p) => p.status)).toEqual([429, 200]);
  });

  it('429 after the retries: ThrottledError with the server-asked wait', async () => {
    fixture = await fixtures.start();
    const { emulator, client, cluster } = fixture;
    emulator.faults.inject({
      kind: 'throttle',
      method: 'GET',
      path: /agentPools$/,
      retryAfterInSeconds: 0,
      times: 10,
    });
    const error = await client.listPools(cluster).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).message).toMatch(/Lower the concurrency/);
    expect(emulator.requests.filter((r) => r.status === 429)).toHaveLength(3);
  });

  it('an operation that ends Failed is reported with its ARM code', async () => {
    fixture = await fixtures.start();
    const { emulator, client, cluster } = fixture;
    emulator.faults.inject({
      kind: 'operation-fails',
      pool: 'manualpool3',
      code: 'QuotaExceeded',
      message:
        'Operation could not be completed as it results in exceeding approved Total Regional Cores quota.',
    });
    const report = await reconcile({ client, cluster, policy: counts({ manualpool2: 2, manualpool3: 9 }) });
    expect(report.ok).toBe(false);
    expect(report.pools[1]).toMatchObject({
      pool: 'manualpool3',
      outcome: 'failed',
      error: { code: 'OPERATION_FAILED' },
    });
    expect(report.pools[1]?.error?.message).toMatch(/QuotaExceeded/);
    expect(report.pools[0]?.outcome).toBe('succeeded');
  });

  it('a stuck operation times out; the pool is left to finish in Azure', async () => {
    fixture = await fixtures.start();
    const { emulator, client, cluster } = fixture;
    emulator.faults.inject({ kind: 'operation-never-ends', pool: 'manualpool2' });
    const report = await reconcile({
      client,
      cluster,
      operationTimeoutInMs: 250,
      policy: counts({ manualpool2: 2 }),
    });
    expect(report.pools[0]).toMatchObject({ outcome: 'failed', error: { code: 'OPERATION_TIMEOUT' } });
    expect(emulator.state.getPool('manualpool2')?.provisioningState).toBe('Scaling');
  });

  it('403 names the refused action and scope, for reads and for writes', async () => {
    const readOnly = [
      'Microsoft.ContainerService/managedClusters/read',
      'Microsoft.ContainerService/managedClusters/agentPools/read',
    ];
    fixture = await fixtures.start({ rbac: { '22222222-2222-4222-8222-222222222222': readOnly } });
    const { client, cluster } = fixture;
    const report = await reconcile({ client, cluster, policy: counts({ manualpool2: 2 }) });
    expect(report.pools[0]).toMatchObject({ outcome: 'failed', error: { code: 'AUTHORIZATION' } });
    expect(report.pools[0]?.error?.message).toMatch(
      /'Microsoft\.ContainerService\/managedClusters\/agentPools\/write'.*agentPools\/read/,
    );
    await fixture.close();

    fixture = await fixtures.start({ rbac: { '22222222-2222-4222-8222-222222222222': [] } });
    const error = await fixture.client.listPools(fixture.cluster).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationError);
    expect((error as AuthorizationError).action).toBe(
      'Microsoft.ContainerService/managedClusters/agentPools/read',
    );
    expect((error as AuthorizationError).scope).toMatch(/managedClusters\/myManagedCluster/);
  });

  it('404: unknown cluster and unknown pool become ClusterNotFoundError and PoolNotFoundError', async () => {
    fixture = await fixtures.start();
    const { client, cluster } = fixture;
    await expect(client.listPools({ ...cluster, clusterName: 'nope' })).rejects.toBeInstanceOf(
      ClusterNotFoundError,
    );
    await expect(client.listPools({ ...cluster, resourceGroup: 'nope' })).rejects.toBeInstanceOf(
      ClusterNotFoundError,
    );
    const missingPool = await client.getPool(cluster, 'ghost').catch((e: unknown) => e);
    expect(missingPool).toBeInstanceOf(PoolNotFoundError);
    expect((missingPool as PoolNotFoundError).pool).toBe('ghost');
  });

  it('reports every attempt to onResponse without query strings', async () => {
    const seen: Array<{ method: string; url: string; status: number; throttled: boolean }> = [];
    fixture = await fixtures.start({}, { onResponse: (r) => seen.push(r) });
    const { emulator, client, cluster } = fixture;
    emulator.faults.inject({ kind: 'throttle', method: 'GET', path: /agentPools$/, retryAfterInSeconds: 0 });
    await reconcile({ client, cluster, policy: counts({ manualpool2: 2 }) });
    expect(seen.filter((r) => r.throttled)).toHaveLength(1);
    expect(seen.some((r) => r.method === 'PUT' && r.status === 200)).toBe(true);
    expect(seen.every((r) => !r.url.includes('?'))).toBe(true);
  });
});
