import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator, EmulatorClusterSpec } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { bundledFixture } from './helpers/bundled-fixture.js';
import { startNode } from './helpers/processes.js';

// The bundled pod, once per shard, as the pods of an Indexed Job run it: six clusters in six subscriptions, each
// shard takes the clusters whose subscription hashes to it, and every cluster is reconciled by exactly one of them.
let emulator: Emulator | undefined;
const bundled = bundledFixture({ scratchPrefix: 'aks-scaler-shards-' });

/** Subscription n (1 to 6) and the shard of 3 it hashes to (computed with a separate FNV-1a implementation). */
const SUBSCRIPTIONS = [1, 2, 3, 4, 5, 6].map((n) => `0000000${n}-0000-4000-8000-00000000000${n}`);
const SHARD_OF_CLUSTER: Record<string, number> = {
  'aks-1': 0,
  'aks-2': 0,
  'aks-3': 2,
  'aks-4': 1,
  'aks-5': 1,
  'aks-6': 2,
};

const CLUSTERS: EmulatorClusterSpec[] = SUBSCRIPTIONS.map((subscriptionId, i) => ({
  subscriptionId,
  resourceGroup: `rg-${i + 1}`,
  name: `aks-${i + 1}`,
  tags: { fleet: 'shop' },
  pools: [
    { name: 'nodepool1', mode: 'System', count: 1 },
    { name: 'manualpool2', mode: 'User', count: 1 },
  ],
}));

/** Four clusters listed by name, two discovered by tag (one selector per subscription). */
const CONFIG = [
  'clusters:',
  ...SUBSCRIPTIONS.slice(0, 4).map(
    (subscription, i) =>
      `  - { subscription: ${subscription}, resourceGroup: rg-${i + 1}, name: aks-${i + 1} }`,
  ),
  ...SUBSCRIPTIONS.slice(4).map(
    (subscription) => `  - { subscription: ${subscription}, selector: { tags: { fleet: shop } } }`,
  ),
  'policy: { static: { manualpool2: 3 } }',
].join('\n');

async function shardEnv(em: Emulator, extra: NodeJS.ProcessEnv, config = CONFIG): Promise<NodeJS.ProcessEnv> {
  const file = join(bundled.scratch, `scaler-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, config);
  const {
    SUBSCRIPTION: _,
    RESOURCE_GROUP: __,
    CLUSTER_NAME: ___,
    LOCATION: ____,
    ...env
  } = await em.workloadIdentityEnv();
  return { ...env, SCALER_CONFIG: file, SCALER_POLL_INTERVAL: '20ms', ...extra };
}

const clusterOf = (path: string) => /\/managedClusters\/([^/]+)\//i.exec(path)?.[1];

describe('scaler-pod.js in shards', () => {
  it('3 shards over 6 subscriptions: each cluster is reconciled exactly once across the three processes', async () => {
    emulator = await bundled.startEmulator({ operationDurationInMs: 20, clusters: CLUSTERS });
    const em = emulator;
    const pods = await Promise.all(
      [0, 1, 2].map(async (index) =>
        startNode(bundled.pod, [], await shardEnv(em, { SCALER_SHARD: `${index}/3` })),
      ),
    );
    expect(await Promise.all(pods.map((pod) => pod.exit()))).toEqual([0, 0, 0]);

    // The emulator's request log: one PUT per cluster, and no process read another shard's subscription.
    const writes: Record<string, number> = {};
    for (const put of em.requests.filter((r) => r.method === 'PUT')) {
      const cluster = clusterOf(put.path) ?? put.path;
      writes[cluster] = (writes[cluster] ?? 0) + 1;
    }
    expect(writes).toEqual({ 'aks-1': 1, 'aks-2': 1, 'aks-3': 1, 'aks-4': 1, 'aks-5': 1, 'aks-6': 1 });
    // And one read of each cluster's pools: the three processes did not all reconcile the same clusters.
    const reads: Record<string, number> = {};
    for (const list of em.requests.filter((r) => r.method === 'GET' && /\/agentPools$/i.test(r.path))) {
      const cluster = /\/managedClusters\/([^/]+)\/agentPools$/i.exec(list.path)?.[1] ?? list.path;
      reads[cluster] = (reads[cluster] ?? 0) + 1;
    }
    expect(reads).toEqual({ 'aks-1': 1, 'aks-2': 1, 'aks-3': 1, 'aks-4': 1, 'aks-5': 1, 'aks-6': 1 });
    for (const cluster of CLUSTERS) {
      expect(
        em.state.getPool(cluster.subscriptionId!, cluster.resourceGroup, cluster.name, 'manualpool2')?.count,
      ).toBe(3);
    }

    for (const [index, pod] of pods.entries()) {
      const mine = Object.entries(SHARD_OF_CLUSTER)
        .filter(([, shard]) => shard === index)
        .map(([cluster]) => cluster);
      const reconciled = pod.json.filter((line) => line.event === 'finished').map((line) => line.cluster);
      expect(reconciled.sort(), `shard ${index}`).toEqual(mine);
      expect(pod.json.find((line) => line.msg === 'scaler starting')).toMatchObject({
        shard: { index, count: 3, from: 'SCALER_SHARD', taken: 2, total: 6 },
      });
      expect(pod.json.filter((line) => line.level === 'error')).toEqual([]);
    }
    // Shard 1 lists subscription 5 (its selector); shard 2 lists 6; nobody lists the named clusters' subscriptions.
    const listings = em.requests.filter((r) => r.method === 'GET' && /\/managedClusters$/i.test(r.path));
    expect(listings.map((r) => r.path.split('/')[2]).sort()).toEqual([SUBSCRIPTIONS[4], SUBSCRIPTIONS[5]]);
  }, 60_000);

  it('a shard with no clusters logs that and exits 0 without a request; a bad SCALER_SHARD exits 2 naming it', async () => {
    emulator = await bundled.startEmulator({ clusters: CLUSTERS.slice(0, 2) });
    const em = emulator;
    // Only subscriptions 1 and 2, which both hash to shard 0.
    const firstTwo = CONFIG.split('\n')
      .filter((line) => !/aks-[3-6]|0000000[3-6]-/.test(line))
      .join('\n');
    const empty = startNode(
      bundled.pod,
      [],
      await shardEnv(em, { SCALER_SHARD: 'auto', SCALER_SHARDS: '3', JOB_COMPLETION_INDEX: '1' }, firstTwo),
    );
    const bad = startNode(bundled.pod, [], await shardEnv(em, { SCALER_SHARD: '3/3' }));
    expect(await empty.exit()).toBe(0);
    expect(await bad.exit()).toBe(2);
    expect(
      empty.json.find(
        (line) => typeof line.msg === 'string' && line.msg.startsWith('shard 1/3 has no clusters'),
      ),
    ).toMatchObject({
      level: 'info',
      shard: { index: 1, count: 3, from: 'JOB_COMPLETION_INDEX', taken: 0, total: 2 },
    });
    const fatal = bad.json.find((line) => line.level === 'fatal');
    expect(fatal?.issues).toEqual([
      {
        path: 'SCALER_SHARD',
        message: expect.stringContaining('shard 3 of 3 does not exist; use 0/3 to 2/3'),
      },
    ]);
    expect(em.requests.filter((r) => r.target === 'arm')).toEqual([]);
  }, 60_000);
});
