import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { cli, puts, startTagged as start } from './helpers/override-cli.js';
import { scratchFixture } from './helpers/scratch-fixture.js';

// `aks-scaler override set|clear|list` in this process against the emulator (real SDK, workload identity), at a
// fixed instant: only the three aks-scaler-* tags are ever written, through the safe writer, and nothing is sent
// before every argument is checked.
let emulator: Emulator | undefined;
const fixture = scratchFixture({ scratchPrefix: 'aks-scaler-override-test-' });

describe('aks-scaler override set', () => {
  it('writes the three tags with If-Match and keeps every other tag and setting', async () => {
    emulator = fixture.closeAfterTest(await start());
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
    emulator = fixture.closeAfterTest(await start());
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
    emulator = fixture.closeAfterTest(await start());
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
    emulator = fixture.closeAfterTest(await start());
    const config = join(fixture.scratch, 'two.yaml');
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
