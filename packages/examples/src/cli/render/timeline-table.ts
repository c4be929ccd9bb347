import Table from 'cli-table3';
import type { Timeline } from './timeline.js';
import { describeMarks } from './timeline-marks.js';

/**
 * The preview table: one row per span where targets stay the same, one column per pool (`5`, `stop`, `2..10`),
 * and, when a schedule names holidays or starts scale-ups early, a `notes` column that says so.
 */
export function previewTable(timeline: Timeline, timezone = 'UTC'): string {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const notes = timeline.segments.some((segment) => Object.keys(segment.marks).length > 0);
  const head = ['from', 'to', ...timeline.pools, ...(notes ? ['notes'] : [])];
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const segment of timeline.segments) {
    table.push([
      format.format(segment.from),
      format.format(segment.to),
      ...timeline.pools.map((pool) => segment.targets[pool] ?? '-'),
      ...(notes ? [describeMarks(segment.marks)] : []),
    ]);
  }
  return table.toString();
}
