import type { AgentPool } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { createPoolWaiter } from './pool-waiter.js';

const url =
  'https://arm.test/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c/agentPools/np';

function reader(states: string[]) {
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    read: async (): Promise<{ pool: AgentPool }> => {
      const state = states[Math.min(reads, states.length - 1)];
      reads++;
      return { pool: { name: 'np', count: 3, provisioningState: state, eTag: `"e${reads}"` } };
    },
  };
}

describe('createPoolWaiter', () => {
  it('polls until the provisioning state is terminal and resolves with the pool as then read', async () => {
    const source = reader(['Scaling', 'Scaling', 'Failed']);
    const seen: string[] = [];
    const waiter = createPoolWaiter({
      url,
      initial: { name: 'np', provisioningState: 'Scaling' },
      read: source.read,
      intervalInMs: 0,
      onRead: (pool) => seen.push(pool.provisioningState ?? ''),
    });
    const progress: string[] = [];
    waiter.onProgress((state) => progress.push(state.status));
    const pool = await waiter.pollUntilDone();
    expect(pool).toMatchObject({ provisioningState: 'Failed', eTag: '"e3"' });
    expect(seen).toEqual(['Scaling', 'Scaling', 'Failed']);
    expect(progress.at(-1)).toBe('succeeded');
    expect(waiter.isDone).toBe(true);
  });

  it('serializes with the pool URL as its operation location', async () => {
    const waiter = createPoolWaiter({
      url,
      initial: { name: 'np', provisioningState: 'Upgrading' },
      read: reader(['Succeeded']).read,
      intervalInMs: 0,
    });
    await waiter.submitted();
    const state = JSON.parse(await waiter.serialize()) as {
      state: { status: string; config: Record<string, string> };
    };
    expect(state.state.status).toBe('running');
    expect(state.state.config.operationLocation).toBe(url);
  });

  it('stops when aborted', async () => {
    const source = reader(['Scaling']);
    const waiter = createPoolWaiter({
      url,
      initial: { provisioningState: 'Scaling' },
      read: source.read,
      intervalInMs: 0,
    });
    const controller = new AbortController();
    const done = waiter.pollUntilDone({ abortSignal: controller.signal });
    controller.abort();
    await expect(done).rejects.toThrow();
    const readsAtAbort = source.reads;
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.reads).toBe(readsAtAbort);
  });
});
