import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { cli, NOW, puts, startTagged as start } from './helpers/override-cli.js';
import { scratchFixture } from './helpers/scratch-fixture.js';

// `aks-scaler override set|clear|list` in this process against the emulator (real SDK, workload identity), at a
// fixed instant: only the three aks-scaler-* tags are ever written, through the safe writer, and nothing is sent
// before every argument is checked.
let emulator: Emulator | undefined;
const fixture = scratchFixture({ scratchPrefix: 'aks-scaler-override-test-' });

describe('aks-scaler override clear and list', () => {
  it('list shows tag and config overrides with their state and what to fix; clear removes only the three tags', async () => {
    emulator = fixture.closeAfterTest(await start());
    emulator.state.setPool('manualpool3', {
      tags: { 'aks-scaler-override': 'banana', 'aks-scaler-until': '2026-12-06T00:00:00Z' },
    });
    const config = join(fixture.scratch, 'scaler.yaml');
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
      const file = join(fixture.scratch, `validate-${until.replace(/:/g, '')}.yaml`);
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
  it('plan and apply warn on stderr about an expired config override, and plan --json lists the notices', async () => {
    emulator = fixture.closeAfterTest(await start());
    const config = join(fixture.scratch, 'expired.yaml');
    await writeFile(
      config,
      [
        'clusters:',
        `  - { subscription: ${emulator.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
        'policy: { static: { manualpool2: 2 } }',
        'overrides:',
        '  - { pools: [manualpool3], target: 0, until: "2026-12-01T00:00:00Z", reason: old }',
      ].join('\n'),
    );
    const expired = /^warning: override for manualpool3 expired at 2026-12-01T00:00:00Z; remove it/m;
    const plan = await cli(['plan', '--config', config, '--at', NOW.toISOString()], emulator);
    expect(plan.code).toBe(0);
    expect(plan.stderr).toMatch(expired);
    const json = await cli(['plan', '--config', config, '--at', NOW.toISOString(), '--json'], emulator);
    const { clusters } = JSON.parse(json.stdout);
    expect(clusters[0].notices).toEqual([
      expect.objectContaining({ level: 'warning', code: 'override-expired', pool: 'manualpool3' }),
    ]);
    const apply = await cli(['apply', '--config', config], emulator, { SCALER_DRY_RUN: 'true' });
    expect(apply.code).toBe(0);
    expect(apply.stderr).toMatch(expired);
    expect(puts(emulator)).toEqual([]);
  });
});
