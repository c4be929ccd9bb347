import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Emulator, EmulatorClusterSpec } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capturedIo } from './helpers/captured-io.js';
import { demoCluster } from './helpers/demo-cluster.js';
import { scratchFixture } from './helpers/scratch-fixture.js';

// `plan` and `apply` in this process against the emulator (real SDK, real workload-identity exchange).
let emulator: Emulator | undefined;
const fixture = scratchFixture({ scratchPrefix: 'aks-scaler-cli-targets-' });

const CLUSTER: EmulatorClusterSpec = demoCluster([
  { name: 'nodepool1', mode: 'System', count: 1 },
  { name: 'manualpool2', mode: 'User', count: 1 },
  { name: 'batch', mode: 'User', count: 3 },
  { name: 'web', mode: 'User', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 4 },
]);

async function cli(args: string[], config?: string) {
  const env = await emulator!.workloadIdentityEnv();
  const file = join(fixture.scratch, `${Math.random().toString(36).slice(2)}.yaml`);
  if (config !== undefined) await writeFile(file, config);
  const run = capturedIo(env, { ca: emulator!.caCert });
  const code = await runCli([...args, ...(config !== undefined ? ['--config', file] : [])], run.io);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

const configOf = (policy: string, cluster = '') =>
  [
    'clusters:',
    `  - { subscription: ${emulator!.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster${cluster} }`,
    `policy: ${policy}`,
  ].join('\n');
const puts = () => emulator!.requests.filter((r) => r.method === 'PUT');

describe('aks-scaler plan and apply with stops and autoscaler ranges', () => {
  it('plans power states and ranges: table columns and --json, writing nothing', async () => {
    emulator = await fixture.startEmulator({ clusters: [CLUSTER] });
    const config = configOf('{ static: { batch: stop, web: { min: 2, max: 10 }, manualpool2: 5 } }');
    const json = await cli(['plan', '--json'], config);
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout) as { clusters: Array<{ changes: number; steps: unknown[] }> };
    expect(plan.clusters[0]?.changes).toBe(3);
    expect(plan.clusters[0]?.steps).toEqual([
      expect.objectContaining({
        pool: 'manualpool2',
        nodes: 1,
        power: 'Running',
        autoscaler: null,
        action: 'scale',
        target: '5',
        to: 5,
      }),
      expect.objectContaining({
        pool: 'batch',
        nodes: 3,
        power: 'Running',
        action: 'stop',
        target: 'stop',
        decision: { power: 'Stopped' },
        powerAfter: 'Stopped',
        operations: ['stop'],
      }),
      expect.objectContaining({
        pool: 'web',
        autoscaler: { minCount: 1, maxCount: 4 },
        action: 'bounds',
        target: '2..10',
        bounds: { minCount: 2, maxCount: 10 },
      }),
    ]);
    const table = await cli(['plan'], config);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/pool\s+│ nodes\s+│ power\s+│ autoscaler\s+│ action\s+│ target\s+│ reason/);
    expect(table.stdout).toMatch(/batch\s+│ 3 → 0\s+│ Running → Stopped\s+│ off\s+│ stop\s+│ stop\s+│/);
    expect(table.stdout).toMatch(/web\s+│ 2\s+│ Running\s+│ 1..4 → 2..10\s+│ bounds\s+│ 2..10\s+│/);
    expect(puts()).toEqual([]);
  });

  it('exits 2 from plan and apply, before any write, for a System pool to stop or a pool the cluster lacks', async () => {
    emulator = await fixture.startEmulator({ clusters: [CLUSTER] });
    const system = configOf('{ static: { nodepool1: stop, manualpool2: 3 } }');
    for (const command of ['plan', 'apply']) {
      const run = await cli([command], system);
      expect(run.code, command).toBe(2);
      expect(run.stderr).toMatch(/error \(CONFIG\): .*'nodepool1'.*is a System pool, which AKS never stops/);
    }
    const unknown = await cli(['apply', '--pools', '{ "batchh": 2, "manualpool2": 3 }']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("did you mean 'batch'?");
    const warned = await cli(['plan'], configOf('{ static: { batchh: 2 } }', ', unknownPools: warn'));
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/ignored batchh: .*did you mean 'batch'\?/);
    expect(puts()).toEqual([]);
  });

  it('applies a stop and a start with scale, with progress from the plan, and shows power and range', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5, clusters: [CLUSTER] });
    const stop = await cli(['apply', '--poll-interval', '10ms'], configOf('{ static: { batch: stop } }'));
    expect(stop.code).toBe(0);
    expect(stop.stdout).toMatch(/batch\s+3 -> stop\s+planned/);
    expect(stop.stdout).toMatch(/batch\s+3 -> stop\s+(Stopping|succeeded)/);
    expect(stop.stdout).toMatch(/│ batch\s+│ 3\s+│ 0\s+│ succeeded │ .* │ stop\s+│ Stopped\s+│ -/);
    expect(emulator.state.getPool('batch')).toMatchObject({ powerState: 'Stopped', count: 0 });
    const start = await cli(
      ['apply', '--poll-interval', '10ms', '--json'],
      configOf('{ static: { batch: 5, web: { min: 3, max: 6 } } }', ', stoppedPools: start'),
    );
    expect(start.code).toBe(0);
    const report = JSON.parse(start.stdout) as { clusters: Array<{ pools: Array<Record<string, unknown>> }> };
    expect(report.clusters[0]?.pools).toEqual([
      expect.objectContaining({
        pool: 'batch',
        action: 'start',
        operations: ['start', 'scale'],
        to: 5,
        power: 'Running',
      }),
      expect.objectContaining({ pool: 'web', action: 'bounds', bounds: { minCount: 3, maxCount: 6 } }),
    ]);
    expect(emulator.state.getPool('batch')).toMatchObject({ powerState: 'Running', count: 5 });
  });

  it('evaluates the policy once per apply: a metric source is queried once', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5, clusters: [CLUSTER] });
    let queries = 0;
    const prometheus = createServer((_request, response) => {
      queries++;
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'vector', result: [{ metric: {}, value: [0, '35'] }] },
        }),
      );
    });
    await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}`;
      const policy = `{ metric: { prometheus: { url: "${url}", query: "sum(queue)" }, pools: [manualpool2], targetPerNode: 10 } }`;
      const run = await cli(['apply', '--poll-interval', '10ms'], configOf(policy));
      expect(run.code).toBe(0);
      expect(queries).toBe(1);
      expect(run.stdout).toMatch(/manualpool2\s+1 -> 4\s+succeeded/);
      expect(emulator.state.getPool('manualpool2')?.count).toBe(4);
    } finally {
      await new Promise((resolve) => prometheus.close(resolve));
    }
  });
});
