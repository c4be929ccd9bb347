import { OperationFailedError } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { FakeNodePoolClient } from './fake-node-pool-client.js';
import { nodePool } from './pool-builder.js';

describe('FakeNodePoolClient: power states as in AKS', () => {
  it('shows a stopped pool with count 0 and gives its count back when it starts', async () => {
    const client = new FakeNodePoolClient({ pools: [nodePool({ name: 'a', count: 3 })] });
    const stopped = await client.setPowerState(client.pool('a'), 'Stopped');
    expect(stopped).toMatchObject({ powerState: 'Stopped', count: 0, provisioningState: 'Succeeded' });
    const started = await client.setPowerState(client.pool('a'), 'Running');
    expect(started).toMatchObject({ powerState: 'Running', count: 3 });
    expect(client.log).toEqual([
      'START stop a Running->Stopped',
      'END stop a Running->Stopped',
      'START start a Stopped->Running',
      'END start a Stopped->Running',
    ]);
  });

  it("pauses an autoscaler pool's range while it is stopped and restores it on start", async () => {
    const client = new FakeNodePoolClient({
      pools: [nodePool({ name: 'auto', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 6 })],
    });
    const stopped = await client.setPowerState(client.pool('auto'), 'Stopped');
    expect(stopped).toMatchObject({ count: 0, enableAutoScaling: false });
    expect(stopped.minCount).toBeUndefined();
    expect(await client.setPowerState(client.pool('auto'), 'Running')).toMatchObject({
      count: 2,
      enableAutoScaling: true,
      minCount: 1,
      maxCount: 6,
    });
  });

  it('takes a pool given stopped as the emulator does: count 0, and its count on start', async () => {
    const client = new FakeNodePoolClient({
      pools: [nodePool({ name: 'night', count: 4, powerState: 'Stopped' })],
    });
    expect(client.pool('night')).toMatchObject({ count: 0, powerState: 'Stopped' });
    expect(await client.setPowerState(client.pool('night'), 'Running')).toMatchObject({ count: 4 });
  });

  it('refuses what AKS refuses, before any operation starts, and logs it as REFUSED', async () => {
    const client = new FakeNodePoolClient({
      pools: [
        nodePool({ name: 'sys', mode: 'System' }),
        nodePool({ name: 'off', count: 2, powerState: 'Stopped' }),
        nodePool({ name: 'auto', enableAutoScaling: true, minCount: 1, maxCount: 3 }),
        nodePool({ name: 'broken', provisioningState: 'Failed' }),
      ],
    });
    const refused = async (write: Promise<unknown>) => {
      const error = await write.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OperationFailedError);
      return error as OperationFailedError;
    };
    expect((await refused(client.setPowerState(client.pool('sys'), 'Stopped'))).message).toMatch(
      /System pool and cannot be stopped/,
    );
    expect((await refused(client.scalePool(client.pool('off'), 5))).armCode).toBe('OperationNotAllowed');
    expect((await refused(client.scalePool(client.pool('auto'), 5))).message).toMatch(
      /Cannot manually scale/,
    );
    expect((await refused(client.setPowerState(client.pool('broken'), 'Stopped'))).message).toMatch(
      /provisioning state is Succeeded/,
    );
    expect(client.log).toEqual([
      'REFUSED stop sys Running->Stopped InvalidParameter',
      'REFUSED scale off 0->5 OperationNotAllowed',
      'REFUSED scale auto 1->5 InvalidParameter',
      'REFUSED stop broken Running->Stopped OperationNotAllowed',
    ]);
    expect(client.maxInFlight).toBe(0);
  });
});
