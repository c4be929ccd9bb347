import { parseScalerConfig } from '@aks-scaler/policies';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPolicyConfig } from '../src/pod/target-state.js';
import { podEmulatorsPerTest, START, startPod } from './helpers/kubernetes-pod.js';
import { type PrometheusStub, queueDepthPolicy, startPrometheusStub } from './helpers/prometheus-stub.js';

// A shard of a fleet discovered by tag, in the cluster: shard 1 of 3 writes aks-scaler-status-1, and the clusters
// its selector discovers are saved in its state.json and get their state back after a restart, like listed ones.
const startEmulators = podEmulatorsPerTest();
let prometheus: PrometheusStub | undefined;
afterEach(async () => {
  await prometheus?.close();
});

/** Subscription 4 hashes to shard 1 of 3 (FNV-1a, computed separately). */
const FOUR = '00000004-0000-4000-8000-000000000004';
const configFor = (url: string) =>
  [
    'clusters:',
    `  - { subscription: ${FOUR}, selector: { tags: { fleet: shop } } }`,
    ...queueDepthPolicy(url),
  ].join('\n');
const SIX_MINUTES_AGO = Date.parse(START) - 6 * 60_000;

async function runShard(saved: ((hash: string) => string) | undefined) {
  prometheus = await startPrometheusStub(100); // 1 node wanted
  const config = configFor(prometheus.url);
  const hash = hashPolicyConfig(parseScalerConfig(config).policy);
  const { arm, kubernetes } = await startEmulators({
    clusters: [
      {
        subscriptionId: FOUR,
        resourceGroup: 'rg-shop',
        name: 'web',
        tags: { fleet: 'shop' },
        pools: [{ name: 'manualpool2', count: 5 }],
      },
    ],
  });
  if (saved !== undefined) {
    kubernetes.state.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'aks-scaler-status-1', namespace: 'default' },
      data: { 'state.json': saved(hash) },
    });
  }
  const pod = await startPod({
    arm,
    env: {
      SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml',
      SCALER_SHARD: '1/3',
      KUBECONFIG: await kubernetes.writeKubeconfig(),
      SUBSCRIPTION: undefined,
      RESOURCE_GROUP: undefined,
      CLUSTER_NAME: undefined,
      LOCATION: undefined,
    },
    config,
  });
  const code = await pod.done;
  const pool = (pod.summaries()[0]!.pools as Array<{ to: number; reason: string }>)[0]!;
  const status = kubernetes.state.get('configmaps', 'default', 'aks-scaler-status-1');
  return { code, pool, hash, lines: pod.lines, status, arm, kubernetes };
}

const savedFor = (hash: string) =>
  JSON.stringify({
    version: 1,
    savedAt: new Date(SIX_MINUTES_AGO).toISOString(),
    clusters: [
      {
        subscription: FOUR,
        resourceGroup: 'rg-shop',
        name: 'web',
        policy: {
          hash,
          state: {
            consecutiveFailures: 0,
            recommendations: { manualpool2: [{ at: SIX_MINUTES_AGO, count: 5 }] },
          },
        },
      },
    ],
  });

describe('a shard of a fleet discovered by tag, in the cluster', () => {
  it("writes aks-scaler-status-1 with the discovered cluster's status and state, and no other ConfigMap", async () => {
    const run = await runShard(undefined);
    expect(run.code).toBe(0);
    // A fresh metric policy holds the current count for its first window.
    expect(run.pool).toMatchObject({ to: 5, reason: expect.stringContaining('scale-down held at 5') });
    expect(run.kubernetes.state.list('configmaps', 'default').map((c) => c.metadata.name)).toEqual([
      'aks-scaler-status-1',
    ]);
    const status = JSON.parse(run.status!.data!['status.json']!);
    expect(status.clusters).toEqual([
      expect.objectContaining({ subscription: FOUR, resourceGroup: 'rg-shop', name: 'web' }),
    ]);
    const state = JSON.parse(run.status!.data!['state.json']!);
    expect(state.clusters).toEqual([
      expect.objectContaining({
        subscription: FOUR,
        resourceGroup: 'rg-shop',
        name: 'web',
        policy: { hash: run.hash, state: expect.objectContaining({ recommendations: expect.any(Object) }) },
      }),
    ]);
  });

  it("gives a discovered cluster's policy its saved window back from the shard's ConfigMap", async () => {
    const run = await runShard(savedFor);
    expect(run.code).toBe(0);
    expect(run.pool.to).toBe(1); // the recommendation of 5 is six minutes old: out of the 5-minute window
    expect(run.arm.state.getPool(FOUR, 'rg-shop', 'web', 'manualpool2')?.count).toBe(1);
    expect(
      run.lines.find((line) => line.msg === "restored the saved state of discovered clusters' policies"),
    ).toMatchObject({
      clusters: ['rg-shop/web'],
    });
    expect(run.lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
  });
});
