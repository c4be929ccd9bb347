import type { AgentPool } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { fakeSdk } from '../test/fake-sdk.js';
import { virtualClock } from '../test/virtual-clock.js';
import { scaleChange, toNodePool } from './agent-pool-mapping.js';
import { ConfigError } from './errors.js';
import type { ClusterRef } from './types.js';

const cluster: ClusterRef = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'aks' };

/** An agent pool as the SDK deserializes ARM's body (`properties` flattened, `properties.type` as typePropertiesType). */
const vmss: AgentPool = {
  name: 'manualpool2',
  eTag: '"e1"',
  count: 2,
  vmSize: 'Standard_D2s_v5',
  mode: 'User',
  typePropertiesType: 'VirtualMachineScaleSets',
  provisioningState: 'Succeeded',
  powerState: { code: 'Running' },
  nodeLabels: { team: 'batch' },
};

const change = (read: AgentPool) => scaleChange(cluster, read, 5);

describe('PoolWriter: every wait on the client clock', () => {
  it("polls a write's operation as ARM asks (Retry-After), never right after the PUT, and never on the SDK's timers", async () => {
    const clock = virtualClock(0);
    const { writer, calls } = fakeSdk(clock, {
      reads: [vmss],
      pollsUntilDone: 2,
      retryAfter: { put: '5', poll: '3' },
    });
    const writing = writer.write(toNodePool(cluster, vmss), change, {});
    await clock.run();
    await expect(writing).resolves.toMatchObject({ count: 5, provisioningState: 'Succeeded' });
    expect(calls.map((c) => [c.kind, c.at])).toEqual([
      ['GET', 0],
      ['PUT', 0],
      ['POLL', 5000],
      ['POLL', 8000],
    ]);
    expect(calls[1]?.ifMatch).toBe('"e1"');
  });

  it('polls at the interval when ARM sends no Retry-After', async () => {
    const clock = virtualClock(0);
    const { writer, calls } = fakeSdk(clock, { reads: [vmss], pollsUntilDone: 3 });
    const writing = writer.write(toNodePool(cluster, vmss), change, {});
    await clock.run();
    await writing;
    expect(calls.filter((c) => c.kind === 'POLL').map((c) => c.at)).toEqual([2000, 4000, 6000]);
  });

  it("times a write that gets no deadline by its own timeout, on the client's clock", async () => {
    const clock = virtualClock(0);
    const { writer } = fakeSdk(clock, { reads: [vmss], pollsUntilDone: Number.POSITIVE_INFINITY });
    const writing = writer
      .write(toNodePool(cluster, vmss), change, { operationTimeoutInMs: 10_000 })
      .catch((e: unknown) => e);
    await clock.run();
    const error = await writing;
    expect(error).toMatchObject({ code: 'OPERATION_TIMEOUT' });
    expect((error as Error).message).toMatch(
      /'manualpool2' of cluster 'aks' did not reach a terminal state within 10000 ms/,
    );
    expect(clock.now()).toBe(10_000);
    expect(clock.pending()).toBe(0);
  });

  it('waits for a busy pool with a core-lro poller: awaitable, serializable, Retry-After honoured, its timeout on the clock', async () => {
    const clock = virtualClock(0);
    const busy = { ...vmss, provisioningState: 'Upgrading' };
    const { writer, calls } = fakeSdk(clock, {
      reads: [busy, { ...vmss, eTag: '"e2"' }],
      retryAfter: { get: '7' },
    });
    const poller = writer.waitForPool(toNodePool(cluster, busy), {});
    const progress: string[] = [];
    poller.onProgress((state) => progress.push(state.status));
    const done = (async () => await poller)();
    await clock.run();
    await expect(done).resolves.toMatchObject({ provisioningState: 'Succeeded', eTag: '"e2"' });
    expect(calls.map((c) => [c.kind, c.at])).toEqual([
      ['GET', 2000],
      ['GET', 9000],
    ]);
    expect(progress).toEqual(['running', 'succeeded']);
    expect(JSON.parse(await poller.serialize()).state.config.operationLocation).toBe(
      'https://arm.test/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/agentPools/manualpool2',
    );

    const stuck = fakeSdk(clock, { reads: [busy] });
    const waiting = stuck.writer
      .waitForPool(toNodePool(cluster, busy), { timeoutInMs: 5000 })
      .catch((e: unknown) => e);
    await clock.run();
    expect(await waiting).toMatchObject({ code: 'OPERATION_TIMEOUT' });
    expect(clock.pending()).toBe(0);
  });
});

describe('PoolWriter: VirtualMachines pools', () => {
  const vmPool = (manual: Array<{ size: string; count: number }>): AgentPool => ({
    name: 'vmpool',
    eTag: '"v1"',
    mode: 'User',
    typePropertiesType: 'VirtualMachines',
    provisioningState: 'Succeeded',
    powerState: { code: 'Running' },
    nodeLabels: { team: 'gpu' },
    nodeTaints: ['sku=gpu:NoSchedule'],
    virtualMachinesProfile: { scale: { manual } },
    virtualMachineNodesStatus: manual.map((m) => ({ size: m.size, count: m.count })),
  });

  it('scales a pool with one VM size by writing the whole scale field, the rest of the body as read', async () => {
    const clock = virtualClock(0);
    const read = vmPool([{ size: 'Standard_D4s_v5', count: 2 }]);
    const { writer, calls } = fakeSdk(clock, { reads: [read] });
    const pool = toNodePool(cluster, read);
    expect(pool).toMatchObject({ count: 2, vmSize: 'Standard_D4s_v5', type: 'VirtualMachines' });
    const writing = writer.write(pool, change, {});
    await clock.run();
    await writing;
    const put = calls.find((c) => c.kind === 'PUT');
    const { virtualMachinesProfile, ...rest } = put?.body ?? {};
    expect(virtualMachinesProfile).toEqual({ scale: { manual: [{ size: 'Standard_D4s_v5', count: 5 }] } });
    const { virtualMachinesProfile: _, ...readRest } = read;
    expect(rest).toEqual(readRest);
    expect(put?.body).not.toHaveProperty('count');
  });

  it('refuses to scale a pool with several VM sizes: ConfigError, nothing written', async () => {
    const clock = virtualClock(0);
    const read = vmPool([
      { size: 'Standard_D4s_v5', count: 2 },
      { size: 'Standard_D8s_v5', count: 1 },
    ]);
    const { writer, calls } = fakeSdk(clock, { reads: [read] });
    expect(toNodePool(cluster, read).count).toBe(3);
    const error = await writer.write(toNodePool(cluster, read), change, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /VirtualMachines pool with 2 VM sizes \(Standard_D4s_v5 x2, Standard_D8s_v5 x1\).*nothing was written/,
    );
    expect(calls.filter((c) => c.kind === 'PUT')).toEqual([]);
  });
});
