import { DEFAULT_CLIENT_ID, type Emulator, type EmulatorClusterSpec } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { startInProcessPod } from './helpers/in-process-pod.js';
import { scratchFixture } from './helpers/scratch-fixture.js';

// The pod in this process (real SDK, real workload-identity exchange, the emulator over TLS) with a config whose
// clusters are discovered by tag: three clusters in two resource groups, two of them tagged fleet=shop.
let emulator: Emulator | undefined;
const fixture = scratchFixture();

const pools = () => [
  { name: 'nodepool1', mode: 'System' as const, count: 1 },
  { name: 'manualpool2', mode: 'User' as const, count: 1 },
];
const CLUSTERS: EmulatorClusterSpec[] = [
  { resourceGroup: 'rg-a', name: 'web', tags: { fleet: 'shop' }, pools: pools() },
  { resourceGroup: 'rg-b', name: 'batch', tags: { Fleet: 'shop', team: 'data' }, pools: pools() },
  { resourceGroup: 'rg-b', name: 'tools', tags: { fleet: 'tools' }, pools: pools() },
];

function selectorConfig(subscription: string, extra = ''): string {
  return [
    'clusters:',
    `  - { subscription: ${subscription}, selector: { tags: { fleet: shop } } }`,
    extra,
    'policy: { static: { manualpool2: 3 } }',
  ].join('\n');
}

