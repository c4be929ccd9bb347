import { describe, expect, it } from 'vitest';
import { fleetLowerBoundInSeconds } from './lib/bounds.js';
import { formatTick, niceCeiling, renderConvergenceSvg, stepPath } from './lib/chart.js';
import {
  evaluateTargets,
  formatNumber,
  median,
  ratioToIdeal,
  renderMarkdown,
  type ScenarioResult,
  speedupVsBaseline,
  toJsonRow,
} from './lib/report.js';
import { timeScale } from './lib/time-scale.js';

const seed: ScenarioResult = {
  name: 'seed',
  unit: 's',
  ours: 63,
  baseline: 126,
  ideal: 60,
  targets: [
    { field: 'ratioToIdeal', op: '<=', value: 1.05, whyMissed: 'the 2 s poll interval' },
    { field: 'speedupVsBaseline', op: '>=', value: 1.9 },
  ],
  note: 'a note',
  details: { timeScale: 20, throttled: 0 },
};

describe('ratio maths', () => {
  it('divides ours by ideal and baseline by ours, rounded, and gives null when a value is missing', () => {
    expect(ratioToIdeal(63, 60)).toBe(1.05);
    expect(speedupVsBaseline(63, 126)).toBe(2);
    expect(ratioToIdeal(null, 60)).toBeNull();
    expect(ratioToIdeal(1, 0)).toBeNull();
    expect(speedupVsBaseline(0, 5)).toBeNull();
  });

  it('takes the median of odd and even lists and refuses an empty one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it('bounds a throttled fleet by the PUT bucket, the write bucket and the concurrency', () => {
    const limits = { putBurst: 20, putRefillPerSecond: 1 / 60, writeBurst: 200, writeRefillPerSecond: 10 };
    expect(fleetLowerBoundInSeconds({ pools: 40, concurrency: 4, operationSeconds: 60, ...limits })).toBe(
      1260,
    );
    expect(fleetLowerBoundInSeconds({ pools: 10, concurrency: 4, operationSeconds: 60, ...limits })).toBe(
      180,
    );
    expect(fleetLowerBoundInSeconds({ pools: 0, concurrency: 4, operationSeconds: 60, ...limits })).toBe(0);
    expect(fleetLowerBoundInSeconds({ pools: 2000, concurrency: 4, operationSeconds: 60, ...limits })).toBe(
      118_860,
    );
  });
});

describe('targets and the report', () => {
  it('checks each target against the computed ratios and the details', () => {
    const outcomes = evaluateTargets(seed);
    expect(outcomes.map((o) => [o.actual, o.met])).toEqual([
      [1.05, true],
      [2, true],
    ]);
    const missed = evaluateTargets({ ...seed, ours: 66 });
    expect(missed[0]).toMatchObject({ actual: 1.1, met: false });
    const unmeasured = evaluateTargets({
      ...seed,
      ours: null,
      targets: [{ field: 'ours', op: '<', value: 5 }],
    });
    expect(unmeasured[0]).toMatchObject({ actual: null, met: false });
    const fromDetails = evaluateTargets({ ...seed, targets: [{ field: 'throttled', op: '<=', value: 0 }] });
    expect(fromDetails[0]?.met).toBe(true);
  });

  it('writes the JSON row with the fixed fields first and the details spread in', () => {
    const row = toJsonRow({ ...seed, ours: 66 });
    expect(Object.keys(row).slice(0, 7)).toEqual([
      'name',
      'unit',
      'ours',
      'baseline',
      'ideal',
      'ratioToIdeal',
      'speedupVsBaseline',
    ]);
    expect(row).toMatchObject({ ratioToIdeal: 1.1, speedupVsBaseline: 1.909, timeScale: 20 });
    expect(row.targets).toEqual([
      { target: 'ratioToIdeal ≤ 1.05', actual: 1.1, met: false, whyMissed: 'the 2 s poll interval' },
      { target: 'speedupVsBaseline ≥ 1.9', actual: 1.909, met: true },
    ]);
  });

  it('renders a table with a target column and a plain verdict, and escapes pipes', () => {
    const md = renderMarkdown(
      [
        { ...seed, ours: 66 },
        { ...seed, name: 'a|b', targets: [], ours: null },
      ],
      {
        mode: 'quick',
        startedAt: '2026-11-28T20:00:00.000Z',
        durationInSeconds: 95,
        machine: { cpus: 2 },
      },
    );
    expect(md).toContain('Mode: **quick**');
    expect(md).toContain(
      '| scenario | unit | ours | baseline | ideal | ours/ideal | speedup | target | result |',
    );
    expect(md).toContain(
      '| seed | s | 66.0 | 126 | 60.0 | 1.10 | 1.91 | ratioToIdeal ≤ 1.05; speedupVsBaseline ≥ 1.9 | missed (the 2 s poll interval); met |',
    );
    expect(md).toContain('| a\\|b | s | — | 126 | 60.0 | — | — | — (reported) | — |');
    expect(md).toContain('- **seed**: a note');
  });

  it('formats numbers by magnitude', () => {
    expect([formatNumber(1234.5), formatNumber(12.34), formatNumber(1.2345), formatNumber(0.1234)]).toEqual([
      '1235',
      '12.3',
      '1.23',
      '0.123',
    ]);
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
});

describe('the convergence chart', () => {
  it('picks 1-2-5 axis ceilings', () => {
    expect([niceCeiling(0), niceCeiling(0.7), niceCeiling(63), niceCeiling(130), niceCeiling(2200)]).toEqual([
      1, 1, 100, 200, 2500,
    ]);
  });

  it('labels long axes in hours and short ones in seconds', () => {
    expect([
      formatTick(5400, 14_400),
      formatTick(7200, 14_400),
      formatTick(12.5, 50),
      formatTick(600, 2500),
    ]).toEqual(['1.5', '2', '12.5', '600']);
  });

  it('draws one step per converged pool, in time order', () => {
    expect(
      stepPath(
        [2, 1],
        (s) => s * 10,
        (n) => 100 - n * 10,
      ),
    ).toBe('M0.0,100.0 H10.0 V90.0 H20.0 V80.0');
  });

  it('renders one panel per scenario with the ideal and escaped titles', () => {
    const svg = renderConvergenceSvg([
      {
        title: 'seed <2 pools>',
        pools: 2,
        idealInSeconds: 60,
        series: [
          { label: 'aks-scaler', doneAtInSeconds: [62, 63] },
          { label: 'baseline', doneAtInSeconds: [62] },
        ],
      },
      { title: 'fleet', pools: 3, idealInSeconds: null, series: [] },
    ]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="720"')).toBe(true);
    expect(svg).toContain('seed &lt;2 pools&gt;');
    expect(svg).toContain('aks-scaler (2/2)');
    expect(svg).toContain('baseline (1/2)');
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(1);
  });
});

describe('the compressed clock', () => {
  it('converts emulator intervals to real ones and refuses factors below 1', () => {
    const scale = timeScale(20);
    expect(scale.toRealMs(2000)).toBe(100);
    expect(scale.now()).toBeGreaterThan(Date.now() - 1000);
    expect(() => timeScale(0.5)).toThrow(RangeError);
    expect(() => timeScale(Number.NaN)).toThrow(RangeError);
  });
});
