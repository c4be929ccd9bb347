// VirtualMachines pools keep their size in properties.virtualMachinesProfile.scale.manual[] = [{ size, count }]
// (up to five sizes), not in count; an update sends the whole scale field. Through @azure/arm-containerservice.
import type { AgentPool, ContainerServiceClient } from '@azure/arm-containerservice';
import { describe, expect, test } from 'vitest';
import type { Emulator } from '../src/index.js';
import { CLUSTER, RG } from './emulator-clients.js';
import { emulatorForSuite, rejection } from './emulator-fixture.js';

describe('VirtualMachines pools', () => {
  let emulator: Emulator;
  let client: ContainerServiceClient;
  const write = (pool: string, body: AgentPool) =>
    client.agentPools.createOrUpdate(RG, CLUSTER, pool, body, { updateIntervalInMs: 2 }).pollUntilDone();

  emulatorForSuite(
    {
      operationDurationInMs: 5,
      clusters: [
        {
          resourceGroup: RG,
          name: CLUSTER,
          pools: [
            { name: 'nodepool1', mode: 'System' },
            {
              name: 'vmpool',
              type: 'VirtualMachines',
              manualScale: [{ size: 'Standard_D4s_v5', count: 2 }],
              nodeLabels: { team: 'ml' },
            },
            {
              name: 'mixed',
              type: 'VirtualMachines',
              manualScale: [
                { size: 'Standard_D4s_v5', count: 1 },
                { size: 'Standard_D8s_v5', count: 3 },
              ],
            },
          ],
        },
      ],
    },
    (started) => {
      ({ emulator, client } = started);
    },
  );

  test('GET returns the manual profiles and no count, like AKS (vmSize empty, nodes status by size)', async () => {
    const pool = await client.agentPools.get(RG, CLUSTER, 'mixed');
    expect(pool).toMatchObject({
      typePropertiesType: 'VirtualMachines',
      vmSize: '',
      virtualMachinesProfile: {
        scale: {
          manual: [
            { size: 'Standard_D4s_v5', count: 1 },
            { size: 'Standard_D8s_v5', count: 3 },
          ],
        },
      },
      virtualMachineNodesStatus: [
        { size: 'Standard_D4s_v5', count: 1 },
        { size: 'Standard_D8s_v5', count: 3 },
      ],
    });
    expect(pool.count).toBeUndefined();
    expect(pool.enableAutoScaling).toBeUndefined();
    const cluster = await client.managedClusters.get(RG, CLUSTER);
    const profile = cluster.agentPoolProfiles?.find((candidate) => candidate.name === 'mixed');
    expect(profile?.count).toBeUndefined();
    expect(profile?.virtualMachinesProfile?.scale?.manual).toHaveLength(2);
    expect(emulator.state.getPool('mixed')).toMatchObject({
      count: 4,
      manualScale: pool.virtualMachinesProfile?.scale?.manual,
    });
  });

  test('a write of the whole scale field scales the pool (Scaling, then the nodes status follows)', async () => {
    const pool = await client.agentPools.get(RG, CLUSTER, 'vmpool');
    emulator.faults.inject({ kind: 'operation-never-ends', pool: 'vmpool' });
    const poller = client.agentPools.createOrUpdate(
      RG,
      CLUSTER,
      'vmpool',
      { ...pool, virtualMachinesProfile: { scale: { manual: [{ size: 'Standard_D4s_v5', count: 5 }] } } },
      { updateIntervalInMs: 2 },
    );
    await poller.submitted();
    const running = await client.agentPools.get(RG, CLUSTER, 'vmpool');
    expect(running.provisioningState).toBe('Scaling');
    expect(running.virtualMachineNodesStatus).toEqual([{ size: 'Standard_D4s_v5', count: 2 }]);
    emulator.state.finishOperation(emulator.state.getPool('vmpool')?.operationId ?? '');
    const done = await poller.pollUntilDone();
    expect(done).toMatchObject({
      provisioningState: 'Succeeded',
      nodeLabels: { team: 'ml' },
      virtualMachineNodesStatus: [{ size: 'Standard_D4s_v5', count: 5 }],
    });
    expect(emulator.state.getPool('vmpool')).toMatchObject({ count: 5 });
    expect(emulator.state.operations.at(-1)).toMatchObject({ kind: 'Scaling', status: 'Succeeded' });
    expect(emulator.state.history.at(-1)?.droppedFields).toEqual([]);
  });

  test('a count-only PUT is refused with a 400 that says where the size goes', async () => {
    const countOnly = await rejection(write('vmpool', { count: 3 }));
    expect(countOnly).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect(countOnly.message).toContain(
      "Agent pool 'vmpool' is of type VirtualMachines: its size is set in properties.virtualMachinesProfile.scale.manual",
    );
    expect(countOnly.message).toContain('not in properties.count');
    const pool = await client.agentPools.get(RG, CLUSTER, 'vmpool');
    const withoutScale = await rejection(write('vmpool', { ...pool, virtualMachinesProfile: undefined }));
    expect(withoutScale.message).toContain(
      'an update must send the whole properties.virtualMachinesProfile.scale field',
    );
    const countAndScale = await rejection(write('vmpool', { ...pool, count: 9 }));
    expect(countAndScale.message).toContain('properties.count (9) is not used');
    expect(emulator.state.getPool('vmpool')?.count).toBe(5);
  });

  test('validates the profiles: one to five distinct sizes of 0..1000 nodes', async () => {
    const pool = await client.agentPools.get(RG, CLUSTER, 'mixed');
    const withManual = (manual: { size: string; count: number }[]) => ({
      ...pool,
      virtualMachinesProfile: { scale: { manual } },
    });
    const six = Array.from({ length: 6 }, (_, index) => ({ size: `Standard_D${index + 2}s_v5`, count: 1 }));
    expect((await rejection(write('mixed', withManual(six)))).message).toContain(
      'needs 1 to 5 manual scale profiles',
    );
    expect((await rejection(write('mixed', withManual([])))).message).toContain('got 0');
    const twice = withManual([
      { size: 'Standard_D4s_v5', count: 1 },
      { size: 'standard_d4s_v5', count: 1 },
    ]);
    expect((await rejection(write('mixed', twice))).message).toContain('appears more than once');
    const negative = withManual([{ size: 'Standard_D4s_v5', count: -1 }]);
    expect((await rejection(write('mixed', negative))).message).toContain('manual[0].count is invalid');
    const five = six.slice(0, 5);
    expect((await write('mixed', withManual(five))).virtualMachinesProfile?.scale?.manual).toEqual(five);
  });

  test('state.setPool changes the profiles out of band and refuses a count', () => {
    emulator.state.setPool('vmpool', { manualScale: [{ size: 'Standard_D4s_v5', count: 1 }] });
    expect(emulator.state.getPool('vmpool')?.count).toBe(1);
    expect(() => emulator.state.setPool('vmpool', { count: 2 })).toThrow(/change manualScale/);
  });
});
