import { reconcile, reconcileFleet, type ScalerEvent } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { closedAfterEach, counts, type Fixture, poolsWithSettings, puts, rgAks } from './emulator-fixture.js';

const fixtures = closedAfterEach();
let fixture: Fixture | undefined;

describe('reconcile against the emulator (real SDK, real Workload Identity exchange)', () => {
  it('converges the seed pools with concurrent operations, If-Match on every write and no setting lost', async () => {
    // Operations long enough that both PUTs land while the other runs, even on a loaded machine.
    fixture = await fixtures.start({ operationDurationInMs: 400 });
    const { emulator, client, cluster } = fixture;
    const report = await reconcile({ client, cluster, policy: counts({ manualpool2: 5, manualpool3: 5 }) });
    expect(report.ok).toBe(true);
    expect(report.pools.map((p) => [p.pool, p.from, p.to, p.outcome])).toEqual([
      ['manualpool2', 1, 5, 'succeeded'],
      ['manualpool3', 1, 5, 'succeeded'],
    ]);
    expect(emulator.state.getPool('manualpool2')).toMatchObject({ count: 5, provisioningState: 'Succeeded' });
    expect(emulator.state.getPool('nodepool1')?.count).toBe(1);
    expect(emulator.state.maxInFlightObserved).toBe(2);
    const writes = puts(emulator);
    expect(writes).toHaveLength(2);
    expect(writes.every((w) => typeof w.ifMatch === 'string' && w.ifMatch.length > 2)).toBe(true);
    expect(emulator.state.history.every((h) => h.droppedFields.length === 0)).toBe(true);
    // One list, no GET of a pool before its PUT: the PUT uses the body the list returned.
    const armReads = emulator.requests.filter((r) => r.target === 'arm' && r.method === 'GET');
    const poolGetsBeforePut = armReads.filter(
      (r) => /agentPools\/manualpool\d$/.test(r.path) && r.at < Math.min(...writes.map((w) => w.at)),
    );
    expect(poolGetsBeforePut).toHaveLength(0);
    expect(armReads.filter((r) => /agentPools$/.test(r.path))).toHaveLength(1);
  });

  it('keeps at most `concurrency` operations in flight at the emulator, and reaches it', async () => {
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
    fixture = await fixtures.start({
      operationDurationInMs: 300,
      clusters: rgAks(poolsWithSettings(names)),
    });
    const { emulator, client, cluster } = fixture;
    const report = await reconcile({
      client,
      cluster,
      concurrency: 3,
      policy: counts(Object.fromEntries(names.map((n) => [n, 3]))),
    });
    expect(report.ok).toBe(true);
    expect(emulator.state.maxInFlightObserved).toBe(3);
    const ops = emulator.state.operations.filter((o) => !o.foreign);
    expect(ops).toHaveLength(7);
    // No setting lost: every pool still has its labels, taints, tags, upgrade settings and scale-down mode.
    for (const name of names) {
      expect(emulator.state.getPool(name)).toMatchObject({
        count: 3,
        nodeLabels: { team: 'batch', pool: name },
        nodeTaints: ['dedicated=batch:NoSchedule'],
        tags: { costCenter: '42' },
        upgradeSettings: { maxSurge: '33%', drainTimeoutInMinutes: 15 },
        scaleDownMode: 'Deallocate',
      });
    }
    expect(emulator.state.history.flatMap((h) => h.droppedFields)).toEqual([]);
  });

  it('writes nothing in a dry run', async () => {
    fixture = await fixtures.start();
    const { emulator, client, cluster } = fixture;
    const report = await reconcile({ client, cluster, dryRun: true, policy: counts({ manualpool2: 5 }) });
    expect(report.pools[0]).toMatchObject({ action: 'scale', outcome: 'planned' });
    expect(puts(emulator)).toHaveLength(0);
  });

  it('never changes the count of an autoscaler pool; bounds mode writes min/max only', async () => {
    fixture = await fixtures.start({
      clusters: rgAks([{ name: 'auto', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 4 }], 2),
    });
    const { emulator, client, cluster } = fixture;
    const skipped = await reconcile({ client, cluster, policy: counts({ auto: 6, system: 0 }) });
    expect(skipped.pools.map((p) => [p.pool, p.action, p.to, p.warning])).toEqual([
      ['system', 'scale', 1, true],
      ['auto', 'skip', 6, true],
    ]);
    expect(skipped.pools[0]?.reason).toMatch(/clamped 0 to 1/);
    expect(emulator.state.getPool('system')?.count).toBe(1);
    expect(puts(emulator).filter((p) => p.pool === 'auto')).toHaveLength(0);

    const bounded = await reconcile({
      client,
      cluster,
      autoscalerPools: 'bounds',
      policy: { name: 'b', evaluate: () => [{ pool: 'auto', count: 3, maxCount: 8, reason: 'busy' }] },
    });
    expect(bounded.ok).toBe(true);
    expect(emulator.state.getPool('auto')).toMatchObject({
      enableAutoScaling: true,
      minCount: 3,
      maxCount: 8,
      count: 2,
    });
  });

  it('stops a pool at zero and starts it again when allowed', async () => {
    fixture = await fixtures.start();
    const { emulator, client, cluster } = fixture;
    const stop = await reconcile({ client, cluster, stopAtZero: true, policy: counts({ manualpool2: 0 }) });
    expect(stop.ok).toBe(true);
    expect(emulator.state.getPool('manualpool2')?.powerState).toBe('Stopped');
    const refused = await reconcile({ client, cluster, policy: counts({ manualpool2: 2 }) });
    expect(refused.pools[0]).toMatchObject({ action: 'skip', outcome: 'skipped' });
    const start = await reconcile({
      client,
      cluster,
      startStoppedPools: true,
      policy: counts({ manualpool2: 2 }),
    });
    expect(start.ok).toBe(true);
    expect(emulator.state.getPool('manualpool2')).toMatchObject({ powerState: 'Running', count: 2 });
  });

  it('resumes: a pool found mid-operation is waited for and re-read, never written over', async () => {
    fixture = await fixtures.start();
    const { emulator, client, cluster } = fixture;
    // An operation a previous run started and abandoned (e.g. the pod was killed): it is still running.
    emulator.faults.inject({ kind: 'operation-never-ends', pool: 'manualpool2' });
    const abandoned = new AbortController();
    const [pool] = (await client.listPools(cluster)).filter((p) => p.name === 'manualpool2');
    const first = client.scalePool(pool!, 3, {
      abortSignal: abandoned.signal,
      onProgress: () => abandoned.abort(),
    });
    await expect(first).rejects.toMatchObject({ code: 'ABORTED' });
    expect(emulator.state.getPool('manualpool2')?.provisioningState).toBe('Scaling');

    const events: ScalerEvent[] = [];
    const report = await reconcile({
      client,
      cluster,
      policy: counts({ manualpool2: 3, manualpool3: 2 }),
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'waiting') {
          const running = emulator.state.getPool('manualpool2')?.operationId;
          if (running) setTimeout(() => emulator.state.finishOperation(running), 30);
        }
      },
    });
    expect(report.ok).toBe(true);
    // The earlier operation already brought manualpool2 to 3: after waiting, nothing is left to write.
    expect(report.pools.map((p) => [p.pool, p.action, p.outcome])).toEqual([
      ['manualpool2', 'none', 'succeeded'],
      ['manualpool3', 'scale', 'succeeded'],
    ]);
    expect(events.some((e) => e.type === 'waiting' && e.pool === 'manualpool2')).toBe(true);
    expect(puts(emulator).filter((p) => p.pool === 'manualpool2')).toHaveLength(1);
    expect(emulator.requests.some((r) => r.status === 409)).toBe(false);
  });

  it('aborts: the caller stops waiting and the report says so', async () => {
    fixture = await fixtures.start();
    const { emulator, client, cluster } = fixture;
    emulator.faults.inject({ kind: 'operation-never-ends', pool: 'manualpool2' });
    const controller = new AbortController();
    const report = await reconcile({
      client,
      cluster,
      abortSignal: controller.signal,
      policy: counts({ manualpool2: 4 }),
      onEvent: (event) => {
        if (event.type === 'progress') controller.abort();
      },
    });
    expect(report.ok).toBe(false);
    expect(report.pools[0]).toMatchObject({ outcome: 'failed', error: { code: 'ABORTED' } });
  });

  it('reconciles a fleet under one shared limit, reporting each cluster', async () => {
    const spec = (name: string) => ({
      resourceGroup: 'rg',
      name,
      pools: [{ name: 'system', mode: 'System' as const, count: 1 }, ...poolsWithSettings(['a', 'b'])],
    });
    fixture = await fixtures.start({ operationDurationInMs: 300, clusters: [spec('east'), spec('west')] });
    const { emulator, client, cluster } = fixture;
    const east = { ...cluster, resourceGroup: 'rg', clusterName: 'east' };
    const west = { ...cluster, resourceGroup: 'rg', clusterName: 'west' };
    const report = await reconcileFleet({
      client,
      concurrency: 2,
      targets: [
        { cluster: east, policy: counts({ a: 2, b: 2 }) },
        { cluster: west, policy: counts({ a: 3, b: 3 }) },
        { cluster: { ...west, clusterName: 'gone' }, policy: counts({ a: 1 }) },
      ],
    });
    expect(report.clusters.map((c) => c.report?.ok ?? c.error?.code)).toEqual([
      true,
      true,
      'CLUSTER_NOT_FOUND',
    ]);
    expect(report.ok).toBe(false);
    expect(emulator.state.maxInFlightObserved).toBe(2);
    expect(emulator.state.getPool('rg', 'west', 'b')?.count).toBe(3);
  });
});
