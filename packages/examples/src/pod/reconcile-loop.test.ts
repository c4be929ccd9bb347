import { DEFAULT_TEST_CLUSTER, FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { captureJsonLines } from '../../test/helpers/json-lines.js';
import { manualClock } from '../../test/helpers/manual-clock.js';
import { waitUntil } from '../../test/helpers/wait.js';
import { createPodLogger } from '../shared/logger.js';
import { createConfigReloader } from './config-reloader.js';
import { createEventHub } from './event-hub.js';
import { createLoopWait } from './loop-wait.js';
import type { PodEventKind } from './pod-events.js';
import { runReconciles } from './reconcile-loop.js';
import { loadScalerSetup } from './setup.js';
import { createShutdown } from './shutdown.js';

const IDENTITY = {
  AZURE_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
  AZURE_TENANT_ID: '11111111-1111-4111-8111-111111111111',
  AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/wi/token/azure-identity-token',
  AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/',
};
const config = (count: number) =>
  [
    'clusters:',
    `  - { subscription: ${DEFAULT_TEST_CLUSTER.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
    `policy: { static: { manualpool2: ${count} } }`,
  ].join('\n');

const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/**
 * The loop with a manual clock (its waits end only on `clock.tick()`), the fake client, and an in-memory
 * SCALER_CONFIG. `operations` gates each operation: it runs until the test opens it.
 */
async function startLoop(mode: 'loop' | 'once', options: { holdOperations?: boolean } = {}) {
  const clock = manualClock();
  const file = { text: config(2), reads: 0 };
  const readTextFile = async () => {
    file.reads += 1;
    return file.text;
  };
  const setup = await loadScalerSetup(
    { ...IDENTITY, SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml', SCALER_MODE: mode, SCALER_INTERVAL: '1h' },
    { readTextFile },
  );
  const gates: Array<() => void> = [];
  const client = new FakeNodePoolClient({
    pools: [nodePool({ name: 'manualpool2', count: 1 })],
    operationDurationInMs: 1,
    sleep: (_ms, abortSignal) =>
      options.holdOperations
        ? new Promise<void>((resolve, reject) => {
            gates.push(resolve);
            abortSignal?.addEventListener('abort', () => reject(abortSignal.reason), { once: true });
          })
        : Promise.resolve(),
  });
  const hub = createEventHub({
    logger: createPodLogger({ level: 'silent', stdout: captureJsonLines().stdout }),
  });
  const kinds: PodEventKind[] = [];
  hub.onEvent((event) => kinds.push(event.kind));
  const stop = new AbortController();
  const shutdown = createShutdown({ signal: stop.signal, graceInMs: 0, clock });
  const reloader = createConfigReloader({ setup, hub, clock, readTextFile });
  const loopWait = createLoopWait({ clock, draining: shutdown.draining });
  const run = runReconciles({ setup, reloader, loopWait, client, hub, shutdown, clock });
  const finish = async () => {
    stop.abort();
    for (const open of gates.splice(0)) open();
    return run;
  };
  stops.push(finish);
  const reconciles = () => kinds.filter((kind) => kind === 'fleet-reconciled').length;
  /** Resolves once `n` reconciles ended and the loop waits again. */
  const reconciled = (n: number) =>
    waitUntil(() => reconciles() >= n && clock.waiting() > 0, `reconcile ${n} and the wait after it`);
  return { clock, file, client, hub, kinds, loopWait, gates, reconciles, reconciled, run, finish };
}

describe('the loop and config changes', () => {
  it('sees a changed file at the next tick, not before, and reconciles with it', async () => {
    const loop = await startLoop('loop');
    await loop.reconciled(1);
    expect(loop.client.pool('manualpool2').count).toBe(2);
    loop.file.text = config(4);
    // Nothing but the tick (or SIGHUP) ends the wait: the file is not read meanwhile.
    expect(loop.file.reads).toBe(1);
    expect(loop.kinds).not.toContain('config-reloaded');
    loop.clock.tick();
    await loop.reconciled(2);
    expect(loop.file.reads).toBe(2);
    expect(loop.kinds.filter((kind) => kind.startsWith('config') || kind === 'fleet-reconciled')).toEqual([
      'fleet-reconciled',
      'config-reloaded',
      'fleet-reconciled',
    ]);
    expect(loop.client.pool('manualpool2').count).toBe(4);
  });

  it('on SIGHUP checks at once and reconciles a new config without waiting for the tick', async () => {
    const loop = await startLoop('loop');
    await loop.reconciled(1);
    loop.file.text = config(6);
    expect(loop.loopWait.request()).toBe(false); // not deferred: the loop was waiting
    await loop.reconciled(2);
    expect(loop.client.pool('manualpool2').count).toBe(6);
    expect(loop.kinds.filter((kind) => kind === 'config-reloaded' || kind === 'fleet-reconciled')).toEqual([
      'fleet-reconciled',
      'config-reloaded',
      'fleet-reconciled',
    ]);
  });

  it('on SIGHUP with nothing new, checks and goes back to waiting for the tick', async () => {
    const loop = await startLoop('loop');
    await loop.reconciled(1);
    loop.loopWait.request();
    await waitUntil(() => loop.kinds.includes('config-unchanged'), 'the check');
    await waitUntil(() => loop.clock.waiting() > 0, 'the loop to wait again');
    expect(loop.reconciles()).toBe(1);
    expect(loop.file.reads).toBe(2);
  });

  it('defers a SIGHUP that arrives during a reconcile: the operation in flight finishes with the old config', async () => {
    const loop = await startLoop('loop', { holdOperations: true });
    const operationsAtReload: string[][] = [];
    loop.hub.onEvent((event) => {
      if (event.kind === 'config-reloaded') operationsAtReload.push([...loop.client.log]);
    });
    await waitUntil(() => loop.gates.length === 1, 'the first operation to run');
    loop.file.text = config(8);
    expect(loop.loopWait.request()).toBe(true); // deferred
    expect(loop.file.reads).toBe(1);
    loop.gates.shift()!();
    await waitUntil(() => loop.gates.length === 1, 'the operation of the new config');
    // The reload came after the operation in flight ended as planned, and before the next one started.
    expect(operationsAtReload).toEqual([['START scale manualpool2 1->2', 'END scale manualpool2 1->2']]);
    loop.gates.shift()!();
    await loop.reconciled(2);
    expect(loop.client.log.at(-1)).toBe('END scale manualpool2 2->8');
  });

  it('in once mode never reads the file again', async () => {
    const loop = await startLoop('once');
    loop.file.text = config(9);
    loop.loopWait.request();
    expect(await loop.run).toBe(0);
    expect(loop.file.reads).toBe(1);
    expect(loop.client.pool('manualpool2').count).toBe(2);
  });
});
