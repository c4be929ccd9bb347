import { AuthorizationError, type ClusterRef, type Policy, realClock } from '@aks-scaler/core';
import { FakeNodePoolClient } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { createClusterDiscovery } from './cluster-discovery.js';
import type { ScalerSelector } from './config-entries.js';
import { type DiscoveryEvent, discoveryLines } from './discovery-log.js';
import type { PodEvent } from './pod-events.js';

const SUB = '11111111-1111-1111-1111-111111111111';
const web: ClusterRef = { subscriptionId: SUB, resourceGroup: 'rg-a', clusterName: 'web' };
const batch: ClusterRef = { subscriptionId: SUB, resourceGroup: 'rg-b', clusterName: 'batch' };
const tools: ClusterRef = { subscriptionId: SUB, resourceGroup: 'rg-b', clusterName: 'tools' };

/** Three clusters in two resource groups; web and batch carry fleet=shop. */
function fixture(options: { selectors?: Array<Partial<ScalerSelector>> } = {}) {
  const client = new FakeNodePoolClient({
    clusters: [
      { cluster: web, tags: { fleet: 'shop' } },
      { cluster: batch, location: 'northeurope', tags: { Fleet: 'shop' } },
      { cluster: tools, tags: { fleet: 'tools' } },
    ],
  });
  let built = 0;
  const selectors: ScalerSelector[] = (options.selectors ?? [{}]).map((extra, i) => ({
    entry: `clusters[${i}]`,
    scope: { subscriptionId: SUB },
    tags: { fleet: 'shop' },
    options: { autoscalerPools: 'bounds' },
    createPolicy: (): Policy => ({ name: `policy-${++built}`, evaluate: () => [] }),
    ...extra,
  }));
  const events: PodEvent[] = [];
  const discovery = createClusterDiscovery({
    selectors,
    client,
    clock: realClock,
    emit: (e) => events.push(e),
  });
  const listed = (kind: PodEvent['kind']) => events.filter((e) => e.kind === kind);
  const names = (clusters: readonly ClusterRef[]) => clusters.map((c) => c.clusterName);
  return { client, discovery, events, listed, names, built: () => built };
}

