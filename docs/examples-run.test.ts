// Runs the library examples of docs/library.md against the emulator: the code the guide shows works as described.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ClusterRef,
  ConfigError,
  createNodePoolClient,
  isScalerError,
  type NodePoolClient,
  resolveCredential,
  type ScalerEvent,
} from '@aks-scaler/core';
import { fromNodePoolsAmount } from '@aks-scaler/policies';
import { type Emulator, runStandaloneEmulator, startEmulator } from '@aks-scaler/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileUntilShutdown } from './examples/abort.js';
import { loadConfig } from './examples/config.js';
import { plan } from './examples/dry-run.js';
import { reconcileKeepingDurations } from './examples/durations.js';
import { adviceFor, failedPools } from './examples/errors.js';
import { scaleFleet } from './examples/fleet.js';
import { applyWithPreview } from './examples/on-plan.js';
import { describeEvent } from './examples/progress.js';
import { reconcileOnce } from './examples/reconcile-once.js';

const pools = (prefix: string) => [
  { name: 'nodepool1', mode: 'System' as const, count: 1 },
  { name: 'manualpool2', count: 1 },
  { name: 'manualpool3', count: 1 },
  { name: `${prefix}auto`, count: 1, enableAutoScaling: true, minCount: 1, maxCount: 3 },
];

let emulator: Emulator;
let env: Record<string, string>;
let client: NodePoolClient;
const prod: ClusterRef = { subscriptionId: '', resourceGroup: 'prod', clusterName: 'prod' };
const staging: ClusterRef = { subscriptionId: '', resourceGroup: 'staging', clusterName: 'staging' };

beforeAll(async () => {
  emulator = await startEmulator({
    operationDurationInMs: 5,
    clusters: [
      { resourceGroup: 'prod', name: 'prod', pools: pools('p') },
      { resourceGroup: 'staging', name: 'staging', pools: pools('s') },
    ],
  });
  env = { ...(await emulator.workloadIdentityEnv()), NODE_POOLS_AMOUNT: '{ "manualpool2": 3 }' };
  prod.subscriptionId = emulator.subscriptionId;
  staging.subscriptionId = emulator.subscriptionId;
  const { credential } = resolveCredential({ env, ca: emulator.caCert });
  client = createNodePoolClient({ credential, env, ca: emulator.caCert, pollIntervalInMs: 5 });
});
afterAll(() => emulator.close());

