import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SUBSCRIPTION_ID, type Emulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capturedIo } from './helpers/captured-io.js';
import { scratchFixture } from './helpers/scratch-fixture.js';

// `aks-scaler validate` in this process: offline checks of a config file or a NODE_POOLS_AMOUNT value.
let emulator: Emulator | undefined;
const fixture = scratchFixture({ scratchPrefix: 'aks-scaler-validate-' });

// Monday 2026-11-23 12:00 in Berlin.
const NOW = new Date('2026-11-23T11:00:00Z');
const CLUSTER = `{ subscription: ${DEFAULT_SUBSCRIPTION_ID}, resourceGroup: rg, name: aks }`;

async function configFile(name: string, text: string): Promise<string> {
  const path = join(fixture.scratch, name);
  await writeFile(path, text);
  return path;
}

async function validate(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = capturedIo(env, { now: () => NOW });
  const code = await runCli(['validate', ...args], run.io);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

async function validateJson(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { code, stdout, stderr } = await validate([...args, '--json'], env);
  expect(stderr).toBe('');
  return { code, result: JSON.parse(stdout) as { ok: boolean; problems: Issue[]; warnings: Issue[] } };
}

interface Issue {
  path: string;
  message: string;
}

const BAD = `
clusters:
  - { subscription: not-a-guid, resourceGroup: rg, name: aks }
policy:
  max:
    - schedule:
        timezone: Europe/Berln
        rules:
          - { when: "Mon-Fry 07:00-08:00", counts: { manualpool2: 3 } }
          - { cron: "0 7 * * 8", duration: 8h, counts: { manualpool2: 1 } }
          - { cron: "0 7 * * 1", duration: 8 hours, counts: { manualpool2: 1 } }
    - metric: { prometheus: { url: "http://p:9090", query: q }, pools: [manualpool3], targetPerNode: 10, min: 5, max: 2 }
bounds: { manualpool2: { min: 5, max: 2 } }
limits: { concurrency: 0, maxStepUp: 10 }
`;

describe('aks-scaler validate', () => {
  it('lists everything the pod would refuse at start, each with its path and what is expected, and exits 2', async () => {
    const path = await configFile('bad.yaml', BAD);
    const { code, result } = await validateJson(['--config', path]);
    expect(code).toBe(2);
    expect(Object.keys(result)).toEqual(['ok', 'problems', 'warnings']);
    expect(result.ok).toBe(false);
    expect(result.warnings).toEqual([]);
    expect(result.problems.map((p) => [p.path, p.message.slice(0, 40)])).toEqual([
      ['clusters[0].subscription', 'expected a subscription id (a GUID) (fou'],
      ['policy.max[0].schedule.timezone', 'not a known IANA timezone: use a name su'],
      ['policy.max[0].schedule.rules[0].when', 'days "Mon-Fry" must be \'*\' or days Mon, '],
      ['policy.max[0].schedule.rules[1].cron', 'not a cron expression (minute hour day-o'],
      ['policy.max[0].schedule.rules[2].duration', "expected a duration such as '90s', '45m'"],
      ['policy.max[1].metric.min', 'min 5 is greater than max 2 (found an ob'],
      // A range is shown as typed: `{ min: 5, max: 2 }`.
      ['bounds.manualpool2', 'min 5 is greater than max 2 (found { min'],
      ['limits.concurrency', 'Too small: expected number to be >=1 (fo'],
    ]);

    const text = await validate(['--config', path]);
    expect(text.code).toBe(2);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${path} is invalid: 8 problems`);
    expect(lines[1]).toBe('problems:');
    expect(lines[2]).toBe(
      '  clusters[0].subscription: expected a subscription id (a GUID) (found "not-a-guid")',
    );
    expect(lines).toHaveLength(10);
  });

  it('works offline: no token, no request, even with Azure Monitor in the config and the emulator at hand', async () => {
    emulator = await fixture.startEmulator();
    const path = await configFile(
      'azure-monitor.yaml',
      [
        'clusters:',
        `  - ${CLUSTER}`,
        'policy:',
        '  metric:',
        `    azureMonitor: { resourceUri: /subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/q, metricName: ActiveMessages }`,
        '    pools: [manualpool3]',
        '    targetPerNode: 100',
      ].join('\n'),
    );
    // The emulator's ARM endpoint, authority host and federated token: everything a request would need.
    const env = await emulator.workloadIdentityEnv();
    const { code, result } = await validateJson(['--config', path], env);
    expect(code).toBe(0);
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(emulator.requests).toEqual([]);
    // And with no network variable at all.
    expect((await validateJson(['--config', path])).result).toEqual({ ok: true, problems: [], warnings: [] });
  });

  it('warns, apart from problems, about what the config surely does not mean; still valid', async () => {
    const path = await configFile(
      'warnings.yaml',
      [
        'clusters:',
        `  - ${CLUSTER}`,
        `  - ${CLUSTER}`,
        'policy:',
        '  schedule:',
        '    timezone: Europe/Berlin',
        '    rules:',
        '      - { when: "2026-11-20T00:00/2026-11-21T00:00", counts: { manualpool2: 0 } }',
        '      - { when: "Mon-Fri 07:30-20:30", counts: { manualpool2: 10 } }',
        '      - { when: "Mon-Fri 08:00-18:00", counts: { manualpool2: 12 } }',
        '    otherwise: { manualpool2: 1 }',
        'bounds: { manualpool3: { max: 4 } }',
      ].join('\n'),
    );
    const { code, result } = await validateJson(['--config', path]);
    expect(code).toBe(0);
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.warnings.map((w) => w.path)).toEqual([
      'clusters[1]',
      'policy.schedule.rules[0].when',
      'policy.schedule.rules[2]',
      'bounds.manualpool3',
    ]);
    const text = await validate(['--config', path]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      new RegExp(
        `^${path.replaceAll('.', '\\.')} is valid, with 4 warnings\nwarnings:\n  clusters\\[1\\]: the same cluster`,
      ),
    );
    expect(text.stdout).toContain(
      '  policy.schedule.rules[0].when: the window ended at 2026-11-21T00:00 (Europe/Berlin), before now',
    );
    expect(text.stdout).not.toContain('problems:');
  });

  it('warns about values the config makes the pod ignore, naming the flag or variable they came from', async () => {
    const path = await configFile(
      'limits.yaml',
      `clusters:\n  - ${CLUSTER}\npolicy: { static: { manualpool2: 2 } }\nlimits: { concurrency: 6 }\n`,
    );
    const both = await validateJson(['--config', path, '--pools', '{ "manualpool2": 5 }']);
    expect(both.code).toBe(0);
    expect(both.result.warnings).toEqual([
      { path: '--pools', message: 'ignored, because --config is set and its policy applies' },
    ]);
    const fromEnv = await validateJson([], {
      SCALER_CONFIG: path,
      NODE_POOLS_AMOUNT: '{ "manualpool2": 5 }',
      CLUSTER_NAME: 'aks',
      SCALER_CONCURRENCY: '2',
    });
    expect(fromEnv.result.warnings).toEqual([
      { path: 'NODE_POOLS_AMOUNT', message: 'ignored, because SCALER_CONFIG is set and its policy applies' },
      { path: 'CLUSTER_NAME', message: 'ignored, because SCALER_CONFIG lists the clusters' },
      {
        path: 'limits.concurrency',
        message: 'SCALER_CONCURRENCY=2 is set in the environment and wins over 6',
      },
    ]);
  });

  it('checks a NODE_POOLS_AMOUNT value in the words of the flag or the variable it came from', async () => {
    expect(await validate(['--pools', '{ "manualpool2": 5 }'])).toEqual({
      code: 0,
      stdout: '--pools is valid\n',
      stderr: '',
    });
    const flag = await validateJson(['--pools', '{ manualpool2: 5 }']);
    expect(flag.code).toBe(2);
    expect(flag.result.problems).toEqual([
      {
        path: '--pools',
        message: expect.stringContaining(
          `quote the whole value for the shell: --pools '{ "manualpool2": 5 }'`,
        ),
      },
    ]);
    const variable = await validateJson([], { NODE_POOLS_AMOUNT: '{ "manualpool2": 1001 }' });
    expect(variable.code).toBe(2);
    expect(variable.result.problems.map((p) => p.path)).toEqual(['NODE_POOLS_AMOUNT.manualpool2']);
  });

  it('exits 2 when there is nothing to validate or the file cannot be read, naming the flag or variable', async () => {
    const nothing = await validateJson([]);
    expect(nothing).toEqual({
      code: 2,
      result: {
        ok: false,
        problems: [
          {
            path: '--config',
            message:
              'nothing to validate: give --config <file> (a SCALER_CONFIG file) or --pools <json> (a NODE_POOLS_AMOUNT value), or set SCALER_CONFIG or NODE_POOLS_AMOUNT',
          },
        ],
        warnings: [],
      },
    });
    const missing = join(fixture.scratch, 'missing.yaml');
    expect((await validateJson(['--config', missing])).result.problems).toEqual([
      { path: '--config', message: expect.stringMatching(`^cannot read ${missing}: ENOENT`) },
    ]);
    expect((await validateJson([], { SCALER_CONFIG: missing })).result.problems[0]?.path).toBe(
      'SCALER_CONFIG',
    );
  });

  it('explains itself in --help', async () => {
    const { code, stdout } = await validate(['--help']);
    expect(code).toBe(0);
    for (const text of ['--config <file>', '--pools <json>', '--json', 'offline', 'Exit codes: 0 valid']) {
      expect(stdout).toContain(text);
    }
  });
});
