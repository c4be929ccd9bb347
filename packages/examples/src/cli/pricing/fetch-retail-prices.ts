import { formatElapsed } from '@aks-scaler/core/common';
import type { RetailPricesPage } from './retail-prices.js';

/** The public Azure Retail Prices API (no authentication). */
export const RETAIL_PRICES_ENDPOINT = 'https://prices.azure.com/api/retail/prices';

/** Options of {@link fetchRetailPrices}. */
export interface FetchRetailPricesOptions {
  /** `armRegionName`, e.g. `westeurope`. */
  region: string;
  /** `armSkuName`s, e.g. `Standard_D2s_v5`. */
  vmSizes: readonly string[];
  /** `currencyCode`, e.g. `EUR`; without it the API answers in USD. */
  currency?: string;
  /** The API's URL. @default RETAIL_PRICES_ENDPOINT */
  endpoint?: string;
  /** How long one page may take to arrive. @default 30_000 */
  timeoutInMs?: number;
  /** The most pages followed through `NextPageLink`; more is an error (narrow the query). @default 20 */
  maxPages?: number;
  /** Called after each page; `more` tells whether another page follows. */
  onPage?: (info: { page: number; items: number; more: boolean }) => void;
  /** The HTTP client. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Makes the per-request timeout signal (tests inject one they control). @default AbortSignal.timeout */
  timeoutSignal?: (timeoutInMs: number) => AbortSignal;
  /** Stops fetching. */
  abortSignal?: AbortSignal;
}

/** The Retail Prices API could not be read: unreachable, too slow, an error status or not its shape. */
export class RetailPricesError extends Error {
  /** A stable code for scripts. */
  readonly code = 'RETAIL_PRICES';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetailPricesError';
  }
}

/** The `$filter` of a query: Linux and Windows VM rows of the sizes in the region, priceType Consumption. */
export function retailPricesFilter(region: string, vmSizes: readonly string[]): string {
  const sizes = vmSizes.map((size) => `armSkuName eq '${size}'`).join(' or ');
  return `serviceName eq 'Virtual Machines' and armRegionName eq '${region}' and priceType eq 'Consumption' and (${sizes})`;
}

/**
 * Fetches the pay-as-you-go VM prices of some sizes in a region from the Azure Retail Prices API, following
 * `NextPageLink` (same origin only) up to `maxPages`, and resolves with the pages as the API sent them (the shape
 * `aks-scaler preview --prices` reads). Each request has its own timeout.
 *
 * @example
 * ```ts
 * const pages = await fetchRetailPrices({ region: 'westeurope', vmSizes: ['Standard_D2s_v5'], currency: 'EUR' });
 * ```
 */
export async function fetchRetailPrices(options: FetchRetailPricesOptions): Promise<RetailPricesPage[]> {
  const endpoint = new URL(options.endpoint ?? RETAIL_PRICES_ENDPOINT);
  const maxPages = options.maxPages ?? 20;
  const timeoutInMs = options.timeoutInMs ?? 30_000;
  const query = [
    ...(options.currency !== undefined
      ? [`currencyCode=${encodeURIComponent(`'${options.currency}'`)}`]
      : []),
    `$filter=${encodeURIComponent(retailPricesFilter(options.region, options.vmSizes))}`,
  ];
  let next: string | undefined = new URL(`${endpoint.origin}${endpoint.pathname}?${query.join('&')}`).href;
  const seen = new Set<string>();
  const pages: RetailPricesPage[] = [];
  while (next !== undefined) {
    if (pages.length >= maxPages) {
      throw new RetailPricesError(
        `the Retail Prices API at ${where(endpoint)} has more than ${maxPages} pages for this query; ask for fewer --sizes at a time or raise --max-pages`,
      );
    }
    seen.add(next);
    const page = await fetchPage(next, endpoint, timeoutInMs, options);
    pages.push(page);
    next = nextLink(page, endpoint, seen);
    options.onPage?.({ page: pages.length, items: page.Items.length, more: next !== undefined });
  }
  return pages;
}

async function fetchPage(
  url: string,
  endpoint: URL,
  timeoutInMs: number,
  options: FetchRetailPricesOptions,
): Promise<RetailPricesPage> {
  const timeout = (options.timeoutSignal ?? AbortSignal.timeout)(timeoutInMs);
  const signal = options.abortSignal ? AbortSignal.any([options.abortSignal, timeout]) : timeout;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let status: number;
  let text: string;
  try {
    const response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal });
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (options.abortSignal?.aborted) throw error;
    if (timeout.aborted) {
      throw new RetailPricesError(
        `the Retail Prices API at ${where(endpoint)} did not answer within ${formatElapsed(timeoutInMs)} (--timeout); try again, or raise --timeout`,
        { cause: error },
      );
    }
    const code = causeCode(error);
    throw new RetailPricesError(
      `could not reach the Retail Prices API at ${where(endpoint)}${code ? ` (${code})` : ''}: without a network, point --endpoint at a copy of the API you can reach, or fetch the prices on a machine that has one (aks-scaler prices --out prices.json) and give that file to aks-scaler preview --prices`,
      { cause: error },
    );
  }
  if (status !== 200) {
    throw new RetailPricesError(
      `the Retail Prices API at ${where(endpoint)} answered ${status}${snippet(text)}; check --region, --sizes and --currency, or try again later`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { Items?: unknown }).Items)) {
    throw new RetailPricesError(
      `${where(endpoint)} did not answer with a Retail Prices page ({ "Items": [...] }); is --endpoint the Retail Prices API?`,
    );
  }
  return body as RetailPricesPage;
}

function nextLink(page: RetailPricesPage, endpoint: URL, seen: Set<string>): string | undefined {
  const link = page.NextPageLink;
  if (link === undefined || link === null || link === '') return undefined;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new RetailPricesError(`${where(endpoint)} sent a NextPageLink that is not a URL: ${link}`);
  }
  if (url.origin !== endpoint.origin) {
    throw new RetailPricesError(
      `${where(endpoint)} sent a NextPageLink to another server (${url.origin}); only links to ${endpoint.origin} are followed`,
    );
  }
  if (seen.has(url.href)) {
    throw new RetailPricesError(
      `${where(endpoint)} sent a NextPageLink back to a page already read: ${url.href}`,
    );
  }
  return url.href;
}

function where(endpoint: URL): string {
  return `${endpoint.origin}${endpoint.pathname}`;
}

function causeCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

function snippet(text: string): string {
  const compact = text.replaceAll(/\s+/g, ' ').trim().slice(0, 200);
  return compact === '' ? '' : `: ${compact}`;
}
