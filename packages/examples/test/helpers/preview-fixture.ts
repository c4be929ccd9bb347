import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SUBSCRIPTION_ID } from '@aks-scaler/testkit';
import { runCli } from '../../src/index.js';
import { capturedIo } from './captured-io.js';
import { startRetailPricesServer } from './retail-prices-server.js';

/**
 * manualpool2: 10 nodes on weekdays 07:30-20:30 Berlin time, 1 otherwise. manualpool3: an opinion on Sundays
 * only, 1 node 01:00-04:00 and 4 the rest of the day. The spring-forward week (Mon 23 Mar 2026) has 167 hours
 * and its Sunday 23; the numbers are derived in src/cli/preview/savings.test.ts: manualpool2 752 of 1670
 * node-hours (saves 918), manualpool3 86 of 92 (saves 6), total 838 of 1762 (saves 924).
 */
export const BERLIN_CONFIG = `
clusters:
  - subscription: ${DEFAULT_SUBSCRIPTION_ID}
    resourceGroup: myResourceGroup
    name: myManagedCluster
policy:
  schedule:
    timezone: Europe/Berlin
    rules:
      - { when: "Mon-Fri 07:30-20:30", counts: { manualpool2: 10 } }
      - { when: "Sun 01:00-04:00", counts: { manualpool3: 1 } }
      - { when: "Sun 00:00-24:00", counts: { manualpool3: 4 } }
    otherwise: { manualpool2: 1 }
`;

/** The spring-forward week in Berlin. */
export const SPRING = ['--from', '2026-03-23', '--timezone', 'Europe/Berlin', '--step', '15m'];

/** The files the preview tests use. */
export interface PreviewFixture {
  /** A temp folder. */
  folder: string;
  /** {@link BERLIN_CONFIG} as a file. */
  configFile: string;
  /**
   * A prices file as `aks-scaler prices` writes it, from a local API serving Spot, Low Priority, Windows, DevTest,
   * Reservation and other-region rows around the right ones (D2s v5 0.096, D4s v5 0.192 USD an hour).
   */
  pricesFile: string;
}

/** Writes the config and fetches the prices file through `aks-scaler prices` from a local API. */
export async function previewFixture(): Promise<PreviewFixture> {
  const folder = await mkdtemp(join(tmpdir(), 'aks-scaler-preview-test-'));
  const configFile = join(folder, 'scaler.yaml');
  await writeFile(configFile, BERLIN_CONFIG);
  const server = await startRetailPricesServer();
  const pricesFile = join(folder, 'prices.json');
  try {
    const run = capturedIo();
    const args = ['prices', '--region', 'westeurope', '--sizes', 'Standard_D2s_v5,Standard_D4s_v5'];
    const code = await runCli([...args, '--endpoint', server.endpoint, '--out', pricesFile], run.io);
    if (code !== 0) throw new Error(`aks-scaler prices exited ${code}: ${run.stderr()}`);
  } finally {
    await server.close();
  }
  return { folder, configFile, pricesFile };
}

/** Runs `aks-scaler preview` in this process. */
export async function preview(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  extra: Parameters<typeof capturedIo>[1] = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = capturedIo(env, extra);
  const code = await runCli(['preview', ...args], run.io);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** The parts of `preview --json` the tests read. */
export interface PreviewJson {
  from: string;
  to: string;
  hours: number;
  region?: string;
  savings: {
    baseline: string | number;
    pools: Array<Record<string, unknown>>;
    total: Record<string, unknown>;
  };
}
