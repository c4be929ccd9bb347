import type { Clock } from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER, nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { captureJsonLines } from '../../test/helpers/json-lines.js';
import { createPodLogger } from '../shared/logger.js';
import { createConfigReloader } from './config-reloader.js';
import { configHash } from './config-targets.js';
import { createEventHub } from './event-hub.js';
import type { PodEvent } from './pod-events.js';
import { loadScalerSetup } from './setup.js';

const WORKLOAD_IDENTITY = {
  AZURE_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
  AZURE_TENANT_ID: '11111111-1111-4111-8111-111111111111',
  AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/wi/token/azure-identity-token',
  AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/',
};
const SUBSCRIPTION = DEFAULT_TEST_CLUSTER.subscriptionId;
const cluster = (name: string) =>
  `  - { subscription: ${SUBSCRIPTION}, resourceGroup: myResourceGroup, name: ${name} }`;
const config = (policy: string, clusters = ['myManagedCluster'], rest = '') =>
  ['clusters:', ...clusters.map(cluster), `policy: ${policy}`, rest].join('\n');

/** A clock at a fixed instant: the reloader only stamps its events with it. */
const clock: Clock = { now: () => Date.parse('2026-11-23T11:00:00Z'), sleep: async () => {} };

/** A reloader over an in-memory SCALER_CONFIG, and every event it emitted. */
async function start(text: string, env: NodeJS.ProcessEnv = {}) {
  const file = { text, reads: 0, error: undefined as Error | undefined };
  const readTextFile = async () => {
    file.reads += 1;
    if (file.error) throw file.error;
    return file.text;
  };
  const setup = await loadScalerSetup(
    { ...WORKLOAD_IDENTITY, SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml', ...env },
    { readTextFile },
  );
  const hub = createEventHub({
    logger: createPodLogger({ level: 'silent', stdout: captureJsonLines().stdout }),
  });
  const events: PodEvent[] = [];
  hub.onEvent((event) => events.push(event));
  const reloader = createConfigReloader({ setup, hub, clock, readTextFile });
  const kinds = () => events.map((event) => event.kind);
  return { file, setup, reloader, events, kinds };
}

describe('the config reloader', () => {
  it('applies a changed, valid file at once and says what it replaced, by content hash', async () => {
    const before = config('{ static: { manualpool2: 2 } }');
    const pod = await start(before);
    expect(pod.reloader.current()).toMatchObject({ concurrency: 4, hash: configHash(before) });

    pod.file.text = [before].join(''); // a swap to the same bytes is no change
    expect(await pod.reloader.check({ reason: 'tick' })).toBe(false);
    expect(pod.events).toEqual([
      expect.objectContaining({ kind: 'config-unchanged', reason: 'tick', running: true }),
    ]);

    const after = config(
      '{ static: { manualpool2: 7 } }',
      ['myManagedCluster', 'second'],
      'limits: { concurrency: 9 }',
    );
    pod.file.text = after;
    expect(await pod.reloader.check({ reason: 'tick' })).toBe(true);
    const running = pod.reloader.current();
    expect(running).toMatchObject({ concurrency: 9, hash: configHash(after) });
    expect(running.targets.map((t) => t.cluster.clusterName)).toEqual(['myManagedCluster', 'second']);
    const decisions = await running.targets[1]!.policy.evaluate({
      now: new Date(clock.now()),
      cluster: running.targets[1]!.cluster,
      pools: [nodePool({ name: 'manualpool2' })],
    });
    expect(decisions.map((d) => d.count)).toEqual([7]);
    expect(pod.events.at(-1)).toMatchObject({
      kind: 'config-reloaded',
      path: '/etc/aks-scaler/scaler.yaml',
      hash: configHash(after),
      previousHash: configHash(before),
      reason: 'tick',
      clusters: [
        { cluster: { clusterName: 'myManagedCluster' }, policy: 'static', state: 'none' },
        { cluster: { clusterName: 'second' }, policy: 'static', state: 'new' },
      ],
      warnings: [],
    });
  });

  it("applies a reloaded config's stoppedPools and unknownPools, with SCALER_UNKNOWN_POOLS for clusters that do not say", async () => {
    const pod = await start(config('{ static: { manualpool2: 2 } }'), { SCALER_UNKNOWN_POOLS: 'warn' });
    expect(pod.reloader.current().targets.map((t) => [t.stoppedPools, t.unknownPools])).toEqual([
      [undefined, 'warn'],
    ]);
    pod.file.text = [
      'clusters:',
      `  - { subscription: ${SUBSCRIPTION}, resourceGroup: myResourceGroup, name: myManagedCluster, stoppedPools: start, unknownPools: error }`,
      cluster('second'),
      'policy: { static: { manualpool2: 3, batch: stop } }',
    ].join('\n');
    expect(await pod.reloader.check({ reason: 'signal' })).toBe(true);
    const { targets } = pod.reloader.current();
    expect(targets.map((t) => [t.cluster.clusterName, t.stoppedPools, t.unknownPools])).toEqual([
      ['myManagedCluster', 'start', 'error'],
      ['second', undefined, 'warn'],
    ]);
    const decisions = await targets[0]!.policy.evaluate({
      now: new Date(clock.now()),
      cluster: targets[0]!.cluster,
      pools: [],
    });
    expect(decisions.map((d) => [d.pool, d.count ?? d.power])).toEqual([
      ['manualpool2', 3],
      ['batch', 'Stopped'],
    ]);
  });

  it('keeps the running config when the new one is invalid, reports it once per content at ticks and again on SIGHUP', async () => {
    const before = config('{ static: { manualpool2: 2 } }');
    const pod = await start(before);
    const bad = config(
      '{ schedule: { timezone: Europe/Berln, rules: [] } }',
      ['myManagedCluster'],
      'limits: { concurency: 2 }',
    );
    pod.file.text = bad;
    expect(await pod.reloader.check({ reason: 'tick' })).toBe(false);
    expect(pod.reloader.current().hash).toBe(configHash(before));
    const rejected = pod.events.at(-1);
    expect(rejected).toMatchObject({
      kind: 'config-rejected',
      hash: configHash(bad),
      runningHash: configHash(before),
      reason: 'tick',
    });
    expect(
      (rejected as unknown as { problems: Array<{ path: string }> }).problems.map((p) => p.path),
    ).toEqual(['policy.schedule.timezone', 'limits']);

    expect(await pod.reloader.check({ reason: 'tick' })).toBe(false);
    expect(pod.events.at(-1)).toMatchObject({ kind: 'config-unchanged', running: false });
    expect(await pod.reloader.check({ reason: 'signal' })).toBe(false);
    expect(pod.events.at(-1)).toMatchObject({ kind: 'config-rejected', reason: 'signal' });

    // Back to the running content: nothing to apply.
    pod.file.text = before;
    expect(await pod.reloader.check({ reason: 'tick' })).toBe(false);
    expect(pod.events.at(-1)).toMatchObject({ kind: 'config-unchanged', running: true });
    expect(pod.kinds().filter((kind) => kind === 'config-reloaded')).toEqual([]);
  });

  it('rejects a file it cannot read (once per failure at ticks) and keeps running', async () => {
    const pod = await start(config('{ static: { manualpool2: 2 } }'));
    pod.file.error = Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
    expect(await pod.reloader.check({ reason: 'tick' })).toBe(false);
    expect(await pod.reloader.check({ reason: 'tick' })).toBe(false);
    expect(pod.events).toEqual([
      expect.objectContaining({
        kind: 'config-rejected',
        problems: [
          {
            path: 'SCALER_CONFIG',
            message: 'cannot read /etc/aks-scaler/scaler.yaml: ENOENT: no such file or directory',
          },
        ],
      }),
    ]);
    expect(pod.reloader.current().targets).toHaveLength(1);
  });

  it("carries each cluster's policy state into the new policy where the tree allows it, else starts fresh and says so", async () => {
    const stabilized = (count: number) =>
      `{ stabilize: { scaleDownWindow: 1h, policy: { static: { manualpool2: ${count} } } } }`;
    const pod = await start(config(stabilized(5)));
    const pools = [nodePool({ name: 'manualpool2', count: 5 })];
    const now = new Date(clock.now());
    const first = pod.reloader.current().targets[0]!;
    await first.policy.evaluate({ now, cluster: first.cluster, pools });

    // The same tree with a lower count: the window's history of 5 comes along, so the scale-down is held.
    pod.file.text = config(stabilized(2));
    expect(await pod.reloader.check({ reason: 'signal' })).toBe(true);
    expect(pod.events.at(-1)).toMatchObject({ clusters: [{ state: 'carried' }] });
    const carried = pod.reloader.current().targets[0]!;
    const held = await carried.policy.evaluate({
      now: new Date(now.getTime() + 60_000),
      cluster: carried.cluster,
      pools,
    });
    expect(held.map((d) => d.count)).toEqual([5]);

    // Another tree: the saved state does not fit, and the event names the part that starts fresh.
    pod.file.text = config(`{ max: [{ static: { manualpool3: 1 } }, ${stabilized(2)}] }`);
    expect(await pod.reloader.check({ reason: 'signal' })).toBe(true);
    expect(pod.events.at(-1)).toMatchObject({
      clusters: [
        {
          state: 'fresh',
          stateIgnored: [{ path: 'policy.max', message: expect.stringMatching(/starts fresh/) }],
        },
      ],
    });
  });

  it("keeps SCALER_CONCURRENCY over the new limits.concurrency, and names the new config's warnings", async () => {
    const pod = await start(config('{ static: { manualpool2: 2 } }'), { SCALER_CONCURRENCY: '3' });
    pod.file.text = config(
      '{ static: { manualpool2: 2 } }',
      ['myManagedCluster'],
      'limits: { concurrency: 9 }\nbounds: { manualpoo3: { max: 1 } }',
    );
    expect(await pod.reloader.check({ reason: 'tick' })).toBe(true);
    expect(pod.reloader.current().concurrency).toBe(3);
    expect(pod.events.at(-1)).toMatchObject({
      kind: 'config-reloaded',
      warnings: [
        {
          path: 'bounds.manualpoo3',
          message: expect.stringMatching(/no policy in this config names manualpoo3/),
        },
      ],
    });
  });

  it('does nothing without a config file', async () => {
    const setup = await loadScalerSetup({
      ...WORKLOAD_IDENTITY,
      ...{ SUBSCRIPTION, RESOURCE_GROUP: 'rg', CLUSTER_NAME: 'aks', NODE_POOLS_AMOUNT: '{ "a": 1 }' },
    });
    const hub = createEventHub({
      logger: createPodLogger({ level: 'silent', stdout: captureJsonLines().stdout }),
    });
    const events: PodEvent[] = [];
    hub.onEvent((event) => events.push(event));
    const reloader = createConfigReloader({ setup, hub, clock, readTextFile: async () => 'x' });
    expect(await reloader.check({ reason: 'signal' })).toBe(false);
    expect(events).toEqual([]);
    expect(reloader.current().targets).toBe(setup.targets);
  });
});
