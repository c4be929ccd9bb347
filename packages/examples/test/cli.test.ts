import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SUBSCRIPTION_ID, type Emulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { bundledFixture } from './helpers/bundled-fixture.js';
import { startNode } from './helpers/processes.js';
import { SEED_NODE_POOLS_AMOUNT } from './helpers/wait.js';

// The bundled CLI (`node cli.js <command>`) as a child process against the emulator.
let emulator: Emulator | undefined;
const bundled = bundledFixture({ scratchPrefix: 'aks-scaler-cli-test-' });

// Business hours in Berlin: 10 nodes for manualpool2 on weekdays 07:30-20:30, 1 otherwise; manualpool3 always 2.
const CONFIG = `
clusters:
  - subscription: ${DEFAULT_SUBSCRIPTION_ID}
    resourceGroup: myResourceGroup
    name: myManagedCluster
policy:
  max:
    - static: { manualpool3: 2 }
    - schedule:
        timezone: Europe/Berlin
        rules:
          - { when: "Mon-Fri 07:30-20:30", counts: { manualpool2: 10 } }
        otherwise: { manualpool2: 1 }
`;

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = startNode(bundled.cli, args, env);
  const code = await run.exit();
  return { code, stdout: run.lines.join('\n'), stderr: run.stderr() };
}

