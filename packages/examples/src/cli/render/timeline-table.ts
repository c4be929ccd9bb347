import Table from 'cli-table3';
import type { Timeline } from './timeline.js';

/** The preview table: one row per span where targets stay the same, one column per pool (`5`, `stop`, `2..10`). */
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
  const table = new Table({ head: ['from', 'to', ...timeline.pools], style: { head: [], border: [] } });
  for (const segment of timeline.segments) {
    table.push([
      format.format(segment.from),
      format.format(segment.to),
      ...timeline.pools.map((pool) => segment.targets[pool] ?? '-'),
    ]);
  }
  return table.toString();
}
