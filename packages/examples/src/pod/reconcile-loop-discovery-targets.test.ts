import type { ClusterRef } from '@aks-scaler/core';
import { FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { captureJsonLines } from '../../test/helpers/json-lines.js';
import { manualClock } from '../../test/helpers/manual-clock.js';
import { createPodLogger } from '../shared/logger.js';
import { createConfigReloader } from './config-reloader.js';
import { createEventHub } from './event-hub.js';
import { EXIT_CODES } from './exit-codes.js';
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
const SUB = '33333333-3333-4333-8333-333333333333';
const shop: ClusterRef = { subscriptionId: SUB, resourceGroup: 'rg-shop', clusterName: 'shop' };

/** One reconcile (once mode) of a config whose only entry selects `shop` by tag. */
async function reconcileDiscovered(options: {
  entry: string;
  counts: string;
  env?: NodeJS.ProcessEnv;
  client: FakeNodePoolClient;
}) {
  const clock = manualClock();
  const text = [
    'clusters:',
    `  - { subscription: ${SUB}, selector: { tags: { fleet: shop } }${options.entry} }`,
    `policy: { static: ${options.counts} }`,
  ].join('\n');
  const readTextFile = async () => text;
  const setup = await loadScalerSetup(
    { ...IDENTITY, SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml', ...options.env },
    { readTextFile },
  );
  const { stdout } = captureJsonLines();
  const hub = createEventHub({ logger: createPodLogger({ level: 'silent', stdout }) });
  const events: PodEvent[] = [];
  hub.onEvent((event) => events.push(event));
  const shutdown = createShutdown({ graceInMs: 0, clock });
  const reloader = createConfigReloader({ setup, hub, clock, readTextFile });
  const loopWait = createLoopWait({ clock, draining: shutdown.draining });
  const { client } = options;
  const code = await runReconciles({ setup, reloader, loopWait, client, hub, shutdown, clock });
  shutdown.dispose();
  return { code, events };
}

const clientWith = (...pools: Parameters<typeof nodePool>[0][]) =>
  new FakeNodePoolClient({
    clusters: [{ cluster: shop, tags: { fleet: 'shop' } }],
    pools: pools.map((pool) => nodePool({ cluster: shop, ...pool })),
  });

describe('a cluster found by a selector gets its entry options like a cluster listed by name', () => {
  it("stoppedPools: start on the entry starts the discovered cluster's stopped pool, then scales it", async () => {
    const client = clientWith({ name: 'nightly', count: 2, powerState: 'Stopped' });
    const { code } = await reconcileDiscovered({
      entry: ', stoppedPools: start',
      counts: '{ nightly: 4 }',
      client,
    });
    expect(code).toBe(EXIT_CODES.ok);
    expect(client.pool('nightly', shop)).toMatchObject({ powerState: 'Running', count: 4 });
    expect(client.log.filter((line) => line.startsWith('START'))).toEqual([
      'START start nightly Stopped->Running',
      'START scale nightly 2->4',
    ]);
  });

  it('without stoppedPools the stopped pool stays stopped', async () => {
    const client = clientWith({ name: 'nightly', count: 2, powerState: 'Stopped' });
    const { code } = await reconcileDiscovered({ entry: '', counts: '{ nightly: 4 }', client });
    expect(code).toBe(EXIT_CODES.ok);
    expect(client.writes).toBe(0);
    expect(client.pool('nightly', shop).powerState).toBe('Stopped');
  });

  it('a decision for a pool the discovered cluster lacks fails the run with exit 2 before any write', async () => {
    const client = clientWith({ name: 'manualpool2', count: 1 });
    const { code, events } = await reconcileDiscovered({
      entry: '',
      counts: '{ manualpool2: 3, manualpool9: 1 }',
      client,
    });
    expect(code).toBe(EXIT_CODES.config);
    expect(client.writes).toBe(0);
    const failed = events.find((event) => event.kind === 'reconcile-failed');
    expect(failed).toMatchObject({ error: { code: 'CONFIG' } });
    expect(JSON.stringify(failed)).toContain("did you mean 'manualpool2'?");
  });

  it("the entry's unknownPools: warn, or SCALER_UNKNOWN_POOLS=warn, skips that pool and writes the rest", async () => {
    for (const [entry, env] of [
      [', unknownPools: warn', {}],
      ['', { SCALER_UNKNOWN_POOLS: 'warn' }],
    ] as const) {
      const client = clientWith({ name: 'manualpool2', count: 1 });
      const { code } = await reconcileDiscovered({
        entry,
        env,
        counts: '{ manualpool2: 3, manualpool9: 1 }',
        client,
      });
      expect(code).toBe(EXIT_CODES.ok);
      expect(client.pool('manualpool2', shop).count).toBe(3);
    }
  });

  it("the entry's unknownPools: error beats SCALER_UNKNOWN_POOLS=warn", async () => {
    const client = clientWith({ name: 'manualpool2', count: 1 });
    const { code } = await reconcileDiscovered({
      entry: ', unknownPools: error',
      env: { SCALER_UNKNOWN_POOLS: 'warn' },
      counts: '{ manualpool2: 3, manualpool9: 1 }',
      client,
    });
    expect(code).toBe(EXIT_CODES.config);
    expect(client.writes).toBe(0);
  });
});
