import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SUBSCRIPTION_ID } from '@aks-scaler/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preview } from './helpers/preview-fixture.js';

// Christmas week 2026 in Berlin: 25 and 26 December are public holidays in every German state (each state's
// Feiertagsgesetz); 24 December, a Thursday, is not. manualpool2 has 10 nodes on weekdays 07:30-20:30 with a
// 30-minute lead, 0 on holidays, 1 otherwise.
function config(calendar: string, firstRule: string): string {
  return `
clusters:
  - { subscription: ${DEFAULT_SUBSCRIPTION_ID}, resourceGroup: myResourceGroup, name: myManagedCluster }
policy:
  schedule:
    timezone: Europe/Berlin
${calendar}
    rules:
      - { when: ${firstRule}, counts: { manualpool2: 0 } }
      - { when: "Mon-Fri 07:30-20:30", counts: { manualpool2: 10 } }
    otherwise: { manualpool2: 1 }
`;
}
const WEEK = ['--from', '2026-12-21', '--timezone', 'Europe/Berlin', '--step', '5m'];

let folder: string;
let marked: string;
let plain: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'aks-scaler-preview-marks-'));
  marked = join(folder, 'marked.yaml');
  plain = join(folder, 'plain.yaml');
  await writeFile(marked, config('    holidays: { country: DE }\n    leadTime: 30m', 'holidays'));
  await writeFile(plain, config('', '"2026-12-25T00:00/2026-12-27T00:00"'));
});

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('aks-scaler preview: holidays and early starts', () => {
  it('notes them in the table', async () => {
    const { code, stdout } = await preview(['--config', marked, ...WEEK]);
    expect(code).toBe(0);
    const rows = stdout
      .slice(0, stdout.indexOf('Savings against'))
      .split('\n')
      .filter((line) => line.startsWith('│ '))
      .map((line) =>
        line
          .split('│')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows[0]).toEqual(['from', 'to', 'manualpool2', 'notes']);
    expect(rows.slice(1, 5)).toEqual([
      ['Mon 21 Dec, 00:00', 'Mon 21 Dec, 07:00', '1', ''],
      ['Mon 21 Dec, 07:00', 'Mon 21 Dec, 07:30', '10', 'early start for 07:30 (manualpool2)'],
      ['Mon 21 Dec, 07:30', 'Mon 21 Dec, 20:30', '10', ''],
      ['Mon 21 Dec, 20:30', 'Tue 22 Dec, 07:00', '1', ''],
    ]);
    expect(rows.slice(-5)).toEqual([
      ['Thu 24 Dec, 20:30', 'Fri 25 Dec, 00:00', '1', ''],
      ['Fri 25 Dec, 00:00', 'Sat 26 Dec, 00:00', '0', 'holiday Christmas Day (manualpool2)'],
      ['Sat 26 Dec, 00:00', 'Sat 26 Dec, 23:30', '0', 'holiday Boxing Day (manualpool2)'],
      // The end of the holidays is a scale-up from 0 to 1: it starts early too.
      ['Sat 26 Dec, 23:30', 'Sun 27 Dec, 00:00', '1', 'early start for Sun 00:00 (manualpool2)'],
      ['Sun 27 Dec, 00:00', 'Mon 28 Dec, 00:00', '1', ''],
    ]);
    // Four weekday mornings start early (not the holiday Friday): Mon to Thu.
    expect(rows.filter((row) => row[3] === 'early start for 07:30 (manualpool2)')).toHaveLength(4);
  });

  it('carries them in --json as each span’s marks, and draws them on the chart', async () => {
    const out = join(folder, 'week.svg');
    const { code, stdout } = await preview(['--json', '--config', marked, ...WEEK, '--out', out]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as {
      segments: Array<{
        from: string;
        to: string;
        marks?: Record<string, unknown>;
        reasons: Record<string, string>;
      }>;
    };
    expect(json.segments.find((s) => s.from === '2026-12-24T23:00:00.000Z')).toMatchObject({
      to: '2026-12-25T23:00:00.000Z',
      marks: { manualpool2: { holiday: 'Christmas Day' } },
      reasons: { manualpool2: "schedule rule 1 'holidays': holiday Christmas Day in DE (Europe/Berlin)" },
    });
    expect(json.segments.find((s) => s.from === '2026-12-21T06:00:00.000Z')).toMatchObject({
      to: '2026-12-21T06:30:00.000Z',
      marks: { manualpool2: { earlyStart: { window: 'rule 2: Mon-Fri 07:30-20:30', startsAt: '07:30' } } },
      reasons: {
        manualpool2: 'schedule rule 2: Mon-Fri 07:30-20:30 starts at 07:30, 30 min ahead (Europe/Berlin)',
      },
    });
    expect(json.segments.find((s) => s.from === '2026-12-21T06:30:00.000Z')?.marks).toBeUndefined();

    const svg = await readFile(out, 'utf8');
    expect(svg).toContain('<title>holiday Christmas Day</title>');
    expect(svg).toContain('font-size="10" fill="#7c3aed">Boxing Day</text>');
    // One marker per early start (five) and one in the legend.
    expect(svg.match(/<path d="[^"]*Z" fill="#ea580c"/g)).toHaveLength(6);
    expect(svg).toContain("early start (the schedule's leadTime)</text>");
    expect(svg).toContain('Marks: violet shading: holidays of the schedule; orange markers:');
  });

  it('adds nothing without holidays or a lead', async () => {
    const out = join(folder, 'plain.svg');
    const { code, stdout } = await preview(['--config', plain, ...WEEK, '--out', out]);
    expect(code).toBe(0);
    expect(stdout).not.toContain('notes');
    const svg = await readFile(out, 'utf8');
    expect(svg).not.toContain('#ea580c');
    expect(svg).not.toContain('#7c3aed');
  });
});
