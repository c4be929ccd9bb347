import type { Emulator } from '@aks-scaler/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCluster } from './helpers/demo-cluster.js';
import { type PreviewJson, preview, previewFixture, SPRING } from './helpers/preview-fixture.js';
import { scratchFixture } from './helpers/scratch-fixture.js';
import { JWT_PATTERN } from './helpers/wait.js';

// The policy and its hand-derived node-hours: helpers/preview-fixture.ts and src/cli/preview/savings.test.ts.
let configFile: string;
let pricesFile: string;
let emulator: Emulator | undefined;
const fixture = scratchFixture();

beforeAll(async () => {
  ({ configFile, pricesFile } = await previewFixture());
});

describe('aks-scaler preview: cost', () => {
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
    emulator = await fixture.startEmulator({
      operationDurationInMs: 5,
      clusters: [
        demoCluster(
          [
            { name: 'nodepool1', mode: 'System', count: 1 },
            { name: 'manualpool2', count: 5, vmSize: 'Standard_D2s_v5' },
            { name: 'manualpool3', count: 3, powerState: 'Stopped', vmSize: 'Standard_D4s_v5' },
          ],
          { location: 'westeurope' },
        ),
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
});
