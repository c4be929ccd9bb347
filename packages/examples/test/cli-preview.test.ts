import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SUBSCRIPTION_ID, type Emulator, startEmulator } from '@aks-scaler/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capturedIo } from './helpers/captured-io.js';
import { type RetailPricesServer, startRetailPricesServer } from './helpers/retail-prices-server.js';
import { JWT_PATTERN } from './helpers/wait.js';

// manualpool2: 10 nodes on weekdays 07:30-20:30 Berlin time, 1 otherwise. manualpool3: an opinion on Sundays
// only, 1 node 01:00-04:00 and 4 the rest of the day. The spring-forward week (Mon 23 Mar 2026) has 167 hours
// and its Sunday 23; the numbers below are derived in src/cli/preview/savings.test.ts:
// manualpool2 752 of 1670 node-hours (saves 918), manualpool3 86 of 92 (saves 6), total 838 of 1762 (saves 924).
const CONFIG = `
clusters:
  - subscription: ${DEFAULT_SUBSCRIPTION_ID}
    resourceGroup: myResourceGroup
    name: myManagedCluster
policy:
  schedule:
    timezone: Europe/Berlin
    rules:
      - { when: "Mon-Fri 07:30-20:30", counts: { manualpool2: 10 } }
      - { when: "Sun 01:00-04:00", counts: { manualpool3: 1 } }
      - { when: "Sun 00:00-24:00", counts: { manualpool3: 4 } }
    otherwise: { manualpool2: 1 }
`;
const SPRING = ['--from', '2026-03-23', '--timezone', 'Europe/Berlin', '--step', '15m'];

