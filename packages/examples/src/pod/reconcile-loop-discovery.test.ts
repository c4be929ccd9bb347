import type { ClusterRef } from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER, FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { captureJsonLines } from '../../test/helpers/json-lines.js';
import { manualClock } from '../../test/helpers/manual-clock.js';
import { waitUntil } from '../../test/helpers/wait.js';
import { createPodLogger } from '../shared/logger.js';
import { createConfigReloader } from './config-reloader.js';
import { createEventHub } from './event-hub.js';
import { createLoopWait } from './loop-wait.js';
import type { PodEvent } from './pod-events.js';
import { runReconciles } from './reconcile-loop.js';
import { loadScalerSetup } from './setup.js';
import { createShutdown } from './shutdown.js';

const IDENTITY = {
  AZURE_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
  AZURE_TENANT_ID: '11111111-1111-4111-8111-111111111111',
  AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/wi/token/azure-identity-token',
  AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/',
};
const SUB = DEFAULT_TEST_CLUSTER.subscriptionId;
const named = `  - { subscription: ${SUB}, resourceGroup: ${DEFAULT_TEST_CLUSTER.resourceGroup}, name: ${DEFAULT_TEST_CLUSTER.clusterName} }`;
const selector = `  - { subscription: ${SUB}, selector: { tags: { fleet: shop } } }`;
const config = (entries: string[], count: number) =>
  ['clusters:', ...entries, `policy: { static: { manualpool2: ${count} } }`].join('\n');

const b: ClusterRef = { subscriptionId: SUB, resourceGroup: 'rg-b', clusterName: 'b' };
const c: ClusterRef = { subscriptionId: SUB, resourceGroup: 'rg-c', clusterName: 'c' };

const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('the loop, a config that changes, and selectors', () => {
  it("lists a reloaded config's selector at the next reconcile, keeps its clusters through a change, and drops them when it goes", async () => {
    const clock = manualClock();
    const file = { text: config([named], 2) };
    const readTextFile = async () => file.text;
    const setup = await loadScalerSetup(
      {
        ...IDENTITY,
        SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml',
        SCALER_MODE: 'loop',
        SCALER_INTERVAL: '1h',
      },
      { readTextFile },
    );
    const client = new FakeNodePoolClient({
      pools: [DEFAULT_TEST_CLUSTER, b, c].map((cluster) =>
        nodePool({ cluster, name: 'manualpool2', count: 1 }),
      ),
      clusters: [
        { cluster: b, tags: { fleet: 'shop' } },
        { cluster: c, tags: { Fleet: 'shop' } },
      ],
    });
    const { stdout } = captureJsonLines();
    const hub = createEventHub({ logger: createPodLogger({ level: 'silent', stdout }) });
    const events: PodEvent[] = [];
    hub.onEvent((event) => events.push(event));
    const stop = new AbortController();
    const shutdown = createShutdown({ signal: stop.signal, graceInMs: 0, clock });
    const reloader = createConfigReloader({ setup, hub, clock, readTextFile });
    const loopWait = createLoopWait({ clock, draining: shutdown.draining });
    const run = runReconciles({ setup, reloader, loopWait, client, hub, shutdown, clock });
    stops.push(async () => {
      stop.abort();
      return run;
    });
    const reconciles = () => events.filter((e) => e.kind === 'fleet-reconciled').length;
    const reconciled = (n: number) =>
      waitUntil(() => reconciles() >= n && clock.waiting() > 0, `reconcile ${n} and the wait after it`);
    const counts = () =>
      [DEFAULT_TEST_CLUSTER, b, c].map((cluster) => client.pool('manualpool2', cluster).count);
    const kinds = () =>
      events
        .map((e) => e.kind)
        .filter((k) => k.startsWith('config-') || k.startsWith('selector') || k === 'clusters-listed');

    await reconciled(1);
    expect(counts()).toEqual([2, 1, 1]);

    // The selector replaces the named cluster.
    file.text = config([selector], 3);
    clock.tick();
    await reconciled(2);
    expect(counts()).toEqual([2, 3, 3]);
    expect(kinds()).toEqual(['config-reloaded', 'clusters-listed']);
    expect(events.find((e) => e.kind === 'config-reloaded')).toMatchObject({
      clusters: [],
      selectors: ['clusters[0]'],
    });

    // The same selector, now second, with new counts: its clusters stay (no change to log), with the new policy.
    file.text = config([named, selector], 4);
    clock.tick();
    await reconciled(3);
    expect(counts()).toEqual([4, 4, 4]);
    const listing = events.filter((e) => e.kind === 'clusters-listed').at(-1);
    expect(listing).toMatchObject({
      selector: { entry: 'clusters[1]' },
      added: [],
      removed: [],
      first: false,
    });

    // The selector leaves the config: its clusters are dropped, once, and no longer written.
    file.text = config([named], 5);
    clock.tick();
    await reconciled(4);
    expect(counts()).toEqual([5, 4, 4]);
    expect(events.filter((e) => e.kind === 'selector-dropped')).toEqual([
      expect.objectContaining({
        selector: expect.objectContaining({ entry: 'clusters[1]' }),
        removed: [b, c],
      }),
    ]);
  });
});
