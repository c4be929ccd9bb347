import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@aks-scaler/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';

// `aks-scaler override set|clear|list` in this process against the emulator (real SDK, workload identity), at a
// fixed instant: only the three aks-scaler-* tags are ever written, through the safe writer, and nothing is sent
// before every argument is checked.
let emulator: Emulator | undefined;
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'aks-scaler-override-test-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const NOW = new Date('2026-12-05T09:00:00Z');

async function cli(args: string[], em: Emulator, extraEnv: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { ...(await em.workloadIdentityEnv()), SCALER_POLL_INTERVAL: '20ms', ...extraEnv },
    signal: new AbortController().signal,
    ca: em.caCert,
    now: () => NOW,
  });
  return { code, stdout, stderr, problems: stderr.split('\n').filter((line) => line.startsWith('- ')) };
}

const puts = (em: Emulator) => em.requests.filter((r) => r.method === 'PUT');

async function start(): Promise<Emulator> {
  const em = await startEmulator({ operationDurationInMs: 5 });
  em.state.setPool('manualpool2', { tags: { costCenter: '42' } });
  return em;
}

describe('aks-scaler override set', () => {
  it('writes the three tags with If-Match and keeps every other tag and setting', async () => {
    emulator = await start();
    const set = await cli(
      ['override', 'set', 'manualpool2', 'pause', '--until', '2d', '--reason', 'deploy freeze', '--json'],
      emulator,
    );
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      pool: 'manualpool2',
      override: { target: 'pause', until: '2026-12-07T09:00:00Z', reason: 'deploy freeze' },
      tags: {
        costCenter: '42',
        'aks-scaler-override': 'pause',
        'aks-scaler-until': '2026-12-07T09:00:00Z',
        'aks-scaler-reason': 'deploy freeze',
      },
    });
    expect(emulator.state.getPool('manualpool2')).toMatchObject({
      count: 1,
      nodeLabels: { team: 'shop' },
      tags: {
        costCenter: '42',
        'aks-scaler-override': 'pause',
        'aks-scaler-until': '2026-12-07T09:00:00Z',
        'aks-scaler-reason': 'deploy freeze',
      },
    });
    expect(
      puts(emulator).map((put) => [put.path.split('/').pop(), put.status, Boolean(put.ifMatch)]),
    ).toEqual([['manualpool2', 200, true]]);
    expect(emulator.state.history.every((write) => write.droppedFields.length === 0)).toBe(true);

    const text = await cli(
      [
        'override',
        'set',
        'manualpool3',
        '4',
        '--until',
        '2026-12-05T17:00:00+01:00',
        '--reason',
        'load test',
      ],
      emulator,
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      'manualpool3 of myManagedCluster (myResourceGroup): override 4 until 2026-12-05T16:00:00Z (load test) is set.\n' +
        'The scaler follows it from its next run; undo it with: aks-scaler override clear manualpool3\n',
    );
  });

  it('checks every argument before any request, and names each one', async () => {
    emulator = await start();
    const bad = await cli(['override', 'set', 'Manual_2', 'banana'], emulator);
    expect(bad.code).toBe(2);
    expect(bad.problems).toEqual([
      '- <pool>: "Manual_2" is not an AKS pool name: use 1-12 lowercase letters or digits, starting with a letter',
      "- <target>: \"banana\" is not an override: use a node count such as 3, 'stop', 'pause', or an autoscaler range such as 2-10",
      '- --until: is required: an override must end; give an instant such as 2026-12-07T08:00:00+01:00, or a duration from now such as 4h',
      '- --reason: is required: say why, e.g. --reason "deploy freeze" (it shows in the plan)',
    ]);
    const far = await cli(
      ['override', 'set', 'manualpool2', '3', '--until', '31d', '--reason', 'x'],
      emulator,
    );
    expect(far.code).toBe(2);
    expect(far.problems).toEqual([
      expect.stringMatching(
        /^- --until: 31d \(2027-01-05T09:00:00Z\) is 31d ahead, more than the 30 days an override may last; end it within 30 days, or change the policy/,
      ),
    ]);
    const local = await cli(
      ['override', 'set', 'manualpool2', '3', '--until', '2026-12-06T08:00', '--reason', 'x'],
      emulator,
    );
    expect(local.problems).toEqual([
      expect.stringMatching(/^- --until: "2026-12-06T08:00" has no UTC offset/),
    ]);
    const past = await cli(
      ['override', 'set', 'manualpool2', '3', '--until', '2026-12-05T08:00:00Z', '--reason', 'x'],
      emulator,
    );
    expect(past.problems).toEqual(['- --until: 2026-12-05T08:00:00Z has already passed']);
    expect(emulator.requests).toEqual([]);
  });

  it('refuses a target the pool cannot take, and a pool the cluster lacks, after one read and before any write', async () => {
    emulator = await start();
    const system = await cli(
      ['override', 'set', 'nodepool1', 'stop', '--until', '4h', '--reason', 'x'],
      emulator,
    );
    expect(system.code).toBe(2);
    expect(system.problems).toEqual([
      "- <target>: nodepool1 is a System pool, which AKS never stops; give a count of at least 1 or 'pause'",
    ]);
    const range = await cli(
      ['override', 'set', 'manualpool2', '2-10', '--until', '4h', '--reason', 'x'],
      emulator,
    );
    expect(range.problems).toEqual([
      '- <target>: manualpool2 does not have the cluster autoscaler on, so a range 2-10 has nothing to set; give a node count instead',
    ]);
    const missing = await cli(
      ['override', 'set', 'manualpool9', '3', '--until', '4h', '--reason', 'x'],
      emulator,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      "cluster 'myManagedCluster' has no pool named 'manualpool9' (did you mean 'manualpool2'?)",
    );
    expect(puts(emulator)).toEqual([]);
  });

  it('with a config of several clusters, needs --cluster to know which one', async () => {
    emulator = await start();
    const config = join(folder, 'two.yaml');
    await writeFile(
      config,
      [
        'clusters:',
        `  - { subscription: ${emulator.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
        `  - { subscription: ${emulator.subscriptionId}, resourceGroup: myResourceGroup, name: other }`,
        'policy: { static: {} }',
      ].join('\n'),
    );
    const args = [
      'override',
      'set',
      'manualpool2',
      '3',
      '--until',
      '4h',
      '--reason',
      'x',
      '--config',
      config,
    ];
    const ambiguous = await cli(args, emulator);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(
      'the config lists 2 clusters (myManagedCluster, other); name the one to change with --cluster <name>',
    );
    expect(emulator.requests).toEqual([]);
    const chosen = await cli([...args, '--cluster', 'myManagedCluster'], emulator);
    expect(chosen.code).toBe(0);
    expect(emulator.state.getPool('manualpool2')?.tags).toMatchObject({ 'aks-scaler-override': '3' });
  });
});

describe('aks-scaler override clear and list', () => {
  it('list shows tag and config overrides with their state and what to fix; clear removes only the three tags', async () => {
    emulator = await start();
    emulator.state.setPool('manualpool3', {
      tags: { 'aks-scaler-override': 'banana', 'aks-scaler-until': '2026-12-06T00:00:00Z' },
    });
    const config = join(folder, 'scaler.yaml');
    await writeFile(
      config,
      [
        'clusters:',
        `  - { subscription: ${emulator.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
        'policy: { static: { manualpool2: 2 } }',
        'overrides:',
        '  - { pools: [manualpool2], target: 6, until: "2026-12-10T00:00:00Z", reason: sale }',
        '  - { pools: [manualpool3], target: 0, until: "2026-12-01T00:00:00Z", reason: old }',
        '  - { pools: [manualpool9], target: 1, until: "2026-12-10T00:00:00Z", reason: typo }',
      ].join('\n'),
    );
    const set = await cli(
      ['override', 'set', 'manualpool2', 'pause', '--until', '4h', '--reason', 'incident'],
      emulator,
    );
    expect(set.code).toBe(0);

    const list = await cli(['override', 'list', '--config', config, '--json'], emulator);
    expect(list.code).toBe(0);
    const { at, clusters } = JSON.parse(list.stdout);
    expect(at).toBe('2026-12-05T09:00:00.000Z');
    expect(
      clusters[0].overrides.map((o: Record<string, unknown>) => [
        o.pool,
        o.source,
        o.target,
        o.state,
        o.applies,
      ]),
    ).toEqual([
      ['manualpool2', 'config', '6', 'active', false],
      ['manualpool3', 'config', '0', 'expired', false],
      ['manualpool9', 'config', '1', 'active', false],
      ['manualpool2', 'tag', 'pause', 'active', true],
      ['manualpool3', 'tag', 'banana', 'invalid', false],
    ]);
    const notes = clusters[0].overrides.map((o: { note?: string }) => o.note);
    expect(notes[0]).toBe("the pool's aks-scaler-override tag beats it while the tag lasts");
    expect(notes[1]).toBe('expired at 2026-12-01T00:00:00Z; remove overrides[1] from the config');
    expect(notes[2]).toBe(
      "the cluster has no pool named 'manualpool9' (did you mean 'manualpool2'?); fix overrides[2] in the config",
    );
    expect(notes[3]).toBeUndefined();
    expect(notes[4]).toMatch(
      /^ignored: aks-scaler-override="banana" is not an override.*aks-scaler override clear manualpool3/,
    );
    const table = await cli(['override', 'list', '--config', config], emulator);
    expect(table.stdout).toMatch(
      /manualpool2\s+│\s+tag\s+│\s+pause\s+│\s+2026-12-05T13:00:00Z\s+│\s+active\s+│\s+incident/,
    );

    const before = puts(emulator).length;
    const clear = await cli(['override', 'clear', 'manualpool2', '--config', config], emulator);
    expect(clear.code).toBe(0);
    expect(clear.stdout).toBe(
      "manualpool2 of myManagedCluster (myResourceGroup): override tags removed (was pause until 2026-12-05T13:00:00Z (incident)); the config's overrides[0] still overrides it until 2026-12-10T00:00:00Z (remove it from the config to end it).\n",
    );
    expect(emulator.state.getPool('manualpool2')?.tags).toEqual({ costCenter: '42' });
    expect(puts(emulator)).toHaveLength(before + 1);

    const again = await cli(['override', 'clear', 'manualpool2'], emulator);
    expect(again.stdout).toBe(
      'manualpool2 of myManagedCluster (myResourceGroup) has no override tags; nothing was written; the policy decides it from the next run.\n',
    );
    expect(puts(emulator)).toHaveLength(before + 1);
  });
});

