import type { Timeline } from './timeline.js';

/** Options of {@link timelineSvg}. */
export interface TimelineSvgOptions {
  /** IANA timezone for day boundaries and labels. @default 'UTC' */
  timezone?: string;
  /** Chart width in pixels. @default 960 */
  width?: number;
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4d7c0f', '#be185d'];
const ROW_HEIGHT = 110;
const LEFT = 110;
const RIGHT = 20;
const TOP = 40;

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * Draws a timeline as an SVG: one step chart per pool (small multiples sharing the time axis), day separators
 * and labels in the given timezone. Pools without an opinion in a segment show a gap.
 */
export function timelineSvg(timeline: Timeline, options: TimelineSvgOptions = {}): string {
  const width = options.width ?? 960;
  const timezone = options.timezone ?? 'UTC';
  const plotWidth = width - LEFT - RIGHT;
  const height = TOP + Math.max(1, timeline.pools.length) * ROW_HEIGHT + 30;
  const start = timeline.from.getTime();
  const span = Math.max(1, timeline.to.getTime() - start);
  const x = (t: number) => LEFT + ((t - start) / span) * plotWidth;
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const title = `Desired node counts, ${day.format(timeline.from)} to ${day.format(timeline.to)} (${timezone})`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${LEFT}" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  // Day separators at local midnights.
  const dayLabel = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', day: '2-digit' });
  const hour = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const bottom = height - 30;
  // Local midnights, found on a 15-minute grid so that zones with half-hour offsets line up too.
  for (let t = Math.ceil(start / 900_000) * 900_000; t <= timeline.to.getTime(); t += 900_000) {
    if (hour.format(new Date(t)) !== '00:00') continue;
    out.push(
      `<line x1="${x(t).toFixed(1)}" y1="${TOP - 5}" x2="${x(t).toFixed(1)}" y2="${bottom}" stroke="#ccc"/>`,
    );
    if (t >= timeline.to.getTime()) continue; // the closing line needs no label
    out.push(
      `<text x="${(x(t) + 3).toFixed(1)}" y="${bottom + 15}" fill="#555">${escapeXml(dayLabel.format(new Date(t)))}</text>`,
    );
  }
  timeline.pools.forEach((pool, index) => {
    const top = TOP + index * ROW_HEIGHT;
    const rowBottom = top + ROW_HEIGHT - 20;
    const max = Math.max(1, ...timeline.segments.map((s) => s.counts[pool] ?? 0));
    // The pool's name sits on its own line above its plot, so it never meets the axis labels.
    const plotTop = top + 24;
    const y = (count: number) => rowBottom - (count / max) * (rowBottom - plotTop);
    const color = COLORS[index % COLORS.length];
    out.push(
      `<text x="${LEFT}" y="${top + 12}" font-weight="bold" fill="${color}">${escapeXml(pool)}</text>`,
    );
    out.push(`<text x="${LEFT - 8}" y="${y(max) + 4}" text-anchor="end" fill="#555">${max}</text>`);
    out.push(`<text x="${LEFT - 8}" y="${y(0) + 4}" text-anchor="end" fill="#555">0</text>`);
    out.push(`<line x1="${LEFT}" y1="${rowBottom}" x2="${width - RIGHT}" y2="${rowBottom}" stroke="#888"/>`);
    let path = '';
    let previous: number | undefined;
    for (const segment of timeline.segments) {
      const count = segment.counts[pool];
      const x1 = x(segment.from.getTime()).toFixed(1);
      const x2 = x(segment.to.getTime()).toFixed(1);
      if (count === undefined) {
        previous = undefined;
        continue;
      }
      path += previous === undefined ? `M${x1},${y(count).toFixed(1)}` : `L${x1},${y(count).toFixed(1)}`;
      path += `L${x2},${y(count).toFixed(1)}`;
      previous = count;
    }
    if (path) out.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
