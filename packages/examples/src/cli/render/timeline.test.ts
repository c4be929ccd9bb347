import type { Policy } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { timelineSvg } from './svg-chart.js';
import { buildTimeline } from './timeline.js';
import { previewTable } from './timeline-table.js';

// Business hours in UTC: 10 nodes Mon-Fri 08:00-18:00, otherwise 2; manualpool3 has an opinion only at night.
const officeHours: Policy = {
  name: 'office-hours',
  evaluate: ({ now }) => {
    const day = now.getUTCDay();
    const hour = now.getUTCHours();
    const open = day >= 1 && day <= 5 && hour >= 8 && hour < 18;
    const decisions = [{ pool: 'manualpool2', count: open ? 10 : 2, reason: open ? 'office' : 'closed' }];
    if (hour < 6) decisions.push({ pool: 'manualpool3', count: 4, reason: 'night batch' });
    return decisions;
  },
};

describe('preview timeline', () => {
  it('merges equal steps into spans and covers the whole week', async () => {
    const from = new Date('2026-11-23T00:00:00Z'); // a Monday
    const to = new Date('2026-11-30T00:00:00Z');
    const timeline = await buildTimeline({ policy: officeHours, from, to, stepInMs: 15 * 60_000 });
    expect(timeline.pools).toEqual(['manualpool2', 'manualpool3']);
    expect(timeline.segments[0]).toMatchObject({
      from: from,
      to: new Date('2026-11-23T06:00:00Z'),
      counts: { manualpool2: 2, manualpool3: 4 },
    });
    expect(timeline.segments[1]).toMatchObject({
      from: new Date('2026-11-23T06:00:00Z'),
      to: new Date('2026-11-23T08:00:00Z'),
      counts: { manualpool2: 2 },
    });
    expect(timeline.segments[2]).toMatchObject({
      counts: { manualpool2: 10 },
      to: new Date('2026-11-23T18:00:00Z'),
    });
    expect(timeline.segments.at(-1)!.to).toEqual(to);
    for (let i = 1; i < timeline.segments.length; i++) {
      expect(timeline.segments[i]!.from).toEqual(timeline.segments[i - 1]!.to);
    }
    expect(timeline.segments.filter((s) => s.counts.manualpool2 === 10)).toHaveLength(5);
  });

  it('renders a table with a column per pool and an SVG with a line per pool', async () => {
    const timeline = await buildTimeline({
      policy: officeHours,
      from: new Date('2026-11-23T00:00:00Z'),
      to: new Date('2026-11-24T00:00:00Z'),
      stepInMs: 3_600_000,
    });
    const table = previewTable(timeline, 'Europe/Berlin');
    expect(table).toContain('manualpool2');
    expect(table).toContain('Mon 23 Nov, 09:00'); // 08:00Z in Berlin
    const svg = timelineSvg(timeline, { timezone: 'UTC' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('>manualpool3</text>');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });
});
