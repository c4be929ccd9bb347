import type { PoolSavings, PreviewBaseline, PreviewSavings } from '../preview/savings.js';
import { formatHours, formatMoney, formatPercent } from './savings-format.js';

/** Text made safe for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function saved(hours: number, percent: number | null): string {
  return hours >= 0
    ? `saves ${formatHours(hours)} (${formatPercent(percent)})`
    : `${formatHours(-hours)} more than the baseline`;
}

function savedMoney(amount: number, currency: string): string {
  return amount >= 0 ? `saves ${formatMoney(amount, currency)}` : `${formatMoney(-amount, currency)} more`;
}

function baselineLabel(baseline: PreviewBaseline): string {
  return typeof baseline === 'number' ? `${baseline} nodes` : baseline;
}

/** One pool's saving in a line, e.g. `752 of 1,670 node-hours at 10 nodes: saves 918 (55.0%) · 72.19 of ...`. */
export function describeSaving(p: PoolSavings): string {
  const nodes = `${p.baselineCount} node${p.baselineCount === 1 ? '' : 's'}`;
  let text = `${formatHours(p.nodeHours)} of ${formatHours(p.baselineNodeHours)} node-hours at ${nodes}: ${saved(p.savedNodeHours, p.savedPercent)}`;
  if (p.cost !== undefined && p.baselineCost !== undefined && p.savedCost !== undefined && p.currency) {
    text += ` · ${formatMoney(p.cost, p.currency)} of ${formatMoney(p.baselineCost, p.currency)}, ${savedMoney(p.savedCost, p.currency)}`;
  } else if (p.priceMissing !== undefined) {
    text += ` · no price for ${p.vmSize ?? 'its VM size'}`;
  }
  return text;
}

/** All pools' saving in a line, e.g. `Total: 838 of 1,762 node-hours against baseline max: saves 924 (52.4%)`. */
export function describeTotal(savings: PreviewSavings): string {
  const { total } = savings;
  let text = `Total: ${formatHours(total.nodeHours)} of ${formatHours(total.baselineNodeHours)} node-hours against baseline ${baselineLabel(savings.baseline)}: ${saved(total.savedNodeHours, total.savedPercent)}`;
  if (
    total.cost !== undefined &&
    total.baselineCost !== undefined &&
    total.savedCost !== undefined &&
    total.currency
  ) {
    text += ` · ${formatMoney(total.cost, total.currency)} of ${formatMoney(total.baselineCost, total.currency)}, ${savedMoney(total.savedCost, total.currency)}`;
  } else if (total.unpricedPools) {
    text += ` · no total cost: ${total.unpricedPools.join(', ')} without a price`;
  }
  return text;
}

/** The legend line: what the solid and dashed lines, the shading and the gaps mean. */
export function legend(left: number, y: number, aboveColor: string): string[] {
  const swatchY = y - 4;
  const items: string[] = [];
  let x = left;
  const entry = (swatch: string, label: string) => {
    items.push(swatch, `<text x="${x + 26}" y="${y}" fill="#555">${escapeXml(label)}</text>`);
    x += 26 + label.length * 6.2 + 18;
  };
  entry(
    `<line x1="${x}" y1="${swatchY}" x2="${x + 20}" y2="${swatchY}" stroke="#555" stroke-width="2"/>`,
    'desired count',
  );
  entry(
    `<line x1="${x}" y1="${swatchY}" x2="${x + 20}" y2="${swatchY}" stroke="#555" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    'baseline',
  );
  entry(
    `<rect x="${x}" y="${swatchY - 6}" width="20" height="12" fill="#555" fill-opacity="0.15"/>`,
    'saved node-hours',
  );
  entry(
    `<rect x="${x}" y="${swatchY - 6}" width="20" height="12" fill="${aboveColor}" fill-opacity="0.15"/>`,
    'above the baseline',
  );
  items.push(`<text x="${x}" y="${y}" fill="#555">gap: no opinion, counted on neither side</text>`);
  return items;
}
