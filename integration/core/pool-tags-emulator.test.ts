import { ConfigError, OperationConflictError } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { closedAfterEach, poolsWithSettings, puts } from './emulator-fixture.js';

const fixtures = closedAfterEach();

const withSettings = () => ({
  clusters: [
    {
      resourceGroup: 'rg',
      name: 'aks',
      pools: [{ name: 'system', mode: 'System' as const }, ...poolsWithSettings(['manualpool2'])],
    },
  ],
});

describe('updateTags against the emulator (real SDK)', () => {
  it('reads the tags, sets and removes only the ones named, keeps every other tag and setting, with If-Match', async () => {
    const fixture = await fixtures.start(withSettings());
    const { emulator, client, cluster } = fixture;
    const [, pool] = await client.listPools(cluster);
    expect(pool?.tags).toEqual({ costCenter: '42' });

    const tagged = await client.updateTags?.(pool!, {
      'aks-scaler-override': 'pause',
      'aks-scaler-until': '2026-12-07T08:00:00Z',
    });
    expect(tagged?.tags).toEqual({
      costCenter: '42',
      'aks-scaler-override': 'pause',
      'aks-scaler-until': '2026-12-07T08:00:00Z',
    });
    const cleared = await client.updateTags?.(tagged!, {
      'aks-scaler-override': null,
      'aks-scaler-until': null,
      'aks-scaler-reason': null,
    });
    expect(cleared?.tags).toEqual({ costCenter: '42' });

    const stored = emulator.state.getPool('rg', 'aks', 'manualpool2');
    expect(stored).toMatchObject({
      count: 1,
      tags: { costCenter: '42' },
      nodeLabels: { team: 'batch', pool: 'manualpool2' },
      nodeTaints: ['dedicated=batch:NoSchedule'],
      upgradeSettings: { maxSurge: '33%', drainTimeoutInMinutes: 15 },
      scaleDownMode: 'Deallocate',
    });
    const writes = puts(emulator);
    expect(writes.map((w) => w.status)).toEqual([200, 200]);
    expect(writes.every((w) => w.ifMatch)).toBe(true);
    expect(emulator.state.history.every((write) => write.droppedFields.length === 0)).toBe(true);
  });

  it('412: applies the tags once more to the pool as read again, keeping a tag the other writer added', async () => {
    const fixture = await fixtures.start(withSettings());
    const { emulator, client, cluster } = fixture;
    const pool = await client.getPool(cluster, 'manualpool2');
    // Someone tags the pool after it was read: its eTag changes, so the first PUT meets a 412.
    emulator.state.setPool('rg', 'aks', 'manualpool2', { tags: { costCenter: '42', owner: 'web' } });
    const tagged = await client.updateTags?.(pool, { 'aks-scaler-override': '3' });
    expect(tagged?.tags).toEqual({ costCenter: '42', owner: 'web', 'aks-scaler-override': '3' });
    const writes = puts(emulator);
    expect(writes.map((w) => w.status)).toEqual([412, 200]);
    expect(writes[0]?.ifMatch).not.toBe(writes[1]?.ifMatch);
  });

  it('412 twice is an OperationConflictError (changed), never a third write', async () => {
    const fixture = await fixtures.start(withSettings());
    const { emulator, client, cluster } = fixture;
    const pool = await client.getPool(cluster, 'manualpool2');
    emulator.faults.inject({ kind: 'etag-bump', method: 'PUT', pool: 'manualpool2', times: 2 });
    const error = await client.updateTags?.(pool, { 'aks-scaler-override': '3' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationConflictError);
    expect((error as OperationConflictError).reason).toBe('changed');
    expect(puts(emulator).map((w) => w.status)).toEqual([412, 412]);
  });

  it('409: waits for the other operation, then writes the tags on the pool as it then is', async () => {
    const fixture = await fixtures.start(withSettings());
    const { emulator, client, cluster } = fixture;
    const pool = await client.getPool(cluster, 'manualpool2');
    emulator.faults.inject({ kind: 'conflict', method: 'PUT', pool: 'manualpool2' });
    const tagged = await client.updateTags?.(pool, { 'aks-scaler-override': 'stop' });
    expect(tagged?.tags).toEqual({ costCenter: '42', 'aks-scaler-override': 'stop' });
    expect(puts(emulator).map((w) => w.status)).toEqual([409, 200]);
    expect(emulator.state.getPool('rg', 'aks', 'manualpool2')?.tags).toEqual({
      costCenter: '42',
      'aks-scaler-override': 'stop',
    });
  });

  it('a tag name or value Azure refuses is a ConfigError naming it, and nothing is sent', async () => {
    const fixture = await fixtures.start(withSettings());
    const { emulator, client, cluster } = fixture;
    const pool = await client.getPool(cluster, 'manualpool2');
    const error = await client
      .updateTags?.(pool, { 'team/owner': 'x', 'aks-scaler-reason': 'y'.repeat(300) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path)).toEqual([
      'tags.team/owner',
      'tags.aks-scaler-reason',
    ]);
    expect((error as Error).message).toMatch(/at most 256 characters.*got 300/);
    expect(puts(emulator)).toEqual([]);
  });
});
