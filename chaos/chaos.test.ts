import { spawn } from 'node:child_process';
import { request } from 'node:https';
import { fileURLToPath } from 'node:url';
import type { ClusterRef, NodePoolClient } from '@aks-scaler/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundles, buildPodBundles } from './bundle.js';
import { checkInvariants } from './invariants.js';
import { runLibraryScenario, type WrapContext } from './library-run.js';
import { runSeed } from './random.js';
import { runReplicaScenario } from './replicas-run.js';
import { type ChaosScenario, generateScenario } from './scenario.js';

// The short form of `pnpm test:chaos`: five seeded runs (three in-process, one with the bundled pod, one with two
// replicas of it electing a leader), run as the command itself so its summary line and exit code are what is
// checked.
const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));

function runSuite(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, '--conditions=source', 'chaos/main.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

const kinds = (violations: string[]) => [...new Set(violations.map((v) => v.split(':')[0]))].sort();

describe('pnpm test:chaos (short form)', () => {
  it('runs 5 seeded runs with faults and finds no invariant violation', async () => {
    const { code, stdout } = await runSuite(['--runs', '5', '--seed', '42', '--parallel', '3']);
    const lines = stdout.trim().split('\n');
    const summary = /^chaos: 5 runs, (\d+) faults injected, (\d+) invariant violations$/.exec(
      lines.at(-1) ?? '',
    );
    expect(summary, stdout).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(5);
    expect(Number(summary![2]), stdout).toBe(0);
    expect(stdout).toContain('(pod, seed');
    expect(stdout).toContain('(replicas, seed');
    expect(code).toBe(0);
  }, 180_000);

  it('refuses a bad argument with exit code 2', async () => {
    const { code, stdout } = await runSuite(['--runs', 'many']);
    expect(code).toBe(2);
    expect(stdout).toContain('--runs must be an integer');
  }, 60_000);
});

describe('the chaos harness catches a faulty client end to end', () => {
  // A clean scenario (no faults), reconciled through a client that misbehaves on purpose, against the emulator.
  const scenario = (): ChaosScenario => ({
    ...generateScenario(0, runSeed(3, 0), 'library'),
    pools: [
      { name: 'system1', mode: 'System', count: 2 },
      { name: 'user1', mode: 'User', count: 1, nodeLabels: { team: 'batch' } },
      { name: 'user2', mode: 'User', count: 1 },
    ],
    decoyPools: [{ name: 'user1', mode: 'User', count: 1 }],
    decisions: [
      { pool: 'system1', count: 0, reason: 'test' },
      { pool: 'user1', count: 3, reason: 'test' },
    ],
    faults: [],
    perturbations: [],
    dryRun: false,
    autoscalerPools: 'skip',
    operationTimeoutInMs: 20_000,
    concurrency: 1,
  });

  it('a client that writes one node too many, and scales a pool nobody named', async () => {
    const faulty = (client: NodePoolClient, { cluster }: { cluster: ClusterRef }): NodePoolClient => ({
      ...client,
      async scalePool(pool, count, options) {
        const others = await client.listPools(cluster);
        const bystander = others.find((p) => p.name === 'user2');
        if (bystander) await client.scalePool(bystander, bystander.count + 1, options);
        return client.scalePool(pool, count + 1, options);
      },
    });
    const { evidence } = await runLibraryScenario(scenario(), { wrapClient: faulty });
    expect(kinds(checkInvariants(evidence))).toEqual(['converged', 'range', 'scope']);
  }, 60_000);

  it('a client that writes without If-Match and with a partial body', async () => {
    const careless = (client: NodePoolClient, context: WrapContext): NodePoolClient => ({
      ...client,
      async scalePool(pool, count) {
        const { token } = (await context.credential.getToken('https://management.azure.com/.default'))!;
        const { cluster } = context;
        const url = `${context.armEndpoint}/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.clusterName}/agentPools/${pool.name}?api-version=2026-06-01`;
        await new Promise<void>((resolve, reject) => {
          const req = request(
            url,
            {
              method: 'PUT',
              ca: context.ca,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve());
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify({ properties: { count, mode: pool.mode } }));
        });
        const written = await client.getPool(cluster, pool.name);
        return client.waitForPool ? client.waitForPool(written) : written;
      },
    });
    const { evidence } = await runLibraryScenario(scenario(), { wrapClient: careless });
    expect(kinds(checkInvariants(evidence))).toEqual(['full-body', 'if-match']);
  }, 60_000);
});

describe('the chaos harness catches two replicas that elect no leader', () => {
  let bundles: Bundles | undefined;
  beforeAll(async () => {
    bundles = await buildPodBundles();
  }, 120_000);
  afterAll(() => bundles?.remove());

  it('SCALER_LEADER_ELECTION=off on both replicas: writes by a replica that holds no Lease', async () => {
    const scenario: ChaosScenario = {
      ...generateScenario(2, runSeed(42, 2), 'replicas'),
      pools: [
        { name: 'system1', mode: 'System', count: 1 },
        { name: 'user1', mode: 'User', count: 1 },
        { name: 'user2', mode: 'User', count: 1 },
      ],
      decoyPools: [{ name: 'user1', mode: 'User', count: 1 }],
      decisions: [
        { pool: 'user1', count: 3, reason: 'test' },
        { pool: 'user2', count: 2, reason: 'test' },
      ],
      faults: [],
      replicas: { kubernetes: [] },
    };
    const { evidence } = await runReplicaScenario(scenario, bundles!.pod, {
      env: { SCALER_LEADER_ELECTION: 'off' },
    });
    expect(kinds(checkInvariants(evidence))).toContain('one-writer');
    // The same run with the election on is clean.
    const elected = await runReplicaScenario(scenario, bundles!.pod);
    expect(checkInvariants(elected.evidence)).toEqual([]);
  }, 120_000);
});
