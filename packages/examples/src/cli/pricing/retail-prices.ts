import { ConfigError } from '@aks-scaler/core';
import type { PoolPricing } from '../preview/cost.js';

/** One row (`Items[n]`) of the Azure Retail Prices API, as far as pricing a VM needs it. */
export interface RetailPriceItem {
  /** e.g. `USD`. */
  currencyCode?: string;
  /** The price per `unitOfMeasure` (for a Reservation: the whole term). */
  retailPrice?: number;
  /** e.g. `1 Hour`. */
  unitOfMeasure?: string;
  /** `Consumption`, `DevTestConsumption` or `Reservation`. */
  type?: string;
  /** e.g. `westeurope`. */
  armRegionName?: string;
  /** e.g. `Standard_D2s_v5`. */
  armSkuName?: string;
  /** e.g. `D2s v5`, `D2s v5 Spot`, `D2s v5 Low Priority`. */
  skuName?: string;
  /** e.g. `D2s v5`, `D2s v5 Spot`. */
  meterName?: string;
  /** e.g. `Virtual Machines DSv5 Series`, `Virtual Machines DSv5 Series Windows`. */
  productName?: string;
  /** `Virtual Machines`. */
  serviceName?: string;
  /** ISO 8601. */
  effectiveStartDate?: string;
  /** Whether the row is the meter's primary region. */
  isPrimaryMeterRegion?: boolean;
  /** Other fields the API sends are kept as they are. */
  [field: string]: unknown;
}

/** One page of the Azure Retail Prices API. */
export interface RetailPricesPage {
  /** The rows. */
  Items: RetailPriceItem[];
  /** The next page's URL, or `null` on the last page. */
  NextPageLink?: string | null;
  /** Rows on this page. */
  Count?: number;
  /** Other envelope fields (`BillingCurrency`, `CustomerEntityId`, ...). */
  [field: string]: unknown;
}

const SPOT_OR_LOW_PRIORITY = /\bspot\b|\blow priority\b/i;
const WINDOWS = /\bwindows\b/i;

/**
 * Reads a saved Azure Retail Prices API response: one page (`{ "Items": [...] }`) or an array of pages, as
 * `aks-scaler prices --out` writes them. Throws a `ConfigError` naming `--prices` and the file otherwise.
 */
export function parseRetailPrices(text: string, source: string): RetailPriceItem[] {
  const hint = `save one with aks-scaler prices --region <region> --sizes <vm sizes> --out ${source}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = `${source} is not JSON (${(error as Error).message}); ${hint}`;
    throw new ConfigError(`preview: --prices ${message}`, { issues: [{ path: '--prices', message }] });
  }
  const pages = Array.isArray(parsed) ? parsed : [parsed];
  const items: RetailPriceItem[] = [];
  for (const [index, page] of pages.entries()) {
    const rows = (page as { Items?: unknown } | null)?.Items;
    if (typeof page !== 'object' || page === null || !Array.isArray(rows)) {
      const where = Array.isArray(parsed) ? `page ${index + 1} of ${source}` : source;
      const message = `${where} is not an Azure Retail Prices API response: expected { "Items": [...] } or an array of such pages; ${hint}`;
      throw new ConfigError(`preview: --prices ${message}`, { issues: [{ path: '--prices', message }] });
    }
    for (const row of rows) if (typeof row === 'object' && row !== null) items.push(row as RetailPriceItem);
  }
  return items;
}

/**
 * Whether a row is the pay-as-you-go Linux price of a VM: type `Consumption` (never `DevTestConsumption`, nor a
 * `Reservation`, whose `retailPrice` is the whole term although `unitOfMeasure` says "1 Hour"), priced per hour,
 * and neither Spot nor Low Priority (`skuName`/`meterName`) nor Windows (`productName`).
 */
export function isOnDemandLinuxRow(item: RetailPriceItem): boolean {
  return (
    item.type === 'Consumption' &&
    (item.serviceName === undefined || item.serviceName === 'Virtual Machines') &&
    item.unitOfMeasure === '1 Hour' &&
    typeof item.retailPrice === 'number' &&
    Number.isFinite(item.retailPrice) &&
    !SPOT_OR_LOW_PRIORITY.test(`${item.skuName ?? ''} ${item.meterName ?? ''}`) &&
    !WINDOWS.test(item.productName ?? '')
  );
}

/**
 * The row a VM size is priced by in a region: an {@link isOnDemandLinuxRow} row for that `armSkuName` and
 * `armRegionName` (case-insensitive) with the latest `effectiveStartDate` (the primary meter region first on a
 * tie). `undefined` when there is none.
 */
export function selectVmPrice(
  items: readonly RetailPriceItem[],
  wanted: { vmSize: string; region: string },
): RetailPriceItem | undefined {
  const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
  const candidates = items.filter(
    (item) =>
      isOnDemandLinuxRow(item) &&
      same(item.armSkuName, wanted.vmSize) &&
      same(item.armRegionName, wanted.region),
  );
  const startOf = (item: RetailPriceItem) => Date.parse(item.effectiveStartDate ?? '') || 0;
  candidates.sort(
    (a, b) =>
      startOf(b) - startOf(a) ||
      Number(b.isPrimaryMeterRegion === true) - Number(a.isPrimaryMeterRegion === true),
  );
  return candidates[0];
}

/** Options of {@link priceVmSizes}. */
export interface PriceVmSizesOptions {
  /** The rows of the prices file. */
  items: readonly RetailPriceItem[];
  /** Pool -> VM size. */
  vmSizes: Readonly<Record<string, string>>;
  /** The region (`armRegionName`). */
  region: string;
  /** The file, for messages. */
  source: string;
}

/**
 * Each pool's price per node-hour, or why it has none. Throws a `ConfigError` when the chosen rows are in more
 * than one currency.
 */
export function priceVmSizes(options: PriceVmSizesOptions): Record<string, PoolPricing> {
  const prices: Record<string, PoolPricing> = {};
  for (const [pool, vmSize] of Object.entries(options.vmSizes)) {
    const row = selectVmPrice(options.items, { vmSize, region: options.region });
    prices[pool] =
      row === undefined
        ? {
            vmSize,
            missing: `${options.source} has no pay-as-you-go Linux price (type Consumption, 1 Hour) for ${vmSize} in ${options.region}`,
          }
        : {
            vmSize,
            hourlyPrice: row.retailPrice as number,
            currency: row.currencyCode ?? 'USD',
            row: {
              skuName: row.skuName ?? '',
              meterName: row.meterName ?? '',
              productName: row.productName ?? '',
              effectiveStartDate: row.effectiveStartDate ?? '',
            },
          };
  }
  const currencies = new Map<string, string[]>();
  for (const [pool, pricing] of Object.entries(prices)) {
    if ('missing' in pricing) continue;
    currencies.set(pricing.currency, [...(currencies.get(pricing.currency) ?? []), pool]);
  }
  if (currencies.size > 1) {
    const list = [...currencies]
      .map(([currency, pools]) => `${currency} (${pools.join(', ')})`)
      .join(' and ');
    const message = `${options.source} prices the pools in ${list}; costs in different currencies do not add up: fetch one currency with aks-scaler prices --currency <code>`;
    throw new ConfigError(`preview: --prices ${message}`, { issues: [{ path: '--prices', message }] });
  }
  return prices;
}
