import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RetailPriceItem } from '../../src/cli/pricing/retail-prices.js';

/** Options of {@link startRetailPricesServer}. */
export interface RetailPricesServerOptions {
  /** The rows to serve, in order. @default RETAIL_PRICE_ROWS */
  items?: RetailPriceItem[];
  /** Rows per page. @default 3 */
  pageSize?: number;
  /** Never answer (to test timeouts); `requested` still resolves. */
  hang?: boolean;
  /** Answer every request with this status and a JSON error body. */
  status?: number;
}

/** A local stand-in for the Azure Retail Prices API (plain HTTP on 127.0.0.1). */
export interface RetailPricesServer {
  /** `http://127.0.0.1:PORT/api/retail/prices`. */
  endpoint: string;
  /** Every request's URL (path and query), in order. */
  requests: URL[];
  /** Resolves when the first request has arrived. */
  requested: Promise<void>;
  /** Stops the server. */
  close(): Promise<void>;
}

const row = (fields: Partial<RetailPriceItem>): RetailPriceItem => ({
  currencyCode: 'USD',
  tierMinimumUnits: 0,
  retailPrice: 0.096,
  unitPrice: 0.096,
  armRegionName: 'westeurope',
  location: 'EU West',
  effectiveStartDate: '2023-01-01T00:00:00Z',
  meterId: '00000000-0000-0000-0000-000000000000',
  meterName: 'D2s v5',
  productId: 'DZH318Z0CSHM',
  skuId: 'DZH318Z0CSHM/00B7',
  productName: 'Virtual Machines DSv5 Series',
  skuName: 'D2s v5',
  serviceName: 'Virtual Machines',
  serviceId: 'DZH313Z7MMC8',
  serviceFamily: 'Compute',
  unitOfMeasure: '1 Hour',
  type: 'Consumption',
  isPrimaryMeterRegion: true,
  armSkuName: 'Standard_D2s_v5',
  ...fields,
});

const LATER = '2024-06-01T00:00:00Z';

/**
 * Rows in the API's shape for `Standard_D2s_v5` and `Standard_D4s_v5` in westeurope. The right D2s v5 price is
 * 0.096 (its latest pay-as-you-go Linux row); every other D2s v5 row is later or cheaper or both, so it would win
 * if one selection rule were missing. D4s v5's is 0.192.
 */
export const RETAIL_PRICE_ROWS: RetailPriceItem[] = [
  row({ retailPrice: 0.11, unitPrice: 0.11, effectiveStartDate: '2021-11-01T00:00:00Z' }), // older price
  row({ skuName: 'D2s v5 Spot', meterName: 'D2s v5 Spot', retailPrice: 0.0192, effectiveStartDate: LATER }),
  row({
    skuName: 'D2s v5 Low Priority',
    meterName: 'D2s v5 Low Priority',
    retailPrice: 0.0192,
    effectiveStartDate: LATER,
  }),
  row({ productName: 'Virtual Machines DSv5 Series Windows', retailPrice: 0.188, effectiveStartDate: LATER }),
  row({ type: 'DevTestConsumption', retailPrice: 0.05, effectiveStartDate: LATER }),
  // A reservation says "1 Hour" but its price is the whole one-year term.
  row({ type: 'Reservation', reservationTerm: '1 Year', retailPrice: 505, effectiveStartDate: LATER }),
  row({ armRegionName: 'northeurope', location: 'EU North', retailPrice: 0.089, effectiveStartDate: LATER }),
  row({ armSkuName: 'Standard_D2as_v5', skuName: 'D2as v5', meterName: 'D2as v5', retailPrice: 0.086 }),
  row({}), // the right one: 0.096
  row({
    armSkuName: 'Standard_D4s_v5',
    skuName: 'D4s v5',
    meterName: 'D4s v5',
    retailPrice: 0.192,
    unitPrice: 0.192,
  }),
];

/** Starts a local Retail Prices API that serves `items` in pages linked by `NextPageLink`. */
export async function startRetailPricesServer(
  options: RetailPricesServerOptions = {},
): Promise<RetailPricesServer> {
  const items = options.items ?? RETAIL_PRICE_ROWS;
  const pageSize = options.pageSize ?? 3;
  const requests: URL[] = [];
  let onRequest: () => void = () => {};
  const requested = new Promise<void>((resolve) => {
    onRequest = resolve;
  });
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    onRequest();
    if (options.hang) return;
    if (options.status !== undefined) {
      response.writeHead(options.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ Error: { Code: 'BadRequest', Message: 'Invalid OData parameters.' } }));
      return;
    }
    const skip = Number(url.searchParams.get('$skip') ?? '0');
    const currency = (url.searchParams.get('currencyCode') ?? "'USD'").replaceAll("'", '');
    const page = items.slice(skip, skip + pageSize).map((item) => ({ ...item, currencyCode: currency }));
    const nextUrl = new URL(url.href.replace('http://127.0.0.1', origin));
    nextUrl.searchParams.set('$skip', String(skip + pageSize));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        BillingCurrency: currency,
        CustomerEntityId: 'Default',
        CustomerEntityType: 'Retail',
        Items: page,
        NextPageLink: skip + pageSize < items.length ? nextUrl.href : null,
        Count: page.length,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint: `${origin}/api/retail/prices`,
    requests,
    requested,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
