import type { Emulator, EmulatorClusterSpec } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { runScalerPod } from '../src/index.js';
import { demoCluster } from './helpers/demo-cluster.js';
import { captureJsonLines } from './helpers/json-lines.js';
import { scratchFixture } from './helpers/scratch-fixture.js';

// The pod in this process, once mode (real SDK, real workload-identity exchange, the emulator over TLS).
let emulator: Emulator | undefined;
const fixture = scratchFixture();

const CLUSTER: EmulatorClusterSpec = demoCluster(
  [
    { name: 'nodepool1', mode: 'System', count: 1 },
    { name: 'manualpool2', mode: 'User', count: 1 },
    { name: 'batch', mode: 'User', count: 3 },
    { name: 'web', mode: 'User', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 4 },
  ],
  { location: 'westeurope' },
);

async function runOnce(em: Emulator, env: NodeJS.ProcessEnv, config?: string) {
  const { stdout, lines } = captureJsonLines();
  const code = await runScalerPod({
    env: { ...(await em.workloadIdentityEnv()), SCALER_POLL_INTERVAL: '20ms', ...env },
    stdout,
    ca: em.caCert,
    ...(config !== undefined && { readTextFile: async () => config }),
  });
  await new Promise((resolve) => setImmediate(resolve));
  return { code, lines };
}

const configOf = (em: Emulator, cluster: string, policy: string) =>
  [
    'clusters:',
    `  - { subscription: ${em.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster${cluster} }`,
    `policy: ${policy}`,
  ].join('\n');
const puts = (em: Emulator) => em.requests.filter((r) => r.method === 'PUT');
const poolLists = (em: Emulator) =>
  em.requests.filter((r) => r.method === 'GET' && /agentPools$/.test(r.path));
const failure = (lines: Array<Record<string, unknown>>) => lines.find((l) => l.msg === 'reconcile failed');

