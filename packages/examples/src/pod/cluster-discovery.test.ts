import { AuthorizationError, type ClusterRef, type Policy, realClock } from '@aks-scaler/core';
import { FakeNodePoolClient } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { createClusterDiscovery } from './cluster-discovery.js';
import type { ScalerSelector } from './config-entries.js';
import { type DiscoveryEvent, discoveryLines } from './discovery-log.js';
import type { PodEvent } from './pod-events.js';
import type { ScalerTarget } from './setup.js';

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
    options: { autoscalerPools: 'bounds', unknownPools: 'error' },
    createPolicy: (): Policy => ({ name: `policy-${++built}`, evaluate: () => [] }),
    ...extra,
  }));
  const events: PodEvent[] = [];
  const discovery = createClusterDiscovery({ client, clock: realClock, emit: (e) => events.push(e) });
  const resolve = (listed: ScalerTarget[] = [], current: readonly ScalerSelector[] = selectors) =>
    discovery.resolve({ selectors: current, listed });
  const listed = (kind: PodEvent['kind']) => events.filter((e) => e.kind === kind);
  const names = (clusters: readonly ClusterRef[]) => clusters.map((c) => c.clusterName);
  return { client, resolve, selectors, events, listed, names, built: () => built };
}

describe('cluster discovery', () => {
  it('gives each matching cluster its entry options and a policy of its own, kept while it stays discovered', async () => {
    const { client, resolve, events, names, built } = fixture();
    const first = await resolve();
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

    const again = await resolve();
    expect(again.targets.map((t) => t.policy)).toEqual(first.targets.map((t) => t.policy));
    expect(events[1]).toMatchObject({ kind: 'clusters-listed', first: false, added: [], removed: [] });
    expect(built()).toBe(2);

    // tools joins the fleet, web leaves it: batch keeps its policy, tools gets a new one.
    client.setCluster({ cluster: tools, tags: { fleet: 'shop' } });
    client.setCluster({ cluster: web, tags: {} });
    const changed = await resolve();
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
    const back = await resolve();
    expect(back.targets.find((t) => t.cluster.clusterName === 'web')?.policy.name).toBe('policy-4');
  });

  it('a failed listing fails the entry this time only: its clusters are left out but keep their policies', async () => {
    const { client, resolve, events, listed } = fixture();
    const before = await resolve();
    client.failNextListings(
      new AuthorizationError('may not list', { action: 'Microsoft.ContainerService/managedClusters/read' }),
    );
    const failed = await resolve();
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
    const after = await resolve();
    expect(after.targets.map((t) => t.policy)).toEqual(before.targets.map((t) => t.policy));
    expect(events.at(-1)).toMatchObject({ kind: 'clusters-listed', added: [], removed: [] });
  });

  it('leaves a cluster listed by name (or by an earlier entry) to that entry, and says so once', async () => {
    const { resolve, listed } = fixture({
      selectors: [{}, { tags: { fleet: 'shop' }, scope: { subscriptionId: SUB, resourceGroup: 'rg-b' } }],
    });
    const byName: ScalerTarget = {
      cluster: web,
      policy: { name: 'named', evaluate: () => [] },
      unknownPools: 'error',
    };
    const first = await resolve([byName]);
    expect(first.targets.map((t) => [t.cluster.clusterName, t.selector])).toEqual([['batch', 'clusters[0]']]);
    await resolve([byName]);
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
    const { resolve, events } = fixture({
      selectors: [
        {
          scope: { subscriptionId: SUB, resourceGroup: 'rg-b' },
          options: { location: 'West Europe', unknownPools: 'error' },
        },
      ],
    });
    const { targets } = await resolve();
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
    const { client, resolve, events } = fixture();
    const lines = () =>
      events
        .flatMap((e) => discoveryLines(e as DiscoveryEvent))
        .map((l) => [l.level, l.fields.event, l.message]);
    await resolve();
    await resolve();
    expect(lines()).toEqual([
      ['info', 'discovered', 'selector clusters[0] matches 2 clusters (added web, batch)'],
    ]);
    client.setCluster({ cluster: web, tags: {} });
    client.setCluster({ cluster: batch, tags: {} });
    await resolve();
    await resolve();
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
    const { resolve, events } = fixture({ selectors: [{ tags: { fleet: 'nothing' } }] });
    expect(await resolve()).toEqual({ targets: [], failures: [] });
    expect(discoveryLines(events[0] as DiscoveryEvent).map((l) => [l.level, l.fields.event])).toEqual([
      ['warn', 'selector-empty'],
    ]);
  });

  it('follows a reloaded config: the same selector keeps its clusters with rebuilt policies, a removed one drops them', async () => {
    const { resolve, selectors, events, listed } = fixture();
    const before = await resolve();
    const previous: Array<Policy | undefined> = [];
    // The reloaded config: the same selector (new objects, another place in the file), and a new one.
    const reloaded: ScalerSelector[] = [
      {
        ...selectors[0]!,
        entry: 'clusters[1]',
        tags: { FLEET: 'shop' },
        createPolicy: (old?: Policy) => {
          previous.push(old);
          return { name: `reloaded-${previous.length}`, evaluate: () => [] };
        },
      },
      { ...selectors[0]!, entry: 'clusters[2]', tags: { fleet: 'tools' } },
    ];
    const after = await resolve([], reloaded);
    expect(after.targets.map((t) => [t.cluster.clusterName, t.policy.name, t.selector])).toEqual([
      ['web', 'reloaded-1', 'clusters[1]'],
      ['batch', 'reloaded-2', 'clusters[1]'],
      ['tools', 'policy-3', 'clusters[2]'],
    ]);
    expect(previous).toEqual(before.targets.map((t) => t.policy));
    expect(
      listed('clusters-listed')
        .slice(1)
        .map((e) => e as Extract<PodEvent, { kind: 'clusters-listed' }>)
        .map((e) => [e.first, e.added.length]),
    ).toEqual([
      [false, 0],
      [true, 1],
    ]);
    // Reloaded again without the fleet=shop selector: its clusters are dropped, once.
    await resolve([], reloaded.slice(1));
    await resolve([], reloaded.slice(1));
    const dropped = listed('selector-dropped');
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ selector: { entry: 'clusters[1]' }, removed: [web, batch] });
    expect(discoveryLines(dropped[0] as DiscoveryEvent)[0]?.message).toBe(
      'selector clusters[1] is no longer in the configuration; its 2 clusters are no longer reconciled',
    );
    expect(events.filter((e) => e.kind === 'selector-failed')).toEqual([]);
  });
});
