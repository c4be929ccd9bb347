import Table from 'cli-table3';
import type { PreviewSavings } from '../preview/savings.js';
import {
  describeBaseline,
  formatHourlyPrice,
  formatHours,
  formatMoney,
  formatPercent,
  NO_OPINION_NOTE,
} from './savings-format.js';

function table(head: string[], rows: string[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) t.push(row);
  return t.toString();
}

/**
 * The savings part of `preview`'s output: node-hours per pool and in total against the baseline, then (with
 * prices) the cost, and a note for every pool without a price.
 */
export function savingsTable(savings: PreviewSavings): string {
  const lines = [`Savings against the baseline ${describeBaseline(savings.baseline)}:`];
  lines.push(
    table(
      ['pool', 'baseline', 'hours', 'node-hours', 'baseline node-hours', 'saved node-hours', 'saved'],
      [
        ...savings.pools.map((p) => [
          p.pool,
          String(p.baselineCount),
          formatHours(p.coveredHours),
          formatHours(p.nodeHours),
          formatHours(p.baselineNodeHours),
          formatHours(p.savedNodeHours),
          formatPercent(p.savedPercent),
        ]),
        [
          'total',
          '',
          '',
          formatHours(savings.total.nodeHours),
          formatHours(savings.total.baselineNodeHours),
          formatHours(savings.total.savedNodeHours),
          formatPercent(savings.total.savedPercent),
        ],
      ],
    ),
  );
  lines.push(NO_OPINION_NOTE);
  const priced = savings.pools.some((p) => p.vmSize !== undefined || p.priceMissing !== undefined);
  if (!priced) return lines.join('\n');
  const money = (amount: number | undefined, currency: string | undefined) =>
    amount === undefined || currency === undefined ? 'no price' : formatMoney(amount, currency);
  const { total } = savings;
  lines.push(
    'Cost at pay-as-you-go Linux prices:',
    table(
      ['pool', 'VM size', 'price', 'cost', 'baseline cost', 'saved'],
      [
        ...savings.pools.map((p) => [
          p.pool,
          p.vmSize ?? '?',
          p.hourlyPrice === undefined || p.currency === undefined
            ? 'no price'
            : formatHourlyPrice(p.hourlyPrice, p.currency),
          money(p.cost, p.currency),
          money(p.baselineCost, p.currency),
          money(p.savedCost, p.currency),
        ]),
        total.unpricedPools
          ? ['total', '', '', 'n/a', 'n/a', 'n/a']
          : [
              'total',
              '',
              '',
              money(total.cost, total.currency),
              money(total.baselineCost, total.currency),
              money(total.savedCost, total.currency),
            ],
      ],
    ),
  );
  for (const p of savings.pools) {
    if (p.priceMissing !== undefined) lines.push(`${p.pool}: ${p.priceMissing}; it has no cost.`);
  }
  if (total.unpricedPools) {
    lines.push(
      `No total cost: ${total.unpricedPools.join(', ')} ${total.unpricedPools.length === 1 ? 'has' : 'have'} no price.`,
    );
  }
  return lines.join('\n');
}
