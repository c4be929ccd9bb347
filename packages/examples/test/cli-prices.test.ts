import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capturedIo } from './helpers/captured-io.js';
import { type RetailPricesServer, startRetailPricesServer } from './helpers/retail-prices-server.js';

let folder: string;
let server: RetailPricesServer | undefined;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'aks-scaler-prices-test-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const QUERY = [
  'prices',
  '--region',
  'westeurope',
  '--sizes',
  'Standard_D2s_v5,Standard_D4s_v5,Standard_E2s_v5',
];

async function prices(args: string[], extra: Parameters<typeof capturedIo>[1] = {}) {
  const run = capturedIo({}, extra);
  const code = await runCli(args, run.io);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe('aks-scaler prices', () => {
  it('fetches every page and writes them in the shape preview --prices reads', async () => {
    server = await startRetailPricesServer();
    const out = join(folder, 'prices.json');
    const { code, stdout, stderr } = await prices([...QUERY, '--endpoint', server.endpoint, '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const pages = JSON.parse(await readFile(out, 'utf8')) as Array<{
      Items: unknown[];
      NextPageLink: string | null;
    }>;
    expect(pages.map((p) => p.Items.length)).toEqual([3, 3, 3, 1]);
    // The prices preview uses: not the Spot, Low Priority, Windows, DevTest, Reservation or other-region rows.
    expect(stdout).toMatch(
      /│ Standard_D2s_v5 │ westeurope │ 0\.096 USD\/h\s+│ D2s v5\s+│ Virtual Machines DSv5 Series │ 2023-01-01 │/,
    );
    expect(stdout).toMatch(/│ Standard_D4s_v5 │ westeurope │ 0\.192 USD\/h/);
    expect(stdout).toMatch(/│ Standard_E2s_v5 │ westeurope │ no price/);
    expect(stdout).toContain(`10 rows in 4 pages written to ${out}`);
  });

  it('prints JSON with --json, in the --currency asked for', async () => {
    server = await startRetailPricesServer();
    const { code, stdout } = await prices([
      ...QUERY,
      '--endpoint',
      server.endpoint,
      '--currency',
      'eur',
      '--json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as {
      pages: number;
      rows: number;
      prices: Array<Record<string, unknown>>;
    };
    expect([json.pages, json.rows]).toEqual([4, 10]);
    expect(json.prices[0]).toMatchObject({ vmSize: 'Standard_D2s_v5', hourlyPrice: 0.096, currency: 'EUR' });
    expect(json.prices[2]).toMatchObject({ vmSize: 'Standard_E2s_v5', missing: expect.any(String) });
    expect(server.requests[0]?.searchParams.get('currencyCode')).toBe("'EUR'");
  });

  it('shows progress on stderr when it is a terminal, and only then', async () => {
    server = await startRetailPricesServer();
    const tty = await prices([...QUERY, '--endpoint', server.endpoint], { stderrIsTty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toBe(
      '\rfetched page 1 (3 rows)\rfetched page 2 (3 rows)\rfetched page 3 (3 rows)\rfetched page 4 (1 rows)\n',
    );
    const pipe = await prices([...QUERY, '--endpoint', server.endpoint]);
    expect(pipe.stderr).toBe('');
  });

  it('fails clearly when the API cannot be reached: the endpoint, --endpoint and --prices', async () => {
    server = await startRetailPricesServer();
    const endpoint = server.endpoint;
    await server.close();
    server = undefined;
    const { code, stderr } = await prices([...QUERY, '--endpoint', endpoint]);
    expect(code).toBe(1);
    expect(stderr).toContain(`could not reach the Retail Prices API at ${endpoint} (ECONNREFUSED)`);
    expect(stderr).toContain('point --endpoint at a copy of the API');
    expect(stderr).toContain('aks-scaler preview --prices');
  });

  it('gives up on a page after --timeout', async () => {
    server = await startRetailPricesServer({ hang: true });
    const { code, stderr } = await prices([...QUERY, '--endpoint', server.endpoint, '--timeout', '20ms']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `the Retail Prices API at ${server.endpoint} did not answer within 20ms (--timeout)`,
    );
  });

  it('lists every bad option at once, naming what was typed', async () => {
    const { code, stderr } = await prices([
      'prices',
      '--sizes',
      'Standard D2s v5',
      '--currency',
      'euro',
      '--endpoint',
      'http://prices.example.com/api/retail/prices',
      '--timeout',
      'soon',
      '--max-pages',
      '0',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--region is required');
    expect(stderr).toContain('--sizes "Standard D2s v5" is not a VM size');
    expect(stderr).toContain('--currency "euro" is not a currency code');
    expect(stderr).toContain('--endpoint "http://prices.example.com/api/retail/prices" is not an https URL');
    expect(stderr).toContain('--timeout "soon" is not a duration');
    expect(stderr).toContain('--max-pages "0" is not a whole number');
  });

  it('explains every flag in --help', async () => {
    const { code, stdout } = await prices(['prices', '--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--region',
      '--sizes',
      '--out',
      '--endpoint',
      '--currency',
      '--timeout',
      '--max-pages',
      '--json',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toContain('https://prices.azure.com/api/retail/prices');
  });
});
