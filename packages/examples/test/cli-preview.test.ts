import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capturedIo } from './helpers/captured-io.js';
import { type PreviewJson, preview, previewFixture, SPRING } from './helpers/preview-fixture.js';

// The policy and its hand-derived numbers: helpers/preview-fixture.ts and src/cli/preview/savings.test.ts.
let configFile: string;
let pricesFile: string;
let folder: string;

beforeAll(async () => {
  ({ configFile, pricesFile, folder } = await previewFixture());
});

describe('aks-scaler preview: savings', () => {
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