async function startPod(em: Emulator, config: string, env: NodeJS.ProcessEnv = {}) {
  const pod = await startInProcessPod(em, {
    env: { SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml', ...env },
    config,
  });
  return { ...pod, metrics: async () => (await fetch(`http://127.0.0.1:${pod.port()}/metrics`)).text() };
}

const count = (em: Emulator, resourceGroup: string, cluster: string) =>
  em.state.getPool(resourceGroup, cluster, 'manualpool2')?.count;

describe('the pod with clusters discovered by tag', () => {
  it('reconciles the two matching clusters, then follows a tag change between two reconciles in loop mode', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5, listPageSize: 2, clusters: CLUSTERS });
    const em = emulator;
    const pod = await startPod(em, selectorConfig(em.subscriptionId), { SCALER_MODE: 'loop' });
    await pod.reconciled(2);
    expect([count(em, 'rg-a', 'web'), count(em, 'rg-b', 'batch'), count(em, 'rg-b', 'tools')]).toEqual([
      3, 3, 1,
    ]);
    const discovered = () => pod.lines.filter((line) => line.event === 'discovered');
    expect(discovered()).toEqual([
      expect.objectContaining({
        level: 'info',
        entry: 'clusters[0]',
        subscription: em.subscriptionId,
        tags: { fleet: 'shop' },
        clusters: [
          { resourceGroup: 'rg-a', cluster: 'web' },
          { resourceGroup: 'rg-b', cluster: 'batch' },
        ],
        added: [
          { resourceGroup: 'rg-a', cluster: 'web' },
          { resourceGroup: 'rg-b', cluster: 'batch' },
        ],
        removed: [],
      }),
    ]);
    // The report names each discovered cluster.
    expect(pod.finished().map((line) => [line.resourceGroup, line.cluster, line.ok])).toEqual([
      ['rg-a', 'web', true],
      ['rg-b', 'batch', true],
    ]);
    let metrics = await pod.metrics();
    expect(metrics).toContain(
      `aks_scaler_selector_clusters{entry="clusters[0]",subscription="${em.subscriptionId}",resource_group=""} 2`,
    );
    expect(metrics).toContain('resource_group="rg-a",cluster="web",pool="manualpool2"} 3');

    // Between two reconciles: tools joins the fleet, web leaves it.
    em.state.setClusterTags('rg-b', 'tools', { fleet: 'shop' });
    em.state.setClusterTags('rg-a', 'web', {});
    pod.clock.tick();
    await pod.reconciled(4);
    expect([count(em, 'rg-b', 'tools'), count(em, 'rg-a', 'web')]).toEqual([3, 3]);
    expect(
      pod
        .finished()
        .slice(2)
        .map((line) => line.cluster),
    ).toEqual(['batch', 'tools']);
    expect(discovered()).toHaveLength(2);
    expect(discovered()[1]).toMatchObject({
      clusters: [
        { resourceGroup: 'rg-b', cluster: 'batch' },
        { resourceGroup: 'rg-b', cluster: 'tools' },
      ],
      added: [{ resourceGroup: 'rg-b', cluster: 'tools' }],
      removed: [{ resourceGroup: 'rg-a', cluster: 'web' }],
    });
    metrics = await pod.metrics();
    expect(metrics).not.toContain('cluster="web"');
    expect(metrics).toContain('resource_group="rg-b",cluster="tools",pool="manualpool2"} 3');

    // Nothing changes: nothing more is logged about discovery, and nothing is written.
    const puts = em.requests.filter((r) => r.method === 'PUT').length;
    pod.clock.tick();
    await pod.reconciled(6);
    expect(discovered()).toHaveLength(2);
    expect(em.requests.filter((r) => r.method === 'PUT')).toHaveLength(puts);
    expect(
      pod.lines.filter((line) => line.level === 'warn' || line.level === 'error').map((l) => l.msg),
    ).toEqual([expect.stringMatching(/SUBSCRIPTION, RESOURCE_GROUP and CLUSTER_NAME are ignored/)]);
    expect(await pod.stop()).toBe(0);
  }, 30_000);

  it('once mode: a selector that matches nothing is a warning and the run exits 0 when the rest converged', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5, clusters: CLUSTERS });
    const em = emulator;
    const config = [
      'clusters:',
      `  - { subscription: ${em.subscriptionId}, resourceGroup: rg-b, name: tools }`,
      `  - { subscription: ${em.subscriptionId}, resourceGroup: rg-a, selector: { tags: { fleet: nothing } } }`,
      'policy: { static: { manualpool2: 2 } }',
    ].join('\n');
    const pod = await startPod(em, config, { SCALER_HTTP_PORT: '' });
    expect(await pod.run).toBe(0);
    expect(count(em, 'rg-b', 'tools')).toBe(2);
    expect(pod.lines.find((line) => line.event === 'selector-empty')).toMatchObject({
      level: 'warn',
      entry: 'clusters[1]',
      resourceGroup: 'rg-a',
      msg: expect.stringContaining('no managed cluster of resource group rg-a of subscription'),
    });
  }, 30_000);

  it('once mode: a listing the identity may not make fails that entry (exit 3) while the listed cluster is reconciled', async () => {
    emulator = await fixture.startEmulator({
      operationDurationInMs: 5,
      clusters: CLUSTERS,
      // Reads and writes of pools, but no managedClusters/read: the identity cannot list clusters.
      rbac: {
        [DEFAULT_CLIENT_ID]: [
          'Microsoft.ContainerService/managedClusters/agentPools/*',
          'Microsoft.ContainerService/locations/*',
        ],
      },
    });
    const em = emulator;
    const config = selectorConfig(
      em.subscriptionId,
      `  - { subscription: ${em.subscriptionId}, resourceGroup: rg-b, name: tools }`,
    );
    const pod = await startPod(em, config, { SCALER_HTTP_PORT: '' });
    expect(await pod.run).toBe(3);
    expect(count(em, 'rg-b', 'tools')).toBe(3);
    expect(count(em, 'rg-a', 'web')).toBe(1);
    const failed = pod.lines.find((line) => line.event === 'selector-failed');
    expect(failed).toMatchObject({
      level: 'error',
      entry: 'clusters[0]',
      error: {
        code: 'AUTHORIZATION',
        message: expect.stringContaining('Microsoft.ContainerService/managedClusters/read'),
      },
    });
    expect(String((failed!.error as { message: string }).message)).toMatch(
      /on the subscription, not only on each cluster/,
    );
  }, 30_000);
});
