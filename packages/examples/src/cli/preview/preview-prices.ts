import { readFile } from 'node:fs/promises';
import { ConfigError, type NodePool } from '@aks-scaler/core';
import { parseRetailPrices, priceVmSizes } from '../pricing/retail-prices.js';
import type { ClusterFacts } from './cluster-facts.js';
import type { PoolPricing } from './cost.js';
import type { PreviewRequest } from './preview-options.js';

/** Options of {@link loadPoolPrices}. */
export interface LoadPoolPricesOptions {
  /** The validated options (`--prices`, `--vm-size`, `--region`). */
  request: PreviewRequest;
  /** The pools of the timeline. */
  pools: readonly string[];
  /** What the cluster said, when it was read. */
  facts?: ClusterFacts;
  /** Stops reading the file. */
  abortSignal?: AbortSignal;
}

/**
 * Each pool's price from the `--prices` file: VM sizes from `--vm-size`, else the cluster; the region from
 * `--region`, else the cluster. A pool whose VM size has no price row is reported as such, never priced at 0.
 */
export async function loadPoolPrices(options: LoadPoolPricesOptions): Promise<Record<string, PoolPricing>> {
  const { request, facts } = options;
  const file = request.pricesFile as string;
  let text: string;
  try {
    text = await readFile(file, { encoding: 'utf8', signal: options.abortSignal });
  } catch (error) {
    const message = `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); save the prices with aks-scaler prices --region <region> --sizes <vm sizes> --out ${file}`;
    throw new ConfigError(`preview: --prices ${message}`, { issues: [{ path: '--prices', message }] });
  }
  const items = parseRetailPrices(text, file);
  const region = request.region ?? facts?.region;
  if (region === undefined) {
    const message = `cluster ${facts?.clusterName ?? ''} did not say its region; give it with --region, e.g. --region westeurope`;
    throw new ConfigError(`preview: ${message}`, { issues: [{ path: '--region', message }] });
  }
  const vmSizes: Record<string, string> = {};
  const unsized: Record<string, PoolPricing> = {};
  for (const pool of options.pools) {
    const size = request.vmSizes[pool] ?? vmSizeFromCluster(pool, facts);
    if (size !== undefined) vmSizes[pool] = size;
    else
      unsized[pool] = {
        missing: `cluster ${facts?.clusterName} reports no VM size; give it with --vm-size ${pool}=<size>`,
      };
  }
  return { ...priceVmSizes({ items, vmSizes, region, source: file }), ...unsized };
}

function vmSizeFromCluster(pool: string, facts: ClusterFacts | undefined): string | undefined {
  if (facts === undefined) return undefined;
  return poolOf(pool, facts.pools, facts.clusterName, '--vm-size').vmSize;
}

/**
 * The cluster's pool of that name; a `ConfigError` (under `flag`) listing the cluster's pools when it has none,
 * like the pod's check for unknown pools.
 */
export function poolOf(
  pool: string,
  pools: readonly NodePool[],
  clusterName: string,
  flag: string,
): NodePool {
  const found = pools.find((p) => p.name === pool);
  if (found !== undefined) return found;
  const message = `the policy names pool '${pool}', which cluster ${clusterName} does not have (it has ${pools.map((p) => p.name).join(', ') || 'no pools'}); fix the pool's name in the policy, or name the cluster that has it`;
  throw new ConfigError(`preview: ${message}`, { issues: [{ path: flag, message }] });
}

/** Each pool's running nodes now, from the cluster: its count, or 0 while it is stopped. */
export function currentNodeCounts(pools: readonly string[], facts: ClusterFacts): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of pools) {
    const pool = poolOf(name, facts.pools, facts.clusterName, '--baseline');
    counts[name] = pool.powerState === 'Stopped' ? 0 : pool.count;
  }
  return counts;
}