describe('aks-scaler validate with overrides (offline)', () => {
  it('checks the 30 days against its clock, and warns about an expired override', async () => {
    let stdout = '';
    const validate = async (until: string) => {
      stdout = '';
      const file = join(folder, `validate-${until.replace(/:/g, '')}.yaml`);
      await writeFile(
        file,
        [
          'clusters: [{ subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg, name: aks }]',
          'policy: { static: { manualpool2: 2 } }',
          `overrides: [{ pools: [manualpool2], target: pause, until: "${until}", reason: freeze }]`,
        ].join('\n'),
      );
      const code = await runCli(['validate', '--config', file, '--json'], {
        stdout: { write: (chunk: string) => (stdout += chunk) },
        stderr: { write: () => true },
        env: { AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://127.0.0.1:9' },
        signal: new AbortController().signal,
        now: () => NOW,
      });
      return { code, result: JSON.parse(stdout) };
    };
    const far = await validate('2027-01-05T09:00:01Z');
    expect(far.code).toBe(2);
    expect(far.result.problems).toEqual([
      {
        path: 'overrides[0].until',
        message: expect.stringMatching(/more than the 30 days an override may last/),
      },
    ]);
    const over = await validate('2026-12-05T08:00:00Z');
    expect(over.code).toBe(0);
    expect(over.result).toEqual({
      ok: true,
      problems: [],
      warnings: [
        {
          path: 'overrides[0]',
          message: 'override for manualpool2 expired at 2026-12-05T08:00:00Z; remove it',
        },
      ],
    });
  });
});
