import { writeFile } from 'node:fs/promises';
import { ConfigError, type ConfigIssue } from '@aks-scaler/core';
import { tryParseDurationInMs } from '@aks-scaler/core/common';
import { Command } from 'commander';
import { EXIT_CODES, type ExitCode } from '../../pod/exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { fetchRetailPrices, RETAIL_PRICES_ENDPOINT } from '../pricing/fetch-retail-prices.js';
import { pricesSummary, pricesTable } from '../pricing/prices-summary.js';
import { runAction } from '../run-action.js';

/** Options of `prices`. */
interface PricesOptions {
  region?: string;
  sizes?: string;
  out?: string;
  endpoint: string;
  currency?: string;
  timeout: string;
  maxPages: string;
  json?: boolean;
}

const VM_SIZE = /^[A-Za-z][A-Za-z0-9_-]{1,63}$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * `aks-scaler prices`: fetches the pay-as-you-go prices of VM sizes in a region from the Azure Retail Prices API
 * and writes the pages in the shape `aks-scaler preview --prices` reads; prints the price `preview` would use.
 */
export function pricesCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('prices')
    .description(
      'fetch VM prices from the Azure Retail Prices API (no Azure account needed) for aks-scaler preview --prices',
    )
    .option('--region <name>', 'the region (armRegionName), e.g. westeurope')
    .option('--sizes <list>', 'VM sizes (armSkuName), comma-separated, e.g. Standard_D2s_v5,Standard_D4s_v5')
    .option('--out <file>', 'write the API pages to this file, for preview --prices')
    .option(
      '--endpoint <url>',
      'the Retail Prices API (https; http only on this machine)',
      RETAIL_PRICES_ENDPOINT,
    )
    .option('--currency <code>', 'currency of the prices, e.g. EUR (default: the API default, USD)')
    .option('--timeout <duration>', 'how long each page may take', '30s')
    .option('--max-pages <n>', 'the most pages to follow (NextPageLink) before giving up', '20')
    .option('--json', 'print JSON instead of a table')
    .addHelpText(
      'after',
      `
Asks for serviceName 'Virtual Machines', the region, the sizes and priceType 'Consumption', and follows
NextPageLink. The table shows the row preview --prices uses per size: type Consumption, 1 Hour, not Spot, Low
Priority, Windows, DevTest or a reservation, the latest effectiveStartDate. Without a network, run it where there
is one and copy the --out file, or point --endpoint at a copy of the API.

Examples:
  aks-scaler prices --region westeurope --sizes Standard_D2s_v5,Standard_D4s_v5 --out prices.json
  aks-scaler prices --region westeurope --sizes Standard_D4s_v5 --currency EUR --json`,
    )
    .action(async (options: PricesOptions) => {
      done(
        await runAction(io, options.json, async () => {
          const query = readPricesOptions(options);
          const live = io.stderr.isTTY === true;
          let progress = false;
          const pages = await fetchRetailPrices({
            ...query,
            onPage: ({ page, items, more }) => {
              if (!live || (!more && page === 1)) return;
              io.stderr.write(`\rfetched page ${page} (${items} rows)`);
              progress = true;
            },
            abortSignal: io.signal,
          }).finally(() => {
            if (progress) io.stderr.write('\n');
          });
          if (options.out !== undefined) await writeFile(options.out, `${JSON.stringify(pages, null, 2)}\n`);
          const summary = pricesSummary(pages, query);
          if (options.json) {
            io.stdout.write(
              `${JSON.stringify({ ...summary, ...(options.out !== undefined && { out: options.out }) }, null, 2)}\n`,
            );
          } else {
            io.stdout.write(`${pricesTable(summary)}\n`);
            if (options.out !== undefined) {
              io.stdout.write(`${summary.rows} rows in ${summary.pages} pages written to ${options.out}\n`);
            }
          }
          return EXIT_CODES.ok;
        }),
      );
    });
}

function readPricesOptions(options: PricesOptions) {
  const issues: ConfigIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const region = options.region?.replaceAll(/\s+/g, '').toLowerCase();
  if (region === undefined) issue('--region', 'is required, e.g. --region westeurope');
  else if (!/^[a-z][a-z0-9]{1,39}$/.test(region)) {
    issue('--region', `${JSON.stringify(options.region)} is not an Azure region name, e.g. westeurope`);
  }
  const vmSizes = (options.sizes ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (vmSizes.length === 0) issue('--sizes', 'is required, e.g. --sizes Standard_D2s_v5,Standard_D4s_v5');
  for (const size of vmSizes) {
    if (!VM_SIZE.test(size))
      issue('--sizes', `${JSON.stringify(size)} is not a VM size such as Standard_D4s_v5`);
  }
  const currency = options.currency?.trim().toUpperCase();
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
    issue('--currency', `${JSON.stringify(options.currency)} is not a currency code such as EUR or USD`);
  }
  let endpoint: URL | undefined;
  try {
    endpoint = new URL(options.endpoint);
  } catch {
    issue('--endpoint', `${JSON.stringify(options.endpoint)} is not a URL, e.g. ${RETAIL_PRICES_ENDPOINT}`);
  }
  if (
    endpoint &&
    !(endpoint.protocol === 'https:' || (endpoint.protocol === 'http:' && LOOPBACK.has(endpoint.hostname)))
  ) {
    issue(
      '--endpoint',
      `${JSON.stringify(options.endpoint)} is not an https URL (plain http is accepted for this machine only)`,
    );
  }
  const timeoutInMs = tryParseDurationInMs(options.timeout);
  if (timeoutInMs === undefined || timeoutInMs < 1) {
    issue('--timeout', `${JSON.stringify(options.timeout)} is not a duration such as 30s or 2m`);
  }
  const maxPages = /^\d+$/.test(options.maxPages.trim()) ? Number(options.maxPages) : Number.NaN;
  if (!Number.isInteger(maxPages) || maxPages < 1 || maxPages > 1000) {
    issue('--max-pages', `${JSON.stringify(options.maxPages)} is not a whole number from 1 to 1000`);
  }
  if (issues.length > 0) {
    throw new ConfigError(`prices: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { issues });
  }
  return {
    region: region as string,
    vmSizes,
    ...(currency !== undefined && { currency }),
    endpoint: options.endpoint,
    timeoutInMs: timeoutInMs as number,
    maxPages,
  };
}