describe('the pod: targets beyond a count, and pools that do not exist', () => {
  it('stops a pool, sets an autoscaler range and starts nothing it was not asked to, exit 0', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5, clusters: [CLUSTER] });
    const config = configOf(
      emulator,
      '',
      '{ static: { batch: stop, web: { min: 2, max: 10 }, manualpool2: 2 } }',
    );
    const { code, lines } = await runOnce(emulator, { SCALER_CONFIG: '/etc/scaler.yaml' }, config);
    expect(code).toBe(0);
    expect(emulator.state.getPool('batch')).toMatchObject({ powerState: 'Stopped', count: 0 });
    expect(emulator.state.getPool('web')).toMatchObject({
      minCount: 2,
      maxCount: 10,
      enableAutoScaling: true,
    });
    expect(emulator.state.getPool('manualpool2')?.count).toBe(2);
    const summary = lines.find((l) => l.event === 'finished') as { pools: Array<Record<string, unknown>> };
    expect(summary.pools.map((p) => [p.pool, p.action, p.outcome, p.power])).toEqual([
      ['manualpool2', 'scale', 'succeeded', 'Running'],
      ['batch', 'stop', 'succeeded', 'Stopped'],
      ['web', 'bounds', 'succeeded', 'Running'],
    ]);
  });

  it("starts a stopped pool for a count with the cluster's stoppedPools: start", async () => {
    const stopped = {
      ...CLUSTER,
      pools: CLUSTER.pools.map((p) => (p.name === 'batch' ? { ...p, powerState: 'Stopped' as const } : p)),
    };
    emulator = await fixture.startEmulator({ operationDurationInMs: 5, clusters: [stopped] });
    const config = configOf(emulator, ', stoppedPools: start', '{ static: { batch: 5 } }');
    const { code } = await runOnce(emulator, { SCALER_CONFIG: '/etc/scaler.yaml' }, config);
    expect(code).toBe(0);
    expect(emulator.state.getPool('batch')).toMatchObject({ powerState: 'Running', count: 5 });
    expect(puts(emulator)).toHaveLength(2); // the start, then the scale
  });

  it('fails with exit 2 after reading the pools and before any write when the config stops a System pool', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5, clusters: [CLUSTER] });
    const config = configOf(emulator, '', '{ static: { nodepool1: stop, manualpool2: 4 } }');
    const { code, lines } = await runOnce(emulator, { SCALER_CONFIG: '/etc/scaler.yaml' }, config);
    expect(code).toBe(2);
    expect(poolLists(emulator)).toHaveLength(1);
    expect(puts(emulator)).toEqual([]);
    expect(failure(lines)).toMatchObject({ err: { code: 'CONFIG' } });
    expect(JSON.stringify(failure(lines))).toMatch(/'nodepool1'.*is a System pool, which AKS never stops/);
  });

  it('refuses a range with min above max when the config is read, before any request, naming its path', async () => {
    emulator = await fixture.startEmulator({ clusters: [CLUSTER] });
    const config = configOf(emulator, '', '{ static: { web: { min: 5, max: 2 } } }');
    const { code, lines } = await runOnce(emulator, { SCALER_CONFIG: '/etc/scaler.yaml' }, config);
    expect(code).toBe(2);
    const fatal = lines.find((l) => l.msg === 'configuration is invalid; nothing was sent to Azure') as {
      issues: Array<{ path: string; message: string }>;
    };
    expect(fatal.issues).toEqual([
      expect.objectContaining({
        path: 'policy.static.web',
        message: expect.stringMatching(/^min 5 is greater than max 2: an autoscaler range needs min <= max/),
      }),
    ]);
    expect(emulator.requests.filter((r) => r.target === 'arm')).toEqual([]);
  });

  it('fails with exit 2 before any write for a pool the cluster lacks, naming the closest pool', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5 });
    const { code, lines } = await runOnce(emulator, {
      NODE_POOLS_AMOUNT: '{ "manualpool9": 5, "manualpool3": 2 }',
    });
    expect(code).toBe(2);
    expect(puts(emulator)).toEqual([]);
    expect(JSON.stringify(failure(lines))).toContain("did you mean 'manualpool2'?");
    expect(emulator.state.getPool('manualpool3')?.count).toBe(1);
  });

  it('skips such a pool with a warning under SCALER_UNKNOWN_POOLS=warn, and the config per cluster beats it', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5 });
    const warned = await runOnce(emulator, {
      NODE_POOLS_AMOUNT: '{ "manualpool9": 5, "manualpool3": 2 }',
      SCALER_UNKNOWN_POOLS: 'warn',
    });
    expect(warned.code).toBe(0);
    expect(emulator.state.getPool('manualpool3')?.count).toBe(2);
    const config = configOf(emulator, ', unknownPools: error', '{ static: { manualpool9: 5 } }');
    const strict = await runOnce(
      emulator,
      { SCALER_CONFIG: '/etc/scaler.yaml', SCALER_UNKNOWN_POOLS: 'warn' },
      config,
    );
    expect(strict.code).toBe(2);
    const lenient = await runOnce(
      emulator,
      { SCALER_CONFIG: '/etc/scaler.yaml' },
      config.replace('error', 'warn'),
    );
    expect(lenient.code).toBe(0);
    expect(puts(emulator)).toHaveLength(1);
  });

  it('refuses a SCALER_UNKNOWN_POOLS that is neither error nor warn, before any request', async () => {
    emulator = await fixture.startEmulator();
    const { code, lines } = await runOnce(emulator, {
      NODE_POOLS_AMOUNT: '{ "manualpool2": 2 }',
      SCALER_UNKNOWN_POOLS: 'ignore',
    });
    expect(code).toBe(2);
    expect(JSON.stringify(lines)).toContain('SCALER_UNKNOWN_POOLS');
    expect(JSON.stringify(lines)).toContain('\\"ignore\\" is not a choice; use error');
    expect(emulator.requests.filter((r) => r.target === 'arm')).toEqual([]);
  });
});
