// The lead-time picture of docs/policies.md: the same schedule with and without `leadTime`, evaluated minute by
// minute around the window's start and end by the real schedulePolicy, and when the nodes are in place if each
// scale-up takes 6 minutes. Plain string building, no dependencies.
import type { Policy } from '@aks-scaler/core';
import { escapeXml } from '@aks-scaler/examples';
import { schedulePolicy } from '@aks-scaler/policies';

/** How long the picture's scale-ups take, and the lead that matches it. */
export const OPERATION_IN_MS = 6 * 60_000;
const spec = (leadTime?: string) =>
  schedulePolicy({
    timezone: 'Europe/Berlin',
    ...(leadTime && { leadTime }),
    rules: [{ when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10 } }],
    otherwise: { manualpool2: 2 },
  });
const ROWS: Array<{ label: string; note: string; policy: Policy }> = [
  { label: 'no leadTime', note: 'exact windows (before)', policy: spec() },
  { label: 'leadTime: 6m', note: 'or auto, once learned', policy: spec('6m') },
];
// Monday 30 November 2026 in Berlin (UTC+1): 07:10-07:45 and 20:15-20:45 local.
const PANELS = [
  {
    title: 'the window opens, 07:30',
    from: Date.parse('2026-11-30T06:10:00Z'),
    to: Date.parse('2026-11-30T06:45:00Z'),
  },
  {
    title: 'the window closes, 20:30',
    from: Date.parse('2026-11-30T19:15:00Z'),
    to: Date.parse('2026-11-30T19:45:00Z'),
  },
];
const MINUTE = 60_000;
const WIDTH = 960;
const LEFT = 150;
const GAP = 40;
const PANEL = (WIDTH - LEFT - 20 - GAP) / 2;
const TOP = 80;
const ROW = 92;
const PLOT = 56;
const BLUE = '#2563eb';
const GREEN = '#16a34a';

interface Sample {
  at: number;
  desired: number;
  ready: number;
}

/** The desired count each minute, and the nodes in place: a rise lands OPERATION_IN_MS after it starts. */
async function samples(policy: Policy, from: number, to: number): Promise<Sample[]> {
  const cluster = { subscriptionId: 'docs', resourceGroup: 'docs', clusterName: 'docs' };
  const out: Sample[] = [];
  let ready = 2;
  let pending: { count: number; at: number } | undefined;
  for (let at = from - 30 * MINUTE; at <= to; at += MINUTE) {
    const [decision] = await policy.evaluate({ now: new Date(at), cluster, pools: [] });
    const desired = decision?.count ?? 0;
    if (pending && at >= pending.at) {
      ready = pending.count;
      pending = undefined;
    }
    if (desired < ready) ready = desired;
    else if (desired > ready && pending?.count !== desired)
      pending = { count: desired, at: at + OPERATION_IN_MS };
    if (at >= from) out.push({ at, desired, ready });
  }
  return out;
}

const clock = (at: number) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));

/** A step line (or, with `area`, the area under it) through the samples. */
function steps(
  points: Sample[],
  value: (s: Sample) => number,
  x: (t: number) => number,
  y: (n: number) => number,
): string {
  let d = '';
  points.forEach((point, i) => {
    const px = x(point.at).toFixed(1);
    const py = y(value(point)).toFixed(1);
    d += i === 0 ? `M${px},${py}` : `H${px}V${py}`;
  });
  return `${d}H${x((points.at(-1) as Sample).at + MINUTE).toFixed(1)}`;
}

