import { nodesDuring, type PoolSavings, type PreviewSavings, previewSavings } from '../preview/savings.js';
import { countScale, hourStep, timeTicks } from './svg-axes.js';
import { describeMarksLegend, markSpans, marksLegend, poolMarks } from './svg-marks.js';
import { describeSaving, describeTotal, escapeXml, legend } from './svg-text.js';
import type { Timeline } from './timeline.js';

/** Options of {@link timelineSvg}. */
export interface TimelineSvgOptions {
  /** IANA timezone for day boundaries and labels. @default 'UTC' */
  timezone?: string;
  /** Chart width in pixels. @default 960 */
  width?: number;
  /** The savings to draw (baselines, node-hours, cost). @default previewSavings(timeline) (baseline max) */
  savings?: PreviewSavings;
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4d7c0f', '#be185d'];
const ABOVE_BASELINE = '#f59e0b';
const LEFT = 56;
const RIGHT = 24;
const TOP = 84;
const ROW_HEIGHT = 194;
const PLOT_OFFSET = 26;
const PLOT_HEIGHT = 140;
const AXIS_SPACE = 44;
const MARKS_LEGEND_SPACE = 22;

/** A run of consecutive spans in which a pool has the same target (and so runs the same number of nodes). */
interface Run {
  from: number;
  to: number;
  nodes: number;
  /** The target in words: `5`, `stop`, `2..10`. */
  target: string;
  /** The autoscaler range of a range target. */
  range?: { minCount: number; maxCount: number } | undefined;
}

function runsOf(timeline: Timeline, pool: string): Run[] {
  const runs: Run[] = [];
  for (const segment of timeline.segments) {
    const nodes = nodesDuring(segment, pool);
    if (nodes === undefined) continue;
    const from = segment.from.getTime();
    const target = segment.targets[pool] ?? String(nodes);
    const last = runs.at(-1);
    if (last && last.to === from && last.target === target) last.to = segment.to.getTime();
    else
      runs.push({
        from,
        to: segment.to.getTime(),
        nodes,
        target,
        range: segment.decisions[pool]?.autoscaler,
      });
  }
  return runs;
}

/** Marks what a line alone does not say: a stopped pool (at 0, labelled) and an autoscaler range (a band). */
function targetMarks(
  runs: readonly Run[],
  color: string,
  x: (t: number) => number,
  y: (count: number) => number,
): string[] {
  const px = (value: number) => value.toFixed(1);
  const out: string[] = [];
  for (const run of runs) {
    const left = x(run.from);
    const wide = x(run.to) - left >= 34;
    if (run.range) {
      out.push(
        `<rect x="${px(left)}" y="${px(y(run.range.maxCount))}" width="${px(x(run.to) - left)}" height="${px(y(run.range.minCount) - y(run.range.maxCount))}" fill="${color}" fill-opacity="0.08" stroke="${color}" stroke-opacity="0.4" stroke-dasharray="2 2"/>`,
      );
      if (wide) {
        out.push(
          `<text x="${px(left + 3)}" y="${px(y(run.range.maxCount) + 11)}" font-size="10" fill="${color}">${escapeXml(run.target)}</text>`,
        );
      }
    } else if (run.target === 'stop' && wide) {
      out.push(`<text x="${px(left + 3)}" y="${px(y(0) - 4)}" font-size="10" fill="#555">stopped</text>`);
    }
  }
  return out;
}

/**
 * Draws a timeline as an SVG: one step chart per pool (small multiples sharing the time axis) against its
 * baseline (dashed), the saved node-hours shaded between them and written above each pool and in total, a y-axis
 * with a gridline at every tick, hour ticks and day separators in the given timezone. Spans without an opinion
 * show a gap; a stopped pool is drawn at 0 and labelled `stopped`, an autoscaler range as a band from its minimum
 * to its maximum (the line, like the node-hours, at the maximum). A schedule's holidays are shaded and named, and
 * the early starts of its lead time marked, with a legend line below the axis when there are any. The `title` and
 * `desc` elements say the same in words for screen readers.
 */
export function timelineSvg(timeline: Timeline, options: TimelineSvgOptions = {}): string {
  const width = options.width ?? 960;
  const timezone = options.timezone ?? 'UTC';
  const savings = options.savings ?? previewSavings(timeline);
  const plotWidth = width - LEFT - RIGHT;
  const rows = Math.max(1, timeline.pools.length);
  const bottom = TOP + rows * ROW_HEIGHT - (ROW_HEIGHT - PLOT_OFFSET - PLOT_HEIGHT);
  const marks = new Map(timeline.pools.map((pool) => [pool, markSpans(timeline, pool)]));
  const markKinds = new Set([...marks.values()].flat().map((span) => span.kind));
  const height = bottom + AXIS_SPACE + (markKinds.size > 0 ? MARKS_LEGEND_SPACE : 0);
  const start = timeline.from.getTime();
  const end = timeline.to.getTime();
  const x = (t: number) => LEFT + ((t - start) / Math.max(1, end - start)) * plotWidth;
  const px = (value: number) => value.toFixed(1);
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
  const total = describeTotal(savings);
  const description =
    [
      ...savings.pools.map((p) => `${p.pool}: ${describeSaving(p)}.`),
      `${total}.`,
      'Solid lines: the desired count; dashed: the baseline; shaded: node-hours saved (amber: above the baseline); gaps: no opinion, counted on neither side.',
    ].join(' ') + describeMarksLegend(markKinds);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">${escapeXml(title)}</title>`,
    `<desc id="chart-desc">${escapeXml(description)}</desc>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${LEFT}" y="22" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${LEFT}" y="42" fill="#333">${escapeXml(total)}</text>`,
    ...legend(LEFT, 62, ABOVE_BASELINE),
  ];
  // Hour ticks (labelled below the last plot) and day separators across every plot.
  const hoursInRange = (end - start) / 3_600_000;
  const every = hourStep(hoursInRange, plotWidth);
  const dayLabel = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', day: '2-digit' });
  for (const tick of timeTicks(start, end, timezone, every)) {
    const tx = px(x(tick.at));
    if (tick.midnight) {
      out.push(`<line x1="${tx}" y1="${TOP - 5}" x2="${tx}" y2="${bottom + 6}" stroke="#bbb"/>`);
      if (tick.at < end && x(end) - x(tick.at) >= 30) {
        const label = escapeXml(dayLabel.format(new Date(tick.at)));
        out.push(`<text x="${px(x(tick.at) + 3)}" y="${bottom + 34}" fill="#333">${label}</text>`);
      }
    } else {
      out.push(`<line x1="${tx}" y1="${TOP - 5}" x2="${tx}" y2="${bottom}" stroke="#f0f0f0"/>`);
      out.push(`<line x1="${tx}" y1="${bottom}" x2="${tx}" y2="${bottom + 4}" stroke="#888"/>`);
    }
    if (every < 24 && !tick.midnight && tick.at < end) {
      out.push(
        `<text x="${tx}" y="${bottom + 17}" text-anchor="middle" font-size="10" fill="#666">${tick.label.slice(0, 2)}</text>`,
      );
    }
  }
  timeline.pools.forEach((pool, index) => {
    const saving = savings.pools.find((p) => p.pool === pool);
    out.push(...poolRow(timeline, pool, index, saving, { x, width, marks: marks.get(pool) ?? [] }));
  });
  if (markKinds.size > 0) out.push(...marksLegend(LEFT, bottom + AXIS_SPACE + 12, markKinds));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function poolRow(
  timeline: Timeline,
  pool: string,
  index: number,
  saving: PoolSavings | undefined,
  frame: { x: (t: number) => number; width: number; marks: ReturnType<typeof markSpans> },
): string[] {
  const { x, width } = frame;
  const px = (value: number) => value.toFixed(1);
  const top = TOP + index * ROW_HEIGHT;
  const plotTop = top + PLOT_OFFSET;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const runs = runsOf(timeline, pool);
  const baseline = saving?.baselineCount;
  const scale = countScale(Math.max(baseline ?? 0, ...runs.map((r) => r.range?.maxCount ?? r.nodes)));
  const y = (count: number) => plotBottom - (count / scale.top) * PLOT_HEIGHT;
  const color = COLORS[index % COLORS.length] as string;
  const out: string[] = [
    // The pool's name sits on its own line above its plot, its saving right-aligned on the same line.
    `<text x="${LEFT}" y="${top + 14}" font-weight="bold" fill="${color}">${escapeXml(pool)}</text>`,
  ];
  if (saving) {
    out.push(
      `<text x="${width - RIGHT}" y="${top + 14}" text-anchor="end" fill="#333">${escapeXml(describeSaving(saving))}</text>`,
    );
  }
  for (const tick of scale.ticks) {
    const ty = px(y(tick));
    const stroke = tick === 0 ? '#888' : '#e5e5e5';
    out.push(`<line x1="${LEFT}" y1="${ty}" x2="${width - RIGHT}" y2="${ty}" stroke="${stroke}"/>`);
    out.push(
      `<text x="${LEFT - 6}" y="${px(y(tick) + 4)}" text-anchor="end" font-size="11" fill="#555">${tick}</text>`,
    );
  }
  out.push(...poolMarks(frame.marks, { x, plotTop, plotBottom }));
  if (baseline !== undefined) {
    for (const run of runs) {
      if (run.nodes === baseline) continue;
      const [upper, lower] = run.nodes < baseline ? [baseline, run.nodes] : [run.nodes, baseline];
      const fill = run.nodes < baseline ? color : ABOVE_BASELINE;
      out.push(
        `<rect x="${px(x(run.from))}" y="${px(y(upper))}" width="${px(x(run.to) - x(run.from))}" height="${px(y(lower) - y(upper))}" fill="${fill}" fill-opacity="0.15"/>`,
      );
    }
    // The baseline counts where the policy has an opinion, so it has the same gaps as the pool's line.
    for (const covered of coveredStretches(runs)) {
      out.push(
        `<line x1="${px(x(covered.from))}" y1="${px(y(baseline))}" x2="${px(x(covered.to))}" y2="${px(y(baseline))}" stroke="${color}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
      );
    }
  }
  let path = '';
  let previousEnd: number | undefined;
  for (const run of runs) {
    const level = px(y(run.nodes));
    path += previousEnd === run.from ? `L${px(x(run.from))},${level}` : `M${px(x(run.from))},${level}`;
    path += `L${px(x(run.to))},${level}`;
    previousEnd = run.to;
  }
  if (path) out.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
  out.push(...targetMarks(runs, color, x, y));
  return out;
}

function coveredStretches(runs: readonly Run[]): Array<{ from: number; to: number }> {
  const stretches: Array<{ from: number; to: number }> = [];
  for (const run of runs) {
    const last = stretches.at(-1);
    if (last && last.to === run.from) last.to = run.to;
    else stretches.push({ from: run.from, to: run.to });
  }
  return stretches;
}
