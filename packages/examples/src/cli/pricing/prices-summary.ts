import Table from 'cli-table3';
import { formatHourlyPrice } from '../render/savings-format.js';
import { type RetailPricesPage, selectVmPrice } from './retail-prices.js';

/** The price `preview --prices` would use for one VM size, or why there is none. */
export type VmSizePrice =
  | {
      vmSize: string;
      hourlyPrice: number;
      currency: string;
      meterName: string;
      productName: string;
      effectiveStartDate: string;
    }
  | { vmSize: string; missing: string };

/** What `aks-scaler prices` prints. */
export interface PricesSummary {
  /** The region asked for. */
  region: string;
  /** Pages read. */
  pages: number;
  /** Rows read (all types, before selection). */
  rows: number;
  /** Per VM size asked for. */
  prices: VmSizePrice[];
}

/** The prices `preview` would pick from fetched pages, per VM size. */
export function pricesSummary(
  pages: readonly RetailPricesPage[],
  query: { region: string; vmSizes: readonly string[] },
): PricesSummary {
  const items = pages.flatMap((page) => page.Items);
  return {
    region: query.region,
    pages: pages.length,
    rows: items.length,
    prices: query.vmSizes.map((vmSize): VmSizePrice => {
      const row = selectVmPrice(items, { vmSize, region: query.region });
      if (row === undefined) {
        return {
          vmSize,
          missing: `no pay-as-you-go Linux price for ${vmSize} in ${query.region}; check the size's name and that the region offers it`,
        };
      }
      return {
        vmSize,
        hourlyPrice: row.retailPrice as number,
        currency: row.currencyCode ?? 'USD',
        meterName: row.meterName ?? '',
        productName: row.productName ?? '',
        effectiveStartDate: row.effectiveStartDate ?? '',
      };
    }),
  };
}

/** The `prices` table: one row per VM size. */
export function pricesTable(summary: PricesSummary): string {
  const table = new Table({
    head: ['VM size', 'region', 'price', 'meter', 'product', 'since'],
    style: { head: [], border: [] },
  });
  for (const price of summary.prices) {
    table.push(
      'missing' in price
        ? [price.vmSize, summary.region, 'no price', price.missing, '', '']
        : [
            price.vmSize,
            summary.region,
            formatHourlyPrice(price.hourlyPrice, price.currency),
            price.meterName,
            price.productName,
            price.effectiveStartDate.slice(0, 10),
          ],
    );
  }
  return table.toString();
}