describe('aks-scaler CLI', () => {
  it('lists the pools as a table and as JSON', async () => {
    emulator = await bundled.startEmulator();
    const env = await emulator.workloadIdentityEnv();
    const table = await cli(['pools'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /manualpool2\s+│\s+User\s+│\s+1\s+│\s+off\s+│\s+Running\s+│\s+Succeeded\s+│\s+Standard_D2s_v5/,
    );
    const json = await cli(['pools', '--json'], env);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      clusters: Array<{ pools: Array<{ name: string; mode: string }> }>;
    };
    expect(parsed.clusters[0]!.pools.map((p) => [p.name, p.mode])).toEqual([
      ['nodepool1', 'System'],
      ['manualpool2', 'User'],
      ['manualpool3', 'User'],
    ]);
  });

  it('plans at a given instant from a config, writing nothing', async () => {
    emulator = await bundled.startEmulator();
    const env = await emulator.workloadIdentityEnv();
    const configFile = join(bundled.scratch, 'scaler.yaml');
    await writeFile(configFile, CONFIG);
    // Monday 2026-11-23 09:00 in Berlin is 08:00Z: business hours.
    const { code, stdout } = await cli(
      ['plan', '--json', '--config', configFile, '--at', '2026-11-23T08:00:00Z'],
      env,
    );
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as {
      at: string;
      clusters: Array<{
        changes: number;
        steps: Array<{ pool: string; from: number; to: number; action: string; reason: string }>;
      }>;
    };
    expect(plan.at).toBe('2026-11-23T08:00:00.000Z');
    expect(plan.clusters[0]!.changes).toBe(2);
    expect(plan.clusters[0]!.steps).toEqual([
      expect.objectContaining({
        pool: 'manualpool2',
        from: 1,
        to: 10,
        action: 'scale',
        reason: expect.stringMatching(/07:30-20:30/),
      }),
      expect.objectContaining({ pool: 'manualpool3', from: 1, to: 2, action: 'scale' }),
    ]);
    expect(emulator.requests.filter((r) => r.method === 'PUT')).toEqual([]);

    const text = await cli(['plan', '--pools', SEED_NODE_POOLS_AMOUNT], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/2 changes/);
  });

  it('previews a week as JSON spans and an SVG chart', async () => {
    const configFile = join(bundled.scratch, 'preview.yaml');
    const svgFile = join(bundled.scratch, 'week.svg');
    await writeFile(configFile, CONFIG);
    const { code, stdout } = await cli([
      'preview',
      '--json',
      '--config',
      configFile,
      '--from',
      '2026-11-22T23:00:00Z', // Monday 00:00 in Berlin
      '--step',
      '15m',
      '--timezone',
      'Europe/Berlin',
      '--out',
      svgFile,
    ]);
    expect(code).toBe(0);
    const preview = JSON.parse(stdout) as {
      pools: string[];
      segments: Array<{ from: string; to: string; counts: Record<string, number> }>;
    };
    expect(preview.pools).toEqual(['manualpool2', 'manualpool3']);
    expect(preview.segments.filter((s) => s.counts.manualpool2 === 10)).toHaveLength(5);
    expect(preview.segments[1]).toEqual({
      from: '2026-11-23T06:30:00.000Z',
      to: '2026-11-23T19:30:00.000Z',
      counts: { manualpool2: 10, manualpool3: 2 },
      targets: { manualpool2: '10', manualpool3: '2' },
      reasons: expect.any(Object),
    });
    const svg = await readFile(svgFile, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<path /g)).toHaveLength(2);
  });

  it('applies with plain progress lines when stdout is not a terminal', async () => {
    emulator = await bundled.startEmulator({ operationDurationInMs: 50 });
    const env = await emulator.workloadIdentityEnv();
    const { code, stdout } = await cli(
      ['apply', '--pools', SEED_NODE_POOLS_AMOUNT, '--poll-interval', '20ms'],
      env,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/manualpool2\s+1 -> 5\s+planned/);
    expect(stdout).toMatch(/manualpool3\s+1 -> 5\s+succeeded/);
    expect(stdout).toMatch(/│ manualpool2 │ 1\s+│ 5\s+│ succeeded │/);
    expect(emulator.state.getPool('manualpool3')?.count).toBe(5);
  });

  it('validates a config offline: every problem listed, exit 2, not one request to the emulator it could reach', async () => {
    emulator = await bundled.startEmulator();
    // The emulator's ARM endpoint, authority host and federated token; the config lists the cluster.
    const {
      SUBSCRIPTION: _,
      RESOURCE_GROUP: __,
      CLUSTER_NAME: ___,
      LOCATION: ____,
      ...env
    } = await emulator.workloadIdentityEnv();
    const configFile = join(bundled.scratch, 'invalid.yaml');
    await writeFile(
      configFile,
      CONFIG.replace('Europe/Berlin', 'Europe/Berln').replace('07:30-20:30', '07:30-25:00'),
    );
    const { code, stdout } = await cli(['validate', '--json', '--config', configFile], env);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      ok: false,
      problems: [
        {
          path: 'policy.max[1].schedule.timezone',
          message: expect.stringMatching(/not a known IANA timezone/),
        },
        {
          path: 'policy.max[1].schedule.rules[0].when',
          message: expect.stringMatching(/^end 25:00 is not a time/),
        },
      ],
      warnings: [],
    });
    const valid = join(bundled.scratch, 'valid.yaml');
    await writeFile(valid, CONFIG);
    const text = await cli(['validate', '--config', valid], env);
    expect(text).toEqual({ code: 0, stdout: `${valid} is valid`, stderr: '' });
    expect(emulator.requests).toEqual([]);
  });

  it('exits 2 with every problem listed for bad options, 0 for --help', async () => {
    const bad = await cli(['plan', '--pools', '{ manualpool2: 5 }', '--subscription', 'nope'], {});
    expect(bad.code).toBe(2);
    // Each problem names the flag the user typed; the quoting fix is the shell's.
    expect(bad.stderr).toContain('- --subscription: "nope" is not a subscription id');
    expect(bad.stderr).toMatch(/- --resource-group: is not set; .*\(or set RESOURCE_GROUP\)/);
    expect(bad.stderr).toContain(`--pools '{ "manualpool2": 5 }'`);
    expect(bad.stderr).not.toMatch(/Pod spec|NODE_POOLS_AMOUNT/);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['validate', 'pools', 'plan', 'apply', 'preview', 'prices', 'emulator', 'demo']) {
      expect(help.stdout).toContain(command);
    }
    expect((await cli(['no-such-command'])).code).toBe(2);
  });

  it('serves the standalone emulator until SIGTERM, announced by one JSON line', async () => {
    const run = startNode(bundled.cli, ['emulator'], {});
    const info = await run.waitForJson((line) => typeof line.armEndpoint === 'string');
    expect(Object.keys(info).sort()).toEqual(
      [
        'armEndpoint',
        'authorityHost',
        'caCertFile',
        'clientId',
        'clusterName',
        'federatedTokenFile',
        'location',
        'resourceGroup',
        'subscriptionId',
        'tenantId',
      ].sort(),
    );
    expect(run.lines).toHaveLength(1);
    run.child.kill('SIGTERM');
    expect(await run.exit()).toBe(0);
  });

  it('runs the demo end to end (pod as a child process) and reports JSON', async () => {
    const { code, stdout } = await cli([
      'demo',
      '--json',
      '--operation-duration',
      '100ms',
      '--per-node',
      '10ms',
    ]);
    expect(code).toBe(0);
    const demo = JSON.parse(stdout) as {
      exitCode: number;
      summary: { ok: boolean; pools: Array<{ pool: string; outcome: string }> };
      pools: Array<{ name: string; count: number }>;
    };
    expect(demo.exitCode).toBe(0);
    expect(demo.summary.ok).toBe(true);
    expect(demo.pools.map((p) => [p.name, p.count])).toEqual([
      ['nodepool1', 1],
      ['manualpool2', 5],
      ['manualpool3', 5],
    ]);
  });
});
