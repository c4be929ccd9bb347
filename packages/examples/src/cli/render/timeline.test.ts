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

  it('draws each pool against a dashed baseline that has the same gaps as its line, with readable axes', async () => {
    const timeline = await buildTimeline({
      policy: officeHours,
      from: new Date('2026-11-23T00:00:00Z'),
      to: new Date('2026-11-25T00:00:00Z'),
      stepInMs: 3_600_000,
    });
    const svg = timelineSvg(timeline, { timezone: 'UTC' });
    // Baselines (max): manualpool2 10 nodes over 48 h, manualpool3 4 nodes over its two nights (2 * 6 h).
    // One dashed line in the legend, one for manualpool2, one per night for manualpool3.
    expect(svg.match(/stroke-dasharray="6 4"/g)).toHaveLength(4);
    // manualpool2: 2 * (10 h * 10 + 14 h * 2) = 256 of 480; manualpool3 asks for its baseline all the time.
    expect(svg).toContain('>256 of 480 node-hours at 10 nodes: saves 224 (46.7%)</text>');
    expect(svg).toContain('>48 of 48 node-hours at 4 nodes: saves 0 (0.0%)</text>');
    expect(svg).toContain('<desc id="chart-desc">manualpool2: 256 of 480 node-hours');
    expect(svg).toContain('role="img" aria-labelledby="chart-title chart-desc"');
    // A y-axis label per node up to 10, and hour labels between the day separators.
    for (const tick of [0, 1, 2, 5, 9, 10]) expect(svg).toContain(`fill="#555">${tick}</text>`);
    for (const hour of ['06', '12', '18'])
      expect(svg.match(new RegExp(`fill="#666">${hour}</text>`, 'g'))).toHaveLength(2);
    expect(svg).toContain('>Mon 23</text>');
    expect(svg).toContain('>Tue 24</text>');
  });
});
