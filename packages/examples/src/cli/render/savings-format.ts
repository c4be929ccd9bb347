import type { PreviewBaseline } from '../preview/savings.js';

const HOURS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const PRICE = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });

/** Node-hours or hours, e.g. `1,670` or `752.08`. */
export function formatHours(hours: number): string {
  return HOURS.format(hours);
}

/** A saving in percent, e.g. `55.0%`; `n/a` for a baseline of nothing. */
export function formatPercent(percent: number | null): string {
  return percent === null ? 'n/a' : `${percent.toFixed(1)}%`;
}

/** An amount, e.g. `72.19 USD`. */
export function formatMoney(amount: number, currency: string): string {
  return `${MONEY.format(amount)} ${currency}`;
}

/** A price per node-hour, e.g. `0.096 USD/h`. */
export function formatHourlyPrice(price: number, currency: string): string {
  return `${PRICE.format(price)} ${currency}/h`;
}

/** The baseline in words, e.g. `max (the largest count the policy gives each pool in the range)`. */
export function describeBaseline(baseline: PreviewBaseline): string {
  if (baseline === 'max')
    return 'max (the largest count the policy gives each pool in the range, all the time)';
  if (baseline === 'current') return "current (each pool's node count now, all the time)";
  return `${baseline} node${baseline === 1 ? '' : 's'} per pool, all the time`;
}

/** The sentence that explains how spans without an opinion count. */
export const NO_OPINION_NOTE =
  "A pool counts only while the policy has an opinion on it ('hours'); spans without one ('-') add nothing to either side.";
