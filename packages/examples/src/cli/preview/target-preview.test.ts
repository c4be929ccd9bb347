import { schedulePolicy } from '@aks-scaler/policies';
import { describe, expect, it } from 'vitest';
import { timelineSvg } from '../render/svg-chart.js';
import { buildTimeline } from '../render/timeline.js';
import { previewTable } from '../render/timeline-table.js';
import { nodesFor, previewSavings } from './savings.js';

// batch: 4 nodes 08:00-18:00 UTC, stopped otherwise; web: the autoscaler between 2 and 10 by day, 1..3 at night.
const policy = schedulePolicy({
  timezone: 'UTC',
  rules: [{ when: 'Mon-Sun 08:00-18:00', counts: { batch: 4, web: { min: 2, max: 10 } } }],
  otherwise: { batch: 'stop', web: { min: 1, max: 3 } },
});
const day = () =>
  buildTimeline({
    policy,
    from: new Date('2026-11-30T00:00:00Z'),
    to: new Date('2026-12-01T00:00:00Z'),
    stepInMs: 60 * 60_000,
  });

describe('preview: stops and autoscaler ranges', () => {
  it('counts a stopped pool as 0 nodes and a range as its maximum, in the one place that maps them', () => {
    expect(nodesFor({ pool: 'a', power: 'Stopped', reason: 'r' })).toBe(0);
    expect(nodesFor({ pool: 'a', autoscaler: { minCount: 2, maxCount: 10 }, reason: 'r' })).toBe(10);
    expect(nodesFor({ pool: 'a', count: 3, reason: 'r' })).toBe(3);
    expect(nodesFor({ pool: 'a', power: 'Running', reason: 'r' })).toBeUndefined();
    expect(nodesFor(undefined)).toBeUndefined();
  });

  it('keeps the targets in the timeline, its table and its node-hours', async () => {
    const timeline = await day();
    expect(timeline.segments.map((s) => [s.from.toISOString().slice(11, 16), s.targets, s.counts])).toEqual([
      ['00:00', { batch: 'stop', web: '1..3' }, { batch: 0, web: 3 }],
      ['08:00', { batch: '4', web: '2..10' }, { batch: 4, web: 10 }],
      ['18:00', { batch: 'stop', web: '1..3' }, { batch: 0, web: 3 }],
    ]);
    expect(previewTable(timeline)).toMatch(/│ Mon 30 Nov, 00:00 │ Mon 30 Nov, 08:00 │ stop\s+│ 1..3\s+│/);
    const savings = previewSavings(timeline);
    // batch: 10 h at 4 nodes, 14 h stopped; web: 10 h at most 10 nodes, 14 h at most 3.
    expect(savings.pools.map((p) => [p.pool, p.nodeHours, p.baselineNodeHours])).toEqual([
      ['batch', 40, 96],
      ['web', 142, 240],
    ]);
  });

  it('draws a stopped span at 0 with a label, and a range as a band', async () => {
    const svg = timelineSvg(await day());
    expect(svg.match(/>stopped</g)).toHaveLength(2);
    expect(svg).toMatch(/<rect [^>]*fill-opacity="0.08"[^>]*stroke-dasharray="2 2"\/>/);
    expect(svg).toContain('>2..10<');
  });
});
