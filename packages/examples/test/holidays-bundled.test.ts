import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SUBSCRIPTION_ID, type Emulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { bundledFixture } from './helpers/bundled-fixture.js';
import { startNode } from './helpers/processes.js';

// The holiday calendars travel inside the single-file bundles: `cli.js` and `scaler-pod.js`, run from a folder
// with no node_modules, load `date-holidays` from themselves when a schedule names holidays.
let emulator: Emulator | undefined;
const bundled = bundledFixture({ scratchPrefix: 'aks-scaler-holidays-test-' });

function config(holidays: string): string {
  return `
clusters:
  - { subscription: ${DEFAULT_SUBSCRIPTION_ID}, resourceGroup: myResourceGroup, name: myManagedCluster }
policy:
  max:
    - static: { manualpool3: 1 }
    - schedule:
        timezone: Europe/Berlin
        holidays: ${holidays}
        leadTime: auto
        rules:
          - { when: holidays, counts: { manualpool2: 0 } }
          - { when: "Mon-Fri 07:30-20:30", counts: { manualpool2: 10 } }
        otherwise: { manualpool2: 1 }
`;
}

describe('holiday calendars in the bundles', () => {
  it('cli.js plans a holiday and an early start from its own copy of the calendar', async () => {
    emulator = await bundled.startEmulator();
    const env = await emulator.workloadIdentityEnv();
    const file = join(bundled.scratch, 'holidays.yaml');
    await writeFile(file, config('{ country: DE, region: BY }'));
    const planAt = async (at: string) => {
      const run = startNode(bundled.cli, ['plan', '--json', '--config', file, '--at', at], env);
      expect(await run.exit()).toBe(0);
      const plan = JSON.parse(run.lines.join('\n')) as {
        clusters: Array<{ steps: Array<{ pool: string; to: number; reason: string }> }>;
      };
      return plan.clusters[0]?.steps.find((step) => step.pool === 'manualpool2');
    };
    // 6 January is Epiphany, a public holiday in Bavaria (Bayerisches Feiertagsgesetz, Art. 1 (1)); a Tuesday.
    expect(await planAt('2026-01-06T09:00:00Z')).toMatchObject({
      to: 0,
      reason: expect.stringContaining(
        "schedule rule 1 'holidays': holiday Epiphany in DE-BY (Europe/Berlin)",
      ),
    });
    // Monday 28 December 2026, 07:25 in Berlin: without learned durations, auto leads by 10 minutes.
    expect(await planAt('2026-12-28T06:25:00Z')).toMatchObject({
      to: 10,
      reason: expect.stringContaining('Mon-Fri 07:30-20:30 starts at 07:30, 5 min ahead'),
    });
    expect(emulator.requests.filter((request) => request.method === 'PUT')).toEqual([]);
  });

  it('scaler-pod.js exits 2 before any request for an unknown country, listing close codes', async () => {
    emulator = await bundled.startEmulator();
    const file = join(bundled.scratch, 'unknown-country.yaml');
    await writeFile(file, config('{ country: DX }'));
    const pod = startNode(bundled.pod, [], {
      ...(await emulator.workloadIdentityEnv()),
      SCALER_CONFIG: file,
    });
    expect(await pod.exit()).toBe(2);
    const fatal = pod.json.find((line) => line.level === 'fatal');
    expect(fatal?.issues).toEqual([
      {
        path: 'policy.max[1].schedule.holidays.country',
        message: expect.stringMatching(
          /^unknown holiday country "DX": use an ISO 3166-1 alpha-2 code .*DE \(Germany\).* \(found "DX"\)$/,
        ),
      },
    ]);
    expect(emulator.requests).toEqual([]);
  });
});
