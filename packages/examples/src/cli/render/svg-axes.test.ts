import { describe, expect, it } from 'vitest';
import { countScale, hourStep, timeTicks } from './svg-axes.js';

describe('countScale', () => {
  it('ticks every node for small counts, on a 1-2-5 scale above', () => {
    expect(countScale(0).ticks).toEqual([0, 1]);
    expect(countScale(4).ticks).toEqual([0, 1, 2, 3, 4]);
    expect(countScale(10).ticks).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(countScale(11)).toMatchObject({ step: 2, top: 12 });
    expect(countScale(30)).toMatchObject({ step: 5, top: 30 });
    expect(countScale(230)).toMatchObject({ step: 50, top: 250 });
    expect(countScale(1000)).toMatchObject({ step: 100, top: 1000 });
    expect(countScale(1001)).toMatchObject({ step: 200, top: 1200 });
  });
});

describe('timeTicks', () => {
  it('puts ticks at local 00, 06, 12, 18 across a spring-forward day (23 hours)', () => {
    // Sun 29 Mar 2026 in Berlin: 00:00 CET = 28 Mar 23:00Z; from 03:00 CEST on, UTC+2.
    const from = Date.parse('2026-03-28T23:00:00Z');
    const to = Date.parse('2026-03-29T22:00:00Z');
    const ticks = timeTicks(from, to, 'Europe/Berlin', 6);
    expect(ticks.map((t) => [new Date(t.at).toISOString(), t.label, t.midnight])).toEqual([
      ['2026-03-28T23:00:00.000Z', '00:00', true],
      ['2026-03-29T04:00:00.000Z', '06:00', false], // 5 real hours after midnight
      ['2026-03-29T10:00:00.000Z', '12:00', false],
      ['2026-03-29T16:00:00.000Z', '18:00', false],
      ['2026-03-29T22:00:00.000Z', '00:00', true],
    ]);
  });

  it('labels a repeated hour of a fall-back day once', () => {
    // Sun 25 Oct 2026: 02:00-03:00 happens twice (CEST, then CET).
    const from = Date.parse('2026-10-24T22:00:00Z');
    const to = Date.parse('2026-10-25T23:00:00Z');
    const labels = timeTicks(from, to, 'Europe/Berlin', 1).map((t) => t.label);
    expect(labels.filter((l) => l === '02:00')).toHaveLength(1);
    expect(labels).toHaveLength(25); // 00:00 to 23:00 plus the closing midnight, one 02:00
  });

  it('chooses the finest hour step that keeps labels apart', () => {
    expect(hourStep(168, 880)).toBe(6); // a week: 5.2 px per hour
    expect(hourStep(24, 880)).toBe(1);
    expect(hourStep(31 * 24, 880)).toBe(24);
  });
});