describe('cluster discovery', () => {
  it('gives each matching cluster its entry options and a policy of its own, kept while it stays discovered', async () => {
    const { client, discovery, events, names, built } = fixture();
    const first = await discovery.resolve({ listed: [] });
    expect(first.failures).toEqual([]);
    expect(
      first.targets.map((t) => [t.cluster.clusterName, t.policy.name, t.autoscalerPools, t.selector]),
    ).toEqual([
      ['web', 'policy-1', 'bounds', 'clusters[0]'],
      ['batch', 'policy-2', 'bounds', 'clusters[0]'],
    ]);
    expect(events).toEqual([
      expect.objectContaining({ kind: 'clusters-listed', first: true, removed: [], locationMismatches: [] }),
    ]);
    expect(names((events[0] as Extract<PodEvent, { kind: 'clusters-listed' }>).added)).toEqual([
      'web',
      'batch',
    ]);

    const again = await discovery.resolve({ listed: [] });
    expect(again.targets.map((t) => t.policy)).toEqual(first.targets.map((t) => t.policy));
    expect(events[1]).toMatchObject({ kind: 'clusters-listed', first: false, added: [], removed: [] });
    expect(built()).toBe(2);

    // tools joins the fleet, web leaves it: batch keeps its policy, tools gets a new one.
    client.setCluster({ cluster: tools, tags: { fleet: 'shop' } });
    client.setCluster({ cluster: web, tags: {} });
    const changed = await discovery.resolve({ listed: [] });
    expect(changed.targets.map((t) => [t.cluster.clusterName, t.policy.name])).toEqual([
      ['batch', 'policy-2'],
      ['tools', 'policy-3'],
    ]);
    expect(changed.targets[0]!.policy).toBe(first.targets[1]!.policy);
    const change = events[2] as Extract<PodEvent, { kind: 'clusters-listed' }>;
    expect([names(change.added), names(change.removed), names(change.clusters)]).toEqual([
      ['tools'],
      ['web'],
      ['batch', 'tools'],
    ]);

    // web comes back: its old state is gone, it starts with a fresh policy.
    client.setCluster({ cluster: web, tags: { fleet: 'shop' } });
    const back = await discovery.resolve({ listed: [] });
    expect(back.targets.find((t) => t.cluster.clusterName === 'web')?.policy.name).toBe('policy-4');
  });

  it('a failed listing fails the entry this time only: its clusters are left out but keep their policies', async () => {
    const { client, discovery, events, listed } = fixture();
    const before = await discovery.resolve({ listed: [] });
    client.failNextListings(
      new AuthorizationError('may not list', { action: 'Microsoft.ContainerService/managedClusters/read' }),
    );
    const failed = await discovery.resolve({ listed: [] });
    expect(failed.targets).toEqual([]);
    expect(failed.failures).toEqual([
      expect.objectContaining({ error: { code: 'AUTHORIZATION', message: 'may not list' } }),
    ]);
    expect(failed.failures[0]!.cause).toBeInstanceOf(AuthorizationError);
    expect(listed('selector-failed')).toEqual([
      expect.objectContaining({
        selector: expect.objectContaining({ entry: 'clusters[0]', subscription: SUB }),
      }),
    ]);
    const after = await discovery.resolve({ listed: [] });
    expect(after.targets.map((t) => t.policy)).toEqual(before.targets.map((t) => t.policy));
    expect(events.at(-1)).toMatchObject({ kind: 'clusters-listed', added: [], removed: [] });
  });

  it('leaves a cluster listed by name (or by an earlier entry) to that entry, and says so once', async () => {
    const { discovery, listed } = fixture({
      selectors: [{}, { tags: { fleet: 'shop' }, scope: { subscriptionId: SUB, resourceGroup: 'rg-b' } }],
    });
    const byName = { cluster: web, policy: { name: 'named', evaluate: () => [] } };
    const first = await discovery.resolve({ listed: [byName] });
    expect(first.targets.map((t) => [t.cluster.clusterName, t.selector])).toEqual([['batch', 'clusters[0]']]);
    await discovery.resolve({ listed: [byName] });
    expect(
      listed('cluster-selected-twice').map((e) => [
        (e as { cluster: ClusterRef }).cluster.clusterName,
        (e as { by: string }).by,
      ]),
    ).toEqual([
      ['web', 'a cluster entry listed by name'],
      ['batch', 'clusters[0]'],
    ]);
  });

  it("a selector's resource group narrows the listing; the entry's location is checked against each new cluster", async () => {
    const { discovery, events } = fixture({
      selectors: [
        { scope: { subscriptionId: SUB, resourceGroup: 'rg-b' }, options: { location: 'West Europe' } },
      ],
    });
    const { targets } = await discovery.resolve({ listed: [] });
    expect(targets.map((t) => [t.cluster.clusterName, t.location])).toEqual([['batch', 'West Europe']]);
    expect(events[0]).toMatchObject({
      locationMismatches: [{ cluster: batch, expected: 'West Europe', actual: 'northeurope' }],
    });
    const lines = discoveryLines(events[0] as DiscoveryEvent);
    expect(lines.map((l) => [l.level, l.fields.event])).toEqual([
      ['info', 'discovered'],
      ['warn', undefined],
    ]);
    expect(lines[1]!.message).toMatch(
      /clusters\[0\] expects location West Europe but cluster batch is in northeurope/,
    );
  });

  it('logs a change once: discovered when clusters join or leave, selector-empty when none is left', async () => {
    const { client, discovery, events } = fixture();
    const lines = () =>
      events
        .flatMap((e) => discoveryLines(e as DiscoveryEvent))
        .map((l) => [l.level, l.fields.event, l.message]);
    await discovery.resolve({ listed: [] });
    await discovery.resolve({ listed: [] });
    expect(lines()).toEqual([
      ['info', 'discovered', 'selector clusters[0] matches 2 clusters (added web, batch)'],
    ]);
    client.setCluster({ cluster: web, tags: {} });
    client.setCluster({ cluster: batch, tags: {} });
    await discovery.resolve({ listed: [] });
    await discovery.resolve({ listed: [] });
    expect(lines().slice(1)).toEqual([
      ['info', 'discovered', 'selector clusters[0] matches 0 clusters (removed web, batch)'],
      [
        'warn',
        'selector-empty',
        expect.stringMatching(
          /^selector clusters\[0\] matches no cluster: no managed cluster of subscription 1{8}-.* has the tags fleet=shop/,
        ),
      ],
    ]);
  });

  it('a selector that matches nothing at its first listing is a warning, and nothing to reconcile', async () => {
    const { discovery, events } = fixture({ selectors: [{ tags: { fleet: 'nothing' } }] });
    expect(await discovery.resolve({ listed: [] })).toEqual({ targets: [], failures: [] });
    expect(discoveryLines(events[0] as DiscoveryEvent).map((l) => [l.level, l.fields.event])).toEqual([
      ['warn', 'selector-empty'],
    ]);
  });
});