describe('docs/library.md examples against the emulator', () => {
  it('reconcileKeepingDurations: what one run learns, the next one starts from', async () => {
    const { credential } = resolveCredential({ env, ca: emulator.caCert });
    let saved: string | undefined;
    const store = {
      load: async () => saved,
      save: async (text: string) => {
        saved = text;
      },
    };
    const options = {
      credential,
      cluster: staging,
      store,
      endpoint: emulator.armEndpoint,
      ca: emulator.caCert,
    };
    const first = await reconcileKeepingDurations({
      ...options,
      policy: fromNodePoolsAmount('{ "manualpool3": 2 }'),
    });
    expect(first.ok).toBe(true);
    const operation = emulator.state.operations.findLast((o) => o.pool === 'manualpool3');
    const state = JSON.parse(saved ?? '{}');
    expect(state.entries).toEqual([
      expect.objectContaining({
        clusterName: 'staging',
        pool: 'manualpool3',
        direction: 'up',
        samples: [
          expect.objectContaining({
            nodes: 1,
            durationInMs: (operation?.endedAt ?? 0) - (operation?.startedAt ?? 0),
          }),
        ],
      }),
    ]);
    const seen: number[] = [];
    await reconcileKeepingDurations({
      ...options,
      policy: {
        name: 'peek',
        evaluate: (ctx) => {
          seen.push(ctx.expectedOperationInMs?.('manualpool3', 2, 3) ?? -1);
          return [];
        },
      },
    });
    expect(seen).toEqual([5]);
  });

  it('reconcileOnce: Workload Identity, NODE_POOLS_AMOUNT, progress lines', async () => {
    const lines: string[] = [];
    const report = await reconcileOnce({ env, ca: emulator.caCert, log: (line) => lines.push(line) });
    expect(report.ok).toBe(true);
    expect(emulator.state.getPool('prod', 'prod', 'manualpool2')?.count).toBe(3);
    expect(lines[0]).toContain('Workload Identity');
    expect(lines).toContain('manualpool2: scale 1 -> 3 (NODE_POOLS_AMOUNT manualpool2=3; scale 1 -> 3)');
    expect(lines).toContain('manualpool2: now 3 nodes');
  });

  it('describeEvent: one line per event type', async () => {
    const events: ScalerEvent[] = [];
    const { reconcile } = await import('@aks-scaler/core');
    await reconcile({
      client,
      cluster: prod,
      policy: fromNodePoolsAmount('{ "manualpool3": 2, "pauto": 2, "absent": 1 }'),
      onEvent: (event) => events.push(event),
    });
    const lines = events.map(describeEvent);
    expect(lines.some((line) => / manualpool3 started: 1 -> 2$/.test(line))).toBe(true);
    expect(lines.some((line) => / manualpool3 succeeded: 2 nodes after \d+ ms$/.test(line))).toBe(true);
    expect(lines.some((line) => / pauto skipped: /.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/ finished: converged$/);
  });

  it('plan: a dry run writes nothing', async () => {
    const before = emulator.requests.filter((r) => r.method === 'PUT').length;
    const lines = await plan(client, prod, fromNodePoolsAmount('{ "manualpool2": 7 }'));
    expect(lines).toEqual([
      'manualpool2 scale 3 -> 7 [planned]: NODE_POOLS_AMOUNT manualpool2=7; scale 3 -> 7',
    ]);
    expect(emulator.requests.filter((r) => r.method === 'PUT').length).toBe(before);
  });

  it('reconcileUntilShutdown: after SIGTERM nothing new starts', async () => {
    const shutdown = new AbortController();
    shutdown.abort();
    const report = await reconcileUntilShutdown(client, prod, fromNodePoolsAmount('{ "manualpool2": 9 }'), {
      shutdownSignal: shutdown.signal,
    });
    expect(report.pools.map((p) => [p.pool, p.outcome, p.error?.code])).toEqual([
      ['manualpool2', 'failed', 'ABORTED'],
    ]);
    expect(emulator.state.getPool('prod', 'prod', 'manualpool2')?.count).toBe(3);
  });

  it('errors: codes map to advice and exit codes; pool failures are in the report', async () => {
    let thrown: unknown;
    try {
      fromNodePoolsAmount('{ manualpool2: 5 }');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(adviceFor(thrown).exitCode).toBe(2);
    emulator.faults.inject({ kind: 'operation-fails', pool: 'manualpool2', code: 'QuotaExceeded' });
    const { reconcile } = await import('@aks-scaler/core');
    const report = await reconcile({
      client,
      cluster: prod,
      policy: fromNodePoolsAmount('{ "manualpool2": 4 }'),
    });
    expect(failedPools(report)).toEqual([
      expect.stringMatching(/^manualpool2: OPERATION_FAILED .*QuotaExceeded/),
    ]);
    await expect(
      reconcile({ client, cluster: { ...prod, clusterName: 'nope' }, policy: fromNodePoolsAmount('{}') }),
    ).rejects.toSatisfy(
      (error) =>
        isScalerError(error) && error.code === 'CLUSTER_NOT_FOUND' && adviceFor(error).exitCode === 2,
    );
  });

  it('scaleFleet: two clusters, one limit', async () => {
    const report = await scaleFleet(client, prod, staging);
    expect(report.ok).toBe(true);
    expect(report.clusters.map((c) => c.cluster.clusterName)).toEqual(['prod', 'staging']);
    expect(emulator.state.getPool('prod', 'prod', 'manualpool2')?.count).toBe(5);
    expect([0, 2]).toContain(emulator.state.getPool('staging', 'staging', 'manualpool2')?.count);
  });

  it('loadConfig: the config of the preview chart', async () => {
    const { clusters, policy, concurrency } = await loadConfig(
      join(import.meta.dirname, 'examples', 'scaler-config.yaml'),
    );
    expect(clusters).toEqual([
      {
        cluster: {
          subscriptionId: '00000000-0000-0000-0000-000000000000',
          resourceGroup: 'myResourceGroup',
          clusterName: 'myManagedCluster',
        },
        autoscalerPools: 'skip',
      },
    ]);
    expect(concurrency).toBe(4);
    const decisions = await policy.evaluate({
      now: new Date('2026-12-24T10:00:00+01:00'),
      cluster: clusters[0]!.cluster,
      pools: [],
    });
    expect(Object.fromEntries(decisions.map((d) => [d.pool, d.count]))).toEqual({
      manualpool2: 0,
      manualpool3: 1,
    });
  });

  it('applyWithPreview: the plan of the one evaluation first; an unknown pool or a no stops it before any write', async () => {
    const lines: string[] = [];
    const report = await applyWithPreview(client, prod, fromNodePoolsAmount('{ "manualpool3": 4 }'), {
      show: (line) => lines.push(line),
    });
    expect(report.ok).toBe(true);
    expect(lines).toEqual(['manualpool3: scale 5 -> 4 (NODE_POOLS_AMOUNT manualpool3=4; scale 5 -> 4)']);
    const puts = () => emulator.requests.filter((r) => r.method === 'PUT').length;
    const before = puts();
    await expect(
      applyWithPreview(client, prod, fromNodePoolsAmount('{ "manualpool2": 1, "manualpool9": 1 }'), {
        show: () => undefined,
      }),
    ).rejects.toThrow(/no pool named 'manualpool9'; did you mean 'manualpool2'\?/);
    await expect(
      applyWithPreview(client, prod, fromNodePoolsAmount('{ "manualpool2": 1 }'), {
        show: () => undefined,
        confirm: () => false,
      }),
    ).rejects.toThrow(/not confirmed; nothing was written/);
    expect(puts()).toBe(before);
  });
});

describe('docs/emulator.md', () => {
  it('shows the JSON line `pnpm emulator` prints, with every field', async () => {
    const guide = readFileSync(join(import.meta.dirname, 'emulator.md'), 'utf8');
    const shown = JSON.parse(/```json\n(\{.*\})\n```/.exec(guide)?.[1] ?? '{}') as Record<string, unknown>;
    const stop = new AbortController();
    let printed = '';
    await runStandaloneEmulator({
      out: {
        write: (text: string) => {
          printed += text;
          stop.abort();
        },
      },
      handleSignals: false,
      abortSignal: stop.signal,
    });
    const line = JSON.parse(printed) as Record<string, unknown>;
    expect(Object.keys(shown)).toEqual(Object.keys(line));
    for (const key of [
      'tenantId',
      'clientId',
      'subscriptionId',
      'resourceGroup',
      'clusterName',
      'location',
    ]) {
      expect(shown[key], key).toBe(line[key]);
    }
  });
});
