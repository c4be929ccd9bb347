import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_CLIENT_ID, type Emulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { bundledFixture } from './helpers/bundled-fixture.js';
import { startNode } from './helpers/processes.js';
import { JWT_PATTERN, SEED_NODE_POOLS_AMOUNT, waitUntil } from './helpers/wait.js';

// The bundled pod (`node scaler-pod.js`, from a folder with no node_modules) against the emulator over TLS, with
// the seed's variables and the real workload-identity exchange.
let emulator: Emulator | undefined;
const bundled = bundledFixture({ scratchPrefix: 'aks-scaler-pod-test-' });

async function seedEnv(em: Emulator, extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  return {
    ...(await em.workloadIdentityEnv()),
    NODE_POOLS_AMOUNT: SEED_NODE_POOLS_AMOUNT,
    SCALER_POLL_INTERVAL: '20ms',
    ...extra,
  };
}

const summaryOf = (json: Array<Record<string, unknown>>) =>
  json.find((line) => line.msg === 'reconcile finished');
const puts = (em: Emulator) => em.requests.filter((r) => r.method === 'PUT');

describe('scaler-pod.js (once mode)', () => {
  it("scales the seed's pools to 5 concurrently and exits 0", async () => {
    emulator = await bundled.startEmulator({ operationDurationInMs: 800 });
    const pod = startNode(bundled.pod, [], await seedEnv(emulator));
    expect(await pod.exit()).toBe(0);

    expect(emulator.state.getPool('manualpool2')).toMatchObject({ count: 5, provisioningState: 'Succeeded' });
    expect(emulator.state.getPool('manualpool3')).toMatchObject({ count: 5, provisioningState: 'Succeeded' });
    expect(emulator.state.getPool('nodepool1')).toMatchObject({ count: 1 });
    const [a, b] = emulator.state.operations;
    expect(emulator.state.operations).toHaveLength(2);
    expect(a!.startedAt).toBeLessThan(b!.endedAt!);
    expect(b!.startedAt).toBeLessThan(a!.endedAt!);
    expect(emulator.state.maxInFlightObserved).toBe(2);
    for (const put of puts(emulator)) expect(put.ifMatch).toBeTruthy();

    const summary = summaryOf(pod.json);
    expect(summary).toMatchObject({ ok: true, dryRun: false, durationInMs: expect.any(Number) });
    expect(summary?.pools).toEqual([
      expect.objectContaining({ pool: 'manualpool2', from: 1, to: 5, action: 'scale', outcome: 'succeeded' }),
      expect.objectContaining({ pool: 'manualpool3', from: 1, to: 5, action: 'scale', outcome: 'succeeded' }),
    ]);
    expect(pod.json.find((l) => l.msg === 'scaler starting')?.credential).toMatch(/workload/i);
    expect(pod.lines.every((line) => JWT_PATTERN.test(line) === false)).toBe(true);
    expect(pod.json.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
    expect(pod.stderr()).toBe('');
  });

  it('exits 2 before any request when NODE_POOLS_AMOUNT is a YAML map, listing every problem', async () => {
    emulator = await bundled.startEmulator();
    const env = await seedEnv(emulator, {
      NODE_POOLS_AMOUNT: '{ manualpool2: 5, manualpool3: 5 }',
      SCALER_MODE: 'sometimes',
      SCALER_CONCURRENCY: 'many',
    });
    const pod = startNode(bundled.pod, [], env);
    expect(await pod.exit()).toBe(2);
    expect(emulator.requests).toEqual([]);
    const fatal = pod.json.find((l) => l.level === 'fatal');
    const issues = fatal?.issues as Array<{ path: string; message: string }>;
    expect(issues.map((i) => i.path).sort()).toEqual([
      'NODE_POOLS_AMOUNT',
      'SCALER_CONCURRENCY',
      'SCALER_MODE',
    ]);
    expect(issues.find((i) => i.path === 'NODE_POOLS_AMOUNT')?.message).toContain(
      `value: '{ "manualpool2": 5, "manualpool3": 5 }'`,
    );
  });

  it('exits 3 when the service account is not the federated subject, without leaking a token', async () => {
    emulator = await bundled.startEmulator();
    const tokenFile = join(bundled.scratch, 'intruder-token');
    await writeFile(tokenFile, await emulator.issueServiceAccountToken('default', 'intruder'));
    const pod = startNode(
      bundled.pod,
      [],
      await seedEnv(emulator, { AZURE_FEDERATED_TOKEN_FILE: tokenFile }),
    );
    expect(await pod.exit()).toBe(3);
    expect(puts(emulator)).toEqual([]);
    const failure = pod.json.find((l) => l.msg === 'reconcile failed');
    expect(failure?.error).toMatchObject({ code: 'AUTHENTICATION' });
    expect(pod.lines.every((line) => JWT_PATTERN.test(line) === false)).toBe(true);
  });

  it('exits 3 when RBAC denies writing agent pools, naming the missing action', async () => {
    emulator = await bundled.startEmulator({
      operationDurationInMs: 50,
      rbac: {
        [DEFAULT_CLIENT_ID]: [
          'Microsoft.ContainerService/managedClusters/read',
          'Microsoft.ContainerService/managedClusters/agentPools/read',
        ],
      },
    });
    const pod = startNode(bundled.pod, [], await seedEnv(emulator));
    expect(await pod.exit()).toBe(3);
    expect(emulator.state.getPool('manualpool2')?.count).toBe(1);
    expect(pod.lines.join('\n')).toContain('Microsoft.ContainerService/managedClusters/agentPools/write');
  });

  it('exits 1 when an operation fails, and still converges the other pool', async () => {
    emulator = await bundled.startEmulator({ operationDurationInMs: 50 });
    emulator.faults.inject({
      kind: 'operation-fails',
      method: 'PUT',
      pool: 'manualpool3',
      code: 'QuotaExceeded',
    });
    const pod = startNode(bundled.pod, [], await seedEnv(emulator));
    expect(await pod.exit()).toBe(1);
    const summary = summaryOf(pod.json);
    expect(summary).toMatchObject({ ok: false });
    expect(summary?.pools).toEqual([
      expect.objectContaining({ pool: 'manualpool2', outcome: 'succeeded' }),
      expect.objectContaining({ pool: 'manualpool3', outcome: 'failed', error: expect.any(Object) }),
    ]);
    expect(emulator.state.getPool('manualpool2')?.count).toBe(5);
  });

  it('plans without writing in a dry run, and warns when LOCATION is not the cluster region', async () => {
    emulator = await bundled.startEmulator();
    const pod = startNode(
      bundled.pod,
      [],
      await seedEnv(emulator, { SCALER_DRY_RUN: 'true', LOCATION: 'East US' }),
    );
    expect(await pod.exit()).toBe(0);
    expect(puts(emulator)).toEqual([]);
    expect(pod.json.find((l) => l.level === 'warn')).toMatchObject({
      expected: 'East US',
      actual: 'westeurope',
    });
    expect(summaryOf(pod.json)).toMatchObject({
      ok: true,
      dryRun: true,
      pools: [
        expect.objectContaining({ pool: 'manualpool2', outcome: 'planned', to: 5 }),
        expect.objectContaining({ pool: 'manualpool3', outcome: 'planned', to: 5 }),
      ],
    });
  });

  it('reads clusters and policy from SCALER_CONFIG, and lists every problem of a bad one', async () => {
    emulator = await bundled.startEmulator();
    const good = join(bundled.scratch, 'scaler.yaml');
    await writeFile(
      good,
      [
        'clusters:',
        `  - { subscription: ${emulator.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
        'policy:',
        '  max:',
        '    - static: { manualpool2: 3 }',
        '    - schedule: { timezone: Europe/Berlin, rules: [{ when: "* 00:00-24:00", counts: { manualpool3: 4 } }] }',
        'limits: { concurrency: 2 }',
      ].join('\n'),
    );
    const { SUBSCRIPTION: _, RESOURCE_GROUP: __, CLUSTER_NAME: ___, ...identity } = await seedEnv(emulator);
    const pod = startNode(bundled.pod, [], { ...identity, SCALER_CONFIG: good, SCALER_DRY_RUN: 'true' });
    expect(await pod.exit()).toBe(0);
    expect(pod.json.find((l) => l.msg === 'scaler starting')).toMatchObject({ concurrency: 2 });
    expect(
      pod.json.some((l) => l.level === 'warn' && /NODE_POOLS_AMOUNT is ignored/.test(String(l.msg))),
    ).toBe(true);
    expect(summaryOf(pod.json)?.pools).toEqual([
      expect.objectContaining({ pool: 'manualpool2', to: 3, outcome: 'planned' }),
      expect.objectContaining({ pool: 'manualpool3', to: 4, outcome: 'planned' }),
    ]);

    const bad = join(bundled.scratch, 'bad.yaml');
    await writeFile(
      bad,
      'clusters: []\npolicy: { static: { Manual_Pool: 5 } }\nlimits: { concurrency: 0 }\n',
    );
    const requestsBefore = emulator.requests.length;
    const failing = startNode(bundled.pod, [], { ...identity, SCALER_CONFIG: bad });
    expect(await failing.exit()).toBe(2);
    const issues = failing.json.find((l) => l.level === 'fatal')?.issues as unknown[];
    expect(issues.length).toBeGreaterThanOrEqual(3);
    expect(emulator.requests).toHaveLength(requestsBefore);
  });

  it('on SIGTERM in once mode, lets the running operation finish and starts nothing new', async () => {
    emulator = await bundled.startEmulator({ operationDurationInMs: 50 });
    const em = emulator;
    em.faults.inject({ kind: 'operation-never-ends', method: 'PUT' });
    const pod = startNode(bundled.pod, [], await seedEnv(em, { SCALER_CONCURRENCY: '1' }));
    await waitUntil(() => em.state.inFlight() === 1, 'the first operation to run');
    pod.child.kill('SIGTERM');
    await pod.waitForJson((l) => typeof l.msg === 'string' && l.msg.startsWith('stopping'));
    em.state.finishOperation(em.state.operations[0]!.id);
    expect(await pod.exit()).toBe(0);
    expect(puts(em)).toHaveLength(1);
    const pools = summaryOf(pod.json)?.pools as Array<{ outcome: string; error?: { code: string } }>;
    expect(pools.map((p) => p.outcome).sort()).toEqual(['failed', 'succeeded']);
    expect(pools.find((p) => p.outcome === 'failed')?.error?.code).toBe('ABORTED');
  });

  it('after SCALER_SHUTDOWN_TIMEOUT, exits without waiting longer; the operation goes on in Azure', async () => {
    emulator = await bundled.startEmulator({ operationDurationInMs: 50 });
    const em = emulator;
    em.faults.inject({ kind: 'operation-never-ends', method: 'PUT', times: 2 });
    const pod = startNode(bundled.pod, [], await seedEnv(em, { SCALER_SHUTDOWN_TIMEOUT: '100ms' }));
    await waitUntil(() => em.state.inFlight() === 2, 'both operations to run');
    pod.child.kill('SIGTERM');
    expect(await pod.exit()).toBe(0);
    expect(em.state.inFlight()).toBe(2);
    expect(pod.json.at(-1)?.msg).toBe('scaler stopped');
  });

  it('after a restart, waits for pools still mid-operation instead of writing over them', async () => {
    emulator = await bundled.startEmulator({ operationDurationInMs: 50 });
    const em = emulator;
    // Both operations run until the test ends them: the first pod is killed while they are surely in flight.
    em.faults.inject({ kind: 'operation-never-ends', method: 'PUT', times: 2 });
    const env = await seedEnv(em);
    const first = startNode(bundled.pod, [], env);
    await waitUntil(() => em.state.inFlight() === 2, 'both operations to run');
    first.child.kill('SIGKILL');
    await first.exit();

    const second = startNode(bundled.pod, [], env);
    for (const pool of ['manualpool2', 'manualpool3']) {
      await second.waitForJson((l) => l.event === 'waiting' && l.pool === pool);
    }
    for (const operation of em.state.operations) em.state.finishOperation(operation.id);
    expect(await second.exit()).toBe(0);
    expect(puts(em)).toHaveLength(2); // only the first pod's
    expect(em.requests.filter((r) => r.status === 409)).toEqual([]);
    expect(summaryOf(second.json)).toMatchObject({ ok: true });
    expect(em.state.getPool('manualpool2')).toMatchObject({ count: 5, provisioningState: 'Succeeded' });
  });
});
