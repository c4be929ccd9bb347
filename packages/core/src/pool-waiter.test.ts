import type { AgentPool } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { virtualClock } from '../test/virtual-clock.js';
import { createPoolWaiter } from './pool-waiter.js';
import { isTerminalProvisioningState } from './types.js';

const url =
  'https://arm.test/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c/agentPools/np';

const isTerminal = (pool: AgentPool) => isTerminalProvisioningState(pool.provisioningState);

function reader(states: string[], retryAfterInMs?: number) {
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    read: async (): Promise<{ pool: AgentPool; retryAfterInMs?: number }> => {
      const state = states[Math.min(reads, states.length - 1)];
      reads++;
      return {
        pool: { name: 'np', count: 3, provisioningState: state, eTag: `"e${reads}"` },
        retryAfterInMs,
      };
    },
  };
}

describe('createPoolWaiter', () => {
  it('polls until the provisioning state is terminal and resolves with the pool as then read', async () => {
    const clock = virtualClock(0);
    const source = reader(['Scaling', 'Scaling', 'Failed']);
    const seen: string[] = [];
    const waiter = createPoolWaiter({
      url,
      initial: { name: 'np', provisioningState: 'Scaling' },
      read: source.read,
      isTerminal,
      clock,
      intervalInMs: 100,
      onRead: (pool) => seen.push(pool.provisioningState ?? ''),
    });
    const progress: string[] = [];
    waiter.onProgress((state) => progress.push(state.status));
    const done = waiter.pollUntilDone();
    await clock.run();
    const pool = await done;
    expect(pool).toMatchObject({ provisioningState: 'Failed', eTag: '"e3"' });
    expect(seen).toEqual(['Scaling', 'Scaling', 'Failed']);
    expect(progress.at(-1)).toBe('succeeded');
    expect(waiter.isDone).toBe(true);
    // Every wait ran on the injected clock: one interval before each read (the pool was just read).
    expect(clock.sleeps).toEqual([100, 100, 100]);
    expect(clock.now()).toBe(300);
  });

  it("waits as long as the server's Retry-After asks, and is awaitable like a promise", async () => {
    const clock = virtualClock(0);
    const waiter = createPoolWaiter({
      url,
      initial: { name: 'np', provisioningState: 'Upgrading' },
      read: reader(['Upgrading', 'Succeeded'], 5000).read,
      isTerminal,
      clock,
      intervalInMs: 100,
    });
    const done = (async () => await waiter)();
    await clock.run();
    await expect(done).resolves.toMatchObject({ provisioningState: 'Succeeded' });
    expect(clock.sleeps).toEqual([100, 5000]);
  });

  it('serializes with the pool URL as its operation location', async () => {
    const waiter = createPoolWaiter({
      url,
      initial: { name: 'np', provisioningState: 'Upgrading' },
      read: reader(['Succeeded']).read,
      isTerminal,
      clock: virtualClock(0),
      intervalInMs: 0,
    });
    await waiter.submitted();
    const state = JSON.parse(await waiter.serialize()) as {
      state: { status: string; config: Record<string, string> };
    };
    expect(state.state.status).toBe('running');
    expect(state.state.config.operationLocation).toBe(url);
  });

  it('stops when aborted, by its own signal or by the one it was created with', async () => {
    for (const which of ['pollUntilDone', 'created'] as const) {
      const clock = virtualClock(0);
      const source = reader(['Scaling']);
      const controller = new AbortController();
      const waiter = createPoolWaiter({
        url,
        initial: { provisioningState: 'Scaling' },
        read: source.read,
        isTerminal,
        clock,
        intervalInMs: 10,
        ...(which === 'created' && { abortSignal: controller.signal }),
      });
      const done = waiter.pollUntilDone(which === 'pollUntilDone' ? { abortSignal: controller.signal } : {});
      await clock.run(25);
      const readsAtAbort = source.reads;
      expect(readsAtAbort).toBe(2);
      controller.abort();
      await expect(done).rejects.toMatchObject({ code: 'ABORTED' });
      await clock.run();
      expect(source.reads).toBe(readsAtAbort);
      expect(clock.pending()).toBe(0);
    }
  });
});
