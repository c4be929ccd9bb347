import { afterEach, describe, expect, it } from 'vitest';
import {
  RETAIL_PRICE_ROWS,
  type RetailPricesServer,
  startRetailPricesServer,
} from '../../../test/helpers/retail-prices-server.js';
import { fetchRetailPrices, RetailPricesError } from './fetch-retail-prices.js';

let server: RetailPricesServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const query = { region: 'westeurope', vmSizes: ['Standard_D2s_v5', 'Standard_D4s_v5'] };

describe('fetchRetailPrices', () => {
  it('asks for Consumption VM rows of the sizes in the region and follows NextPageLink to the end', async () => {
    server = await startRetailPricesServer();
    const seen: Array<{ page: number; items: number; more: boolean }> = [];
    const pages = await fetchRetailPrices({
      ...query,
      currency: 'EUR',
      endpoint: server.endpoint,
      onPage: (info) => seen.push(info),
    });
    // 10 rows, 3 a page: 4 pages.
    expect(pages.map((p) => p.Items.length)).toEqual([3, 3, 3, 1]);
    expect(pages.flatMap((p) => p.Items).map((i) => i.retailPrice)).toEqual(
      RETAIL_PRICE_ROWS.map((r) => r.retailPrice),
    );
    expect(pages.at(-1)?.NextPageLink).toBeNull();
    expect(seen).toEqual([
      { page: 1, items: 3, more: true },
      { page: 2, items: 3, more: true },
      { page: 3, items: 3, more: true },
      { page: 4, items: 1, more: false },
    ]);
    const first = server.requests[0]!;
    expect(first.pathname).toBe('/api/retail/prices');
    expect(first.searchParams.get('currencyCode')).toBe("'EUR'");
    expect(first.searchParams.get('$filter')).toBe(
      "serviceName eq 'Virtual Machines' and armRegionName eq 'westeurope' and priceType eq 'Consumption' and (armSkuName eq 'Standard_D2s_v5' or armSkuName eq 'Standard_D4s_v5')",
    );
    expect(server.requests.map((r) => r.searchParams.get('$skip'))).toEqual([null, '3', '6', '9']);
    expect(pages[0]?.Items[0]?.currencyCode).toBe('EUR');
  });

  it('stops at the page limit instead of following links forever', async () => {
    server = await startRetailPricesServer({ pageSize: 1 });
    await expect(fetchRetailPrices({ ...query, endpoint: server.endpoint, maxPages: 3 })).rejects.toThrow(
      /more than 3 pages.*--max-pages/,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('gives up on a request after its timeout, naming the endpoint and --timeout', async () => {
    server = await startRetailPricesServer({ hang: true });
    const timeout = new AbortController();
    const fetching = fetchRetailPrices({
      ...query,
      endpoint: server.endpoint,
      timeoutInMs: 5_000,
      timeoutSignal: () => timeout.signal,
    });
    await server.requested;
    timeout.abort(new DOMException('timed out', 'TimeoutError'));
    const error = await fetching.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetailPricesError);
    expect((error as Error).message).toBe(
      `the Retail Prices API at ${server.endpoint} did not answer within 5.0s (--timeout); try again, or raise --timeout`,
    );
  });

  it('says what to do when the API cannot be reached', async () => {
    server = await startRetailPricesServer();
    const endpoint = server.endpoint;
    await server.close();
    server = undefined;
    const error = await fetchRetailPrices({ ...query, endpoint }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetailPricesError);
    expect((error as Error).message).toContain(
      `could not reach the Retail Prices API at ${endpoint} (ECONNREFUSED)`,
    );
    expect((error as Error).message).toMatch(/--endpoint/);
    expect((error as Error).message).toMatch(/preview --prices/);
  });

  it('reports an error status with what the API said', async () => {
    server = await startRetailPricesServer({ status: 400 });
    await expect(fetchRetailPrices({ ...query, endpoint: server.endpoint })).rejects.toThrow(
      /answered 400: \{"Error":\{"Code":"BadRequest","Message":"Invalid OData parameters."\}\}/,
    );
  });

  it('follows links only to the same server, and never back to a page already read', async () => {
    const page = (link: string | null) =>
      new Response(JSON.stringify({ Items: [], NextPageLink: link }), { status: 200 });
    const endpoint = 'http://127.0.0.1:9/api/retail/prices';
    await expect(
      fetchRetailPrices({ ...query, endpoint, fetch: async () => page('http://elsewhere.example/next') }),
    ).rejects.toThrow(/another server \(http:\/\/elsewhere\.example\)/);
    let calls = 0;
    const loop = async (url: string | URL | Request) => {
      calls += 1;
      return page(calls === 1 ? `${String(url)}&$skip=1` : String(url));
    };
    await expect(fetchRetailPrices({ ...query, endpoint, fetch: loop as typeof fetch })).rejects.toThrow(
      /back to a page already read/,
    );
    await expect(
      fetchRetailPrices({ ...query, endpoint, fetch: async () => new Response('<html>', { status: 200 }) }),
    ).rejects.toThrow(/is --endpoint the Retail Prices API\?/);
  });
});
