/** One line of a convergence panel: the instants (seconds from the start) at which each pool converged. */
export interface ConvergenceSeries {
  label: string;
  /** Seconds from the start, one per converged pool. */
  doneAtInSeconds: number[];
}

/** One scenario's panel: pools converged over time, per approach, with the ideal as a dashed line. */
export interface ConvergencePanel {
  title: string;
  /** Pools in scope (the y axis ends here). */
  pools: number;
  /** The ideal convergence time in seconds, drawn as a vertical dashed line. */
  idealInSeconds: number | null;
  series: ConvergenceSeries[];
}

const WIDTH = 360;
const HEIGHT = 240;
const MARGIN = { left: 44, right: 12, top: 28, bottom: 40 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A "nice" axis maximum (1, 2 or 5 times a power of ten) at or above `value`. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** The step line of a series as SVG path data, in panel coordinates. */
export function stepPath(
  doneAtInSeconds: readonly number[],
  x: (seconds: number) => number,
  y: (pools: number) => number,
): string {
  const times = [...doneAtInSeconds].sort((a, b) => a - b);
  let d = `M${x(0).toFixed(1)},${y(0).toFixed(1)}`;
  times.forEach((t, index) => {
    d += ` H${x(t).toFixed(1)} V${y(index + 1).toFixed(1)}`;
  });
  return d;
}

function panel(data: ConvergencePanel, offsetX: number): string {
  const allTimes = data.series.flatMap((s) => s.doneAtInSeconds);
  const span = Math.max(1, data.idealInSeconds ?? 0, ...allTimes) * 1.05;
  const xMax = span >= 7200 ? niceCeiling(span / 3600) * 3600 : niceCeiling(span);
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (s: number) => MARGIN.left + (s / xMax) * innerW;
  const y = (n: number) => MARGIN.top + innerH - (n / Math.max(1, data.pools)) * innerH;
  const legendLines = data.series.length + (data.idealInSeconds !== null ? 1 : 0);
  const legendY = (line: number) => MARGIN.top + innerH - 8 - (legendLines - 1 - line) * 13;
  const parts = [`<g transform="translate(${offsetX},0)">`];
  parts.push(
    `<text x="${WIDTH / 2}" y="16" text-anchor="middle" font-weight="bold">${escapeXml(data.title)}</text>`,
  );
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${innerW}" height="${innerH}" fill="none" stroke="#999"/>`,
  );
  for (let i = 0; i <= 4; i++) {
    const s = (xMax * i) / 4;
    parts.push(
      `<text x="${x(s).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 14}" text-anchor="middle" font-size="10">${escapeXml(formatTick(s, xMax))}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + innerW / 2}" y="${HEIGHT - 8}" text-anchor="middle" font-size="10">${xMax >= 7200 ? 'hours' : 'seconds'} (emulator time)</text>`,
  );
  parts.push(
    `<text x="${MARGIN.left - 6}" y="${y(data.pools) + 4}" text-anchor="end" font-size="10">${data.pools}</text>`,
  );
  parts.push(`<text x="${MARGIN.left - 6}" y="${y(0) + 4}" text-anchor="end" font-size="10">0</text>`);
  parts.push(
    `<text transform="translate(12,${MARGIN.top + innerH / 2}) rotate(-90)" text-anchor="middle" font-size="10">pools converged</text>`,
  );
  if (data.idealInSeconds !== null) {
    const ix = x(data.idealInSeconds).toFixed(1);
    parts.push(
      `<line x1="${ix}" y1="${MARGIN.top}" x2="${ix}" y2="${MARGIN.top + innerH}" stroke="#2ca02c" stroke-dasharray="4 3"/>`,
    );
  }
  data.series.forEach((series, index) => {
    const color = COLORS[index % COLORS.length]!;
    parts.push(
      `<path d="${stepPath(series.doneAtInSeconds, x, y)}" fill="none" stroke="${color}" stroke-width="2"/>`,
    );
    parts.push(
      `<text x="${MARGIN.left + innerW - 6}" y="${legendY(index)}" text-anchor="end" font-size="10" fill="${color}">${escapeXml(series.label)} (${series.doneAtInSeconds.length}/${data.pools})</text>`,
    );
  });
  if (data.idealInSeconds !== null) {
    parts.push(
      `<text x="${MARGIN.left + innerW - 6}" y="${legendY(data.series.length)}" text-anchor="end" font-size="10" fill="#2ca02c">ideal (dashed)</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('\n');
}

/** An axis label: hours (one decimal) when the axis spans two hours or more, else seconds. */
export function formatTick(seconds: number, axisMax: number): string {
  if (axisMax >= 7200) return (seconds / 3600).toFixed(seconds % 3600 === 0 ? 0 : 1);
  return Number.isInteger(seconds) ? seconds.toFixed(0) : seconds.toFixed(1);
}

/** Renders the panels side by side as one standalone SVG document. */
export function renderConvergenceSvg(panels: readonly ConvergencePanel[]): string {
  const width = Math.max(1, panels.length) * WIDTH;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${HEIGHT}" fill="white"/>`,
    ...panels.map((p, index) => panel(p, index * WIDTH)),
    '</svg>',
    '',
  ].join('\n');
}