/** The SVG of lead time: desired counts and nodes in place, without and with a lead, at a window's start and end. */
export async function leadTimeSvg(): Promise<string> {
  const height = TOP + ROWS.length * ROW + 46;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12" role="img" aria-labelledby="lead-title lead-desc">`,
    '<title id="lead-title">Lead time: a scale-up starts early so the nodes are in place when the window opens</title>',
    `<desc id="lead-desc">Schedule Mon-Fri 07:30-20:30 at 10 nodes, 2 otherwise (Europe/Berlin); each scale-up takes 6 minutes. Without leadTime the scale-up starts at 07:30 and the nodes are in place at 07:36. With leadTime 6m it starts at 07:24 and the nodes are in place at 07:30. Both scale down at 20:30.</desc>`,
    '<rect width="100%" height="100%" fill="white"/>',
    `<text x="20" y="24" font-size="14" font-weight="bold">Mon-Fri 07:30-20:30: 10 nodes, otherwise 2 (Europe/Berlin); a scale-up takes 6 minutes</text>`,
    `<line x1="20" y1="42" x2="40" y2="42" stroke="${BLUE}" stroke-width="1.5" stroke-dasharray="5 3"/><text x="46" y="46" fill="#555">desired count (the policy's decision)</text>`,
    `<rect x="290" y="36" width="20" height="12" fill="${GREEN}" fill-opacity="0.3" stroke="${GREEN}"/><text x="316" y="46" fill="#555">nodes in place</text>`,
  ];
  for (const [index, panel] of PANELS.entries()) {
    const left = LEFT + index * (PANEL + GAP);
    const x = (t: number) => left + ((t - panel.from) / (panel.to + MINUTE - panel.from)) * PANEL;
    out.push(
      `<text x="${left}" y="${TOP - 6}" font-weight="bold" fill="#333">${escapeXml(panel.title)}</text>`,
    );
    for (const [row, { label, note, policy }] of ROWS.entries()) {
      const top = TOP + row * ROW + 8;
      const y = (n: number) => top + PLOT - (n / 10) * PLOT;
      const points = await samples(policy, panel.from, panel.to);
      if (index === 0) {
        out.push(`<text x="20" y="${top + 24}" font-weight="bold">${escapeXml(label)}</text>`);
        out.push(`<text x="20" y="${top + 40}" fill="#555" font-size="11">${escapeXml(note)}</text>`);
      }
      out.push(
        `<rect x="${left}" y="${top}" width="${PANEL}" height="${PLOT}" fill="#f8fafc" stroke="#e5e7eb"/>`,
      );
      const area = `${steps(points, (s) => s.ready, x, y)}V${y(0).toFixed(1)}H${x(panel.from).toFixed(1)}Z`;
      out.push(`<path d="${area}" fill="${GREEN}" fill-opacity="0.3" stroke="none"/>`);
      out.push(
        `<path d="${steps(points, (s) => s.ready, x, y)}" fill="none" stroke="${GREEN}" stroke-width="1.5"/>`,
      );
      out.push(
        `<path d="${steps(points, (s) => s.desired, x, y)}" fill="none" stroke="${BLUE}" stroke-width="1.5" stroke-dasharray="5 3"/>`,
      );
      // Say when the count starts to rise, and when the nodes are in place (or when they go).
      const rise = points.find((s, i) => i > 0 && s.desired > (points[i - 1] as Sample).desired);
      const full = points.find((s, i) => i > 0 && s.ready > (points[i - 1] as Sample).ready);
      const drop = points.find((s, i) => i > 0 && s.ready < (points[i - 1] as Sample).ready);
      const caption = [
        rise && `starts ${clock(rise.at)}`,
        full && `in place ${clock(full.at)}`,
        drop && `down at ${clock(drop.at)}`,
      ].filter(Boolean);
      out.push(
        `<text x="${left + 4}" y="${top - 2 + PLOT + 16}" fill="#333" font-size="11">${escapeXml(caption.join(', '))}</text>`,
      );
    }
    const edge = index === 0 ? Date.parse('2026-11-30T06:30:00Z') : Date.parse('2026-11-30T19:30:00Z');
    const bottom = TOP + ROWS.length * ROW;
    out.push(
      `<line x1="${x(edge).toFixed(1)}" y1="${TOP}" x2="${x(edge).toFixed(1)}" y2="${bottom}" stroke="#dc2626" stroke-dasharray="2 3"/>`,
    );
    for (let t = panel.from; t <= panel.to + MINUTE; t += 5 * MINUTE) {
      const tx = x(t).toFixed(1);
      out.push(`<line x1="${tx}" y1="${bottom}" x2="${tx}" y2="${bottom + 4}" stroke="#888"/>`);
      out.push(
        `<text x="${tx}" y="${bottom + 17}" text-anchor="middle" font-size="10" fill="#666">${clock(t)}</text>`,
      );
    }
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