let folder: string;
let configFile: string;
let pricesFile: string;
let prices: RetailPricesServer;
let emulator: Emulator | undefined;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'aks-scaler-preview-test-'));
  configFile = join(folder, 'scaler.yaml');
  await writeFile(configFile, CONFIG);
  // The prices file as `aks-scaler prices` writes it, from a local API serving Spot, Low Priority, Windows,
  // DevTest, Reservation and other-region rows around the right ones (D2s v5 0.096, D4s v5 0.192).
  prices = await startRetailPricesServer();
  pricesFile = join(folder, 'prices.json');
  const run = capturedIo();
  const args = ['prices', '--region', 'westeurope', '--sizes', 'Standard_D2s_v5,Standard_D4s_v5'];
  expect(await runCli([...args, '--endpoint', prices.endpoint, '--out', pricesFile], run.io)).toBe(0);
});
afterAll(() => prices.close());
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function preview(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  extra: Parameters<typeof capturedIo>[1] = {},
) {
  const run = capturedIo(env, extra);
  const code = await runCli(['preview', ...args], run.io);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

interface PreviewJson {
  from: string;
  to: string;
  hours: number;
  region?: string;
  savings: {
    baseline: string | number;
    pools: Array<Record<string, unknown>>;
    total: Record<string, unknown>;
  };
}

describe('aks-scaler preview: savings and cost', () => {
  it('measures node-hours over local days: the spring-forward week has 167 hours', async () => {
    const { code, stdout } = await preview(['--json', '--config', configFile, ...SPRING]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as PreviewJson;
    expect([json.from, json.to, json.hours]).toEqual([
      '2026-03-22T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
      167,
    ]);
    expect(json.savings.baseline).toBe('max');
    expect(
      json.savings.pools.map((p) => [p.pool, p.nodeHours, p.baselineNodeHours, p.savedNodeHours]),
    ).toEqual([
      ['manualpool2', 752, 1670, 918],
      ['manualpool3', 86, 92, 6],
    ]);
    expect(json.savings.total).toEqual({
      nodeHours: 838,
      baselineNodeHours: 1762,
      savedNodeHours: 924,
      savedPercent: 52.4,
    });
  });

  it('and the fall-back week 169, in the table too', async () => {
    // manualpool2 650 + 104 = 754 of 1690, manualpool3 88 of 100 (its Sunday has 25 hours).
    const { code, stdout } = await preview([
      '--config',
      configFile,
      '--from',
      '2026-10-19',
      '--timezone',
      'Europe/Berlin',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('(169 h in Europe/Berlin)');
    expect(stdout).toMatch(/│ manualpool2 │ 10\s+│ 169\s+│ 754\s+│ 1,690\s+│ 936\s+│ 55\.4% │/);
    expect(stdout).toMatch(/│ manualpool3 │ 4\s+│ 25\s+│ 88\s+│ 100\s+│ 12\s+│ 12\.0% │/);
    expect(stdout).toMatch(/│ total\s+│\s+│\s+│ 842\s+│ 1,790\s+│ 948\s+│ 53\.0% │/);
    expect(stdout).toContain('spans without one');
  });

  it('starts on the last Monday in --timezone by default, from the injected clock', async () => {
    const now = () => new Date('2026-03-29T12:00:00Z'); // Sun 29 Mar, 14:00 CEST
    const { stdout } = await preview(
      ['--json', '--pools', '{ "manualpool2": 2 }', '--timezone', 'Europe/Berlin'],
      {},
      { now },
    );
    const json = JSON.parse(stdout) as PreviewJson;
    expect([json.from, json.hours]).toEqual(['2026-03-22T23:00:00.000Z', 167]);
    expect(json.savings.pools[0]).toMatchObject({
      nodeHours: 334,
      baselineNodeHours: 334,
      savedNodeHours: 0,
    });
  });

  it('costs the node-hours offline from --prices, --vm-size and --region', async () => {
    const { code, stdout } = await preview([
      '--json',
      '--config',
      configFile,
      ...SPRING,
      '--prices',
      pricesFile,
      '--vm-size',
      'manualpool2=Standard_D2s_v5',
      '--vm-size',
      'manualpool3=Standard_D4s_v5',
      '--region',
      'West Europe',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as PreviewJson;
    expect(json.region).toBe('westeurope');
    // manualpool2: 752 * 0.096 = 72.19 of 1670 * 0.096 = 160.32, saves 88.13.
    // manualpool3: 86 * 0.192 = 16.51 of 92 * 0.192 = 17.66, saves 1.15.
    const costs = json.savings.pools.map((p) => [
      p.vmSize,
      p.hourlyPrice,
      p.cost,
      p.baselineCost,
      p.savedCost,
    ]);
    expect(costs).toEqual([
      ['Standard_D2s_v5', 0.096, 72.19, 160.32, 88.13],
      ['Standard_D4s_v5', 0.192, 16.51, 17.66, 1.15],
    ]);
    // Total: 72.19 + 16.51 = 88.70 of 160.32 + 17.66 = 177.98, saves 89.28.
    expect(json.savings.total).toMatchObject({
      cost: 88.7,
      baselineCost: 177.98,
      savedCost: 89.28,
      currency: 'USD',
    });
  });

  it('reports a VM size without a price row instead of pricing it at 0, and the total says which pool', async () => {
    const args = ['--config', configFile, ...SPRING, '--prices', pricesFile, '--region', 'westeurope'];
    const sizes = ['--vm-size', 'manualpool2=Standard_D2s_v5', '--vm-size', 'manualpool3=Standard_E2s_v5'];
    const json = JSON.parse((await preview(['--json', ...args, ...sizes])).stdout) as PreviewJson;
    expect(json.savings.pools[1]).toMatchObject({
      vmSize: 'Standard_E2s_v5',
      priceMissing: expect.stringContaining('Standard_E2s_v5'),
    });
    expect(json.savings.pools[1]).not.toHaveProperty('cost');
    expect(json.savings.total).toMatchObject({ unpricedPools: ['manualpool3'] });
    expect(json.savings.total).not.toHaveProperty('cost');
    const table = (await preview([...args, ...sizes])).stdout;
    expect(table).toMatch(/│ manualpool3 │ Standard_E2s_v5 │ no price/);
    expect(table).toContain('No total cost: manualpool3 has no price.');
  });

  it('reads current counts, VM sizes and the region from the cluster', async () => {
    emulator = await startEmulator({
      operationDurationInMs: 5,
      clusters: [
        {
          resourceGroup: 'myResourceGroup',
          name: 'myManagedCluster',
          location: 'westeurope',
          pools: [
            { name: 'nodepool1', mode: 'System', count: 1 },
            { name: 'manualpool2', count: 5, vmSize: 'Standard_D2s_v5' },
            { name: 'manualpool3', count: 3, powerState: 'Stopped', vmSize: 'Standard_D4s_v5' },
          ],
        },
      ],
    });
    const env = await emulator.workloadIdentityEnv();
    const args = [
      '--json',
      '--config',
      configFile,
      ...SPRING,
      '--baseline',
      'current',
      '--prices',
      pricesFile,
    ];
    const { code, stdout, stderr } = await preview(args, env, { ca: emulator.caCert });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as PreviewJson;
    expect(json.region).toBe('westeurope');
    // manualpool2 runs 5 nodes now: 5 * 167 = 835 node-hours, saves 83 (9.9 %), 80.16 - 72.19 = 7.97 USD.
    // manualpool3 is stopped: 0 nodes, so the Sunday schedule costs 86 node-hours more (no percent of nothing).
    expect(json.savings.pools).toMatchObject([
      {
        pool: 'manualpool2',
        baselineCount: 5,
        baselineNodeHours: 835,
        savedNodeHours: 83,
        savedPercent: 9.9,
      },
      {
        pool: 'manualpool3',
        baselineCount: 0,
        baselineNodeHours: 0,
        savedNodeHours: -86,
        savedPercent: null,
      },
    ]);
    expect(json.savings.pools.map((p) => [p.vmSize, p.baselineCost, p.savedCost])).toEqual([
      ['Standard_D2s_v5', 80.16, 7.97],
      ['Standard_D4s_v5', 0, -16.51],
    ]);
    expect(`${stdout}${stderr}`).not.toMatch(JWT_PATTERN);
    // Only reads: the pools and the managed cluster (and the token exchange).
    expect(emulator.requests.filter((r) => r.target === 'arm').map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('names the flags to add when --baseline current or --prices has no cluster to read', async () => {
    const current = await preview(['--pools', '{ "manualpool2": 2 }', '--baseline', 'current']);
    expect(current.code).toBe(2);
    expect(current.stderr).toContain(
      'preview: --baseline current needs the cluster: add --subscription <id> --resource-group <name> --cluster <name>',
    );
    expect(current.stderr).toContain('use --baseline max or a node count');
    const sized = await preview(['--pools', '{ "manualpool2": 2 }', '--prices', pricesFile]);
    expect(sized.code).toBe(2);
    expect(sized.stderr).toContain('--prices needs the cluster');
    expect(sized.stderr).toContain('--vm-size manualpool2=<size> and --region <region>');
  });

  it('lists every bad option at once, naming what was typed', async () => {
    const { code, stdout } = await preview([
      '--json',
      '--pools',
      '{ "manualpool2": 2 }',
      '--baseline',
      'most',
      '--vm-size',
      'manualpool2:Standard_D2s_v5',
      '--region',
      'west_europe!',
      '--from',
      'someday',
    ]);
    expect(code).toBe(2);
    const error = (JSON.parse(stdout) as { error: { issues: Array<{ path: string; message: string }> } })
      .error;
    expect(error.issues.map((i) => i.path)).toEqual(['--from', '--baseline', '--vm-size', '--region']);
    expect(error.issues.map((i) => i.message).join('\n')).toMatch(
      /"someday"[\s\S]*"most"[\s\S]*"manualpool2:Standard_D2s_v5"[\s\S]*"west_europe!"/,
    );
    const unknown = await preview([
      '--pools',
      '{ "manualpool2": 2 }',
      '--prices',
      pricesFile,
      '--region',
      'westeurope',
      '--vm-size',
      'manualpool9=Standard_D2s_v5',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--vm-size manualpool9 is not among the pools the policy names in the range (manualpool2)',
    );
    const missingFile = await preview([
      '--pools',
      '{ "manualpool2": 2 }',
      '--prices',
      join(folder, 'none.json'),
      '--region',
      'westeurope',
      '--vm-size',
      'manualpool2=Standard_D2s_v5',
    ]);
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toMatch(
      /--prices cannot read .*none\.json \(ENOENT\); save the prices with aks-scaler prices/,
    );
  });

  it('draws each pool against its baseline with the saving written on the chart', async () => {
    const svgFile = join(folder, 'spring.svg');
    expect((await preview(['--config', configFile, ...SPRING, '--out', svgFile])).code).toBe(0);
    const svg = await readFile(svgFile, 'utf8');
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg.match(/stroke-dasharray="6 4"/g)?.length).toBeGreaterThanOrEqual(3); // a baseline per pool + legend
    expect(svg).toContain('752 of 1,670 node-hours at 10 nodes: saves 918 (55.0%)');
    expect(svg).toContain('86 of 92 node-hours at 4 nodes: saves 6 (6.5%)');
    expect(svg).toContain('Total: 838 of 1,762 node-hours against baseline max: saves 924 (52.4%)');
    expect(svg).toMatch(/<desc id="chart-desc">manualpool2: 752 of 1,670 node-hours/);
  });

  it('explains every flag in --help', async () => {
    const run = capturedIo();
    expect(await runCli(['preview', '--help'], run.io)).toBe(0);
    for (const flag of [
      '--from',
      '--days',
      '--step',
      '--timezone',
      '--out',
      '--baseline',
      '--prices',
      '--vm-size',
      '--region',
      '--subscription',
      '--resource-group',
      '--cluster',
      '--config',
      '--pools',
      '--json',
    ]) {
      expect(run.stdout()).toContain(flag);
    }
    expect(run.stdout()).toContain('167 or 169 hours');
  });
});
