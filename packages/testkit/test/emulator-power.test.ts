// Stopping and starting pools through powerState, with their own durations, and AKS's refusals; through the real
// @azure/arm-containerservice against the emulator on a virtual clock.
import type { AgentPool, ContainerServiceClient } from '@azure/arm-containerservice';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Emulator } from '../src/index.js';
import { CLUSTER, RG } from './emulator-clients.js';
import { emulatorForSuite, rejection } from './emulator-fixture.js';

describe('power state: Stopping and Starting operations and their refusals', () => {
  let now = Date.parse('2026-12-04T18:00:00Z');
  let emulator: Emulator;
  let client: ContainerServiceClient;
  const get = (pool: string) => client.agentPools.get(RG, CLUSTER, pool);
  /** Sends a PUT and returns once it is accepted (the operation runs on by the virtual clock). */
  const submit = async (pool: string, body: AgentPool) => {
    const poller = client.agentPools.createOrUpdate(RG, CLUSTER, pool, body, { updateIntervalInMs: 2 });
    await poller.submitted();
    return { done: () => poller.pollUntilDone() }; // not the poller itself: it is thenable
  };
  const power = (pool: AgentPool, code: 'Running' | 'Stopped'): AgentPool => ({
    ...pool,
    powerState: { code },
  });

  emulatorForSuite(
    {
      clock: { now: () => now },
      operationDurationInMs: 1_000,
      powerOperationDurationInMs: { baseInMs: 30_000, perNodeInMs: 10_000 },
      clusters: [
        {
          resourceGroup: RG,
          name: CLUSTER,
          pools: [
            { name: 'nodepool1', mode: 'System', count: 1 },
            { name: 'web', count: 3, nodeLabels: { team: 'shop' } },
            { name: 'auto', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 6 },
            { name: 'night', count: 4, powerState: 'Stopped' },
          ],
        },
      ],
    },
    (started) => {
      ({ emulator, client } = started);
    },
  );
  beforeEach(() => {
    now += 300_000; // whatever ran before is over (within the tokens' lifetime)
  });

  test('a stop runs Stopping for the power duration (per node stopped), shows count 0 and ends Stopped', async () => {
    const poller = await submit('web', power(await get('web'), 'Stopped'));
    expect(await get('web')).toMatchObject({
      provisioningState: 'Stopping',
      powerState: { code: 'Stopped' },
      count: 0,
    });
    now += 59_999; // 30 s + 3 nodes x 10 s
    expect((await get('web')).provisioningState).toBe('Stopping');
    now += 1;
    expect(await poller.done()).toMatchObject({
      provisioningState: 'Succeeded',
      powerState: { code: 'Stopped' },
      count: 0,
      nodeLabels: { team: 'shop' },
    });
    expect(emulator.state.getPool('web')).toMatchObject({ count: 0, countOnStart: 3, powerState: 'Stopped' });
    expect(emulator.state.operations.at(-1)).toMatchObject({ kind: 'Stopping', status: 'Succeeded' });
  });

  test('a start runs Starting and brings the count back; a scale then is an ordinary Scaling', async () => {
    const stopped = await get('web');
    const poller = await submit('web', power(stopped, 'Running'));
    expect(await get('web')).toMatchObject({ provisioningState: 'Starting', count: 3 });
    now += 59_999; // 30 s + 3 nodes started x 10 s
    expect((await get('web')).provisioningState).toBe('Starting');
    now += 1;
    expect(await poller.done()).toMatchObject({ powerState: { code: 'Running' }, count: 3 });
    const scale = await submit('web', { ...(await get('web')), count: 5 });
    expect(emulator.state.operations.at(-1)?.kind).toBe('Scaling');
    now += 1_000; // the ordinary operation duration
    expect((await scale.done()).count).toBe(5);
  });

  test('stopping an autoscaler pool pauses the autoscaler; starting restores its range', async () => {
    const stop = await submit('auto', power(await get('auto'), 'Stopped'));
    now += 60_000;
    expect(await stop.done()).toMatchObject({ count: 0, enableAutoScaling: false });
    expect((await get('auto')).minCount).toBeUndefined();
    const start = await submit('auto', power(await get('auto'), 'Running'));
    now += 60_000;
    expect(await start.done()).toMatchObject({
      count: 2,
      enableAutoScaling: true,
      minCount: 1,
      maxCount: 6,
    });
  });

  test('a pool specified Stopped shows count 0 and starts with its count', async () => {
    expect(await get('night')).toMatchObject({ powerState: { code: 'Stopped' }, count: 0 });
    const start = await submit('night', power(await get('night'), 'Running'));
    now += 70_000;
    expect((await start.done()).count).toBe(4);
  });

  test('refuses what AKS refuses, each with a 400 that says what to do', async () => {
    const system = await rejection(submit('nodepool1', power(await get('nodepool1'), 'Stopped')));
    expect(system).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect(system.message).toContain("Agent pool 'nodepool1' is a System pool and cannot be stopped.");

    emulator.state.setPool('web', { provisioningState: 'Failed' });
    const failedStop = await rejection(submit('web', power(await get('web'), 'Stopped')));
    expect(failedStop).toMatchObject({ statusCode: 400, code: 'OperationNotAllowed' });
    expect(failedStop.message).toBe(
      "An Agent Pool can only be stopped if it is Running and provisioning state is Succeeded. Agent pool 'web' is in provisioning state 'Failed'.",
    );
    emulator.state.setPool('web', { provisioningState: 'Succeeded', powerState: 'Stopped' });
    expect(emulator.state.getPool('web')).toMatchObject({ count: 0, countOnStart: 5 });
    emulator.state.setPool('web', { provisioningState: 'Canceled' });
    const canceledStart = await rejection(submit('web', power(await get('web'), 'Running')));
    expect(canceledStart.message).toBe(
      "An Agent Pool can only be started if it is Stopped and provisioning state is Succeeded. Agent pool 'web' is in provisioning state 'Canceled'.",
    );
    emulator.state.setPool('web', { provisioningState: 'Succeeded' });

    const scaleStopped = await rejection(submit('web', { ...(await get('web')), count: 2 }));
    expect(scaleStopped.message).toContain("Agent pool 'web' is stopped and cannot be scaled.");
    const startAndScale = await rejection(submit('web', { ...power(await get('web'), 'Running'), count: 7 }));
    expect(startAndScale.message).toContain(
      "Agent pool 'web' starts with the 5 nodes it had when it was stopped",
    );
    const autoscalerWhileStopped = await rejection(
      submit('web', { ...(await get('web')), enableAutoScaling: true, minCount: 1, maxCount: 3 }),
    );
    expect(autoscalerWhileStopped.message).toContain(
      'Start it (powerState Running) before changing its autoscaler',
    );

    const manual = await rejection(submit('auto', { ...(await get('auto')), count: 4 }));
    expect(manual).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect(manual.message).toBe(
      "Cannot manually scale AgentPool 'auto' of an AKS cluster with cluster autoscaler enabled. Please disable cluster autoscaler in the cluster to manually scale.",
    );
    const puts = emulator.requests.filter((entry) => entry.method === 'PUT' && entry.status === 400);
    expect(puts).toHaveLength(7);
    expect(emulator.state.getPool('web')).toMatchObject({ powerState: 'Stopped', count: 0, countOnStart: 5 });
  });
});
