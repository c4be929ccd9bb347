import { escapeXml } from './svg-text.js';
import type { Timeline } from './timeline.js';

const HOLIDAY_COLOR = '#7c3aed';
const EARLY_COLOR = '#ea580c';

/** A span of a pool's row to mark: a holiday, or an early start of the schedule's lead time. */
interface MarkSpan {
  from: number;
  to: number;
  kind: 'holiday' | 'early';
  label: string;
}

/** The holidays and early starts of one pool, consecutive spans of the same mark merged. */
export function markSpans(timeline: Timeline, pool: string): MarkSpan[] {
  const spans: MarkSpan[] = [];
  for (const segment of timeline.segments) {
    const mark = segment.marks[pool];
    const found: Array<Pick<MarkSpan, 'kind' | 'label'>> = [];
    if (mark?.holiday !== undefined) found.push({ kind: 'holiday', label: mark.holiday });
    if (mark?.earlyStart) {
      found.push({
        kind: 'early',
        label: `early start for ${mark.earlyStart.startsAt} (${mark.earlyStart.window})`,
      });
    }
    for (const { kind, label } of found) {
      const from = segment.from.getTime();
      const last = spans.findLast((span) => span.kind === kind);
      if (last && last.to === from && last.label === label) last.to = segment.to.getTime();
      else spans.push({ from, to: segment.to.getTime(), kind, label });
    }
  }
  return spans;
}

/**
 * A pool's marks under its line: holidays shaded across the plot with their name where it fits, early starts as
 * an orange band (at least 2 px wide, so minutes show on a week) with a marker above the plot. Each has a
 * `title` for hover and screen readers.
 */
export function poolMarks(
  spans: readonly MarkSpan[],
  frame: { x: (t: number) => number; plotTop: number; plotBottom: number },
): string[] {
  const { x, plotTop, plotBottom } = frame;
  const px = (value: number) => value.toFixed(1);
  const out: string[] = [];
  for (const span of spans) {
    const left = x(span.from);
    const width = Math.max(span.kind === 'early' ? 2 : 0, x(span.to) - left);
    const title = `<title>${escapeXml(span.kind === 'holiday' ? `holiday ${span.label}` : span.label)}</title>`;
    const color = span.kind === 'holiday' ? HOLIDAY_COLOR : EARLY_COLOR;
    const opacity = span.kind === 'holiday' ? '0.08' : '0.35';
    out.push(
      `<rect x="${px(left)}" y="${px(plotTop)}" width="${px(width)}" height="${px(plotBottom - plotTop)}" fill="${color}" fill-opacity="${opacity}">${title}</rect>`,
    );
    if (span.kind === 'holiday' && width >= span.label.length * 5.5 + 6) {
      out.push(
        `<text x="${px(left + 3)}" y="${px(plotTop + 11)}" font-size="10" fill="${HOLIDAY_COLOR}">${escapeXml(span.label)}</text>`,
      );
    }
    if (span.kind === 'early') {
      const mid = left + width / 2;
      out.push(
        `<path d="M${px(mid - 4)},${px(plotTop - 7)}L${px(mid + 4)},${px(plotTop - 7)}L${px(mid)},${px(plotTop - 1)}Z" fill="${EARLY_COLOR}">${title}</path>`,
      );
    }
  }
  return out;
}

/** The legend line of the marks that occur, e.g. only `holiday` when no schedule has a lead time. */
export function marksLegend(left: number, y: number, kinds: ReadonlySet<MarkSpan['kind']>): string[] {
  const items: string[] = [];
  let x = left;
  if (kinds.has('holiday')) {
    items.push(
      `<rect x="${x}" y="${y - 10}" width="20" height="12" fill="${HOLIDAY_COLOR}" fill-opacity="0.15"/>`,
      `<text x="${x + 26}" y="${y}" fill="#555">holiday (the schedule's calendar)</text>`,
    );
    x += 26 + 33 * 6.2 + 18;
  }
  if (kinds.has('early')) {
    items.push(
      `<path d="M${x + 6},${y - 10}L${x + 14},${y - 10}L${x + 10},${y - 4}Z" fill="${EARLY_COLOR}"/>`,
      `<rect x="${x + 9}" y="${y - 4}" width="2" height="6" fill="${EARLY_COLOR}" fill-opacity="0.35"/>`,
      `<text x="${x + 26}" y="${y}" fill="#555">early start (the schedule's leadTime)</text>`,
    );
  }
  return items;
}

/** The sentence for the chart's description, when there are marks. */
export function describeMarksLegend(kinds: ReadonlySet<MarkSpan['kind']>): string {
  const parts = [
    kinds.has('holiday') ? 'violet shading: holidays of the schedule' : undefined,
    kinds.has('early') ? "orange markers: scale-ups started early by the schedule's leadTime" : undefined,
  ].filter(Boolean);
  return parts.length === 0 ? '' : ` Marks: ${parts.join('; ')}.`;
}
