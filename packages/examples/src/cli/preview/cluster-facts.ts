import { ConfigError, type NodePool } from '@aks-scaler/core';
import type { Command } from 'commander';
import { normalizeLocation, readClusterLocation } from '../../pod/location-check.js';
import { loadScalerSetup } from '../../pod/setup.js';
import { createScalerClient } from '../../shared/client.js';
import type { CliIo } from '../cli-io.js';
import { clusterInput } from '../cluster-options.js';
import type { PreviewOptions } from './preview-options.js';

/** What `preview` reads from the cluster: its pools and, when asked for, its region. */
export interface ClusterFacts {
  /** The cluster's name, for messages. */
  clusterName: string;
  /** The pools as ARM reports them. */
  pools: NodePool[];
  /** The cluster's region (`westeurope`), when `withRegion` was set. */
  region?: string;
}

/** Options of {@link readClusterFacts}. */
export interface ReadClusterFactsOptions {
  /** The CLI's streams, environment and CA. */
  io: CliIo;
  /** `preview`'s options (the cluster options among them). */
  options: PreviewOptions;
  /** The `preview` command, so problems name the flags the user typed. */
  command: Command;
  /** Why the cluster is needed, and the flag that asked for it (for the message when no cluster is named). */
  need: { flag: string; why: string; otherwise: string };
  /** Also read the cluster's region. */
  withRegion: boolean;
  /** Stops the reads. */
  abortSignal?: AbortSignal;
}

const CLUSTER_VARIABLES = [
  'SUBSCRIPTION',
  'SUBSCRIPTION_ID',
  'AZURE_SUBSCRIPTION_ID',
  'RESOURCE_GROUP',
  'CLUSTER_NAME',
] as const;

/**
 * Reads the one cluster the options name (`--subscription`, `--resource-group`, `--cluster`, their environment
 * variables, or the clusters of `--config`), through the same setup and client as `aks-scaler pools`.
 * Throws a `ConfigError` naming the flags to add when no cluster is named, or when the config lists several.
 */
export async function readClusterFacts(options: ReadClusterFactsOptions): Promise<ClusterFacts> {
  const { io, options: cli, need } = options;
  const { env, sources } = clusterInput(io.env, cli, options.command);
  if (cli.pools !== undefined && cli.config === undefined) delete env.SCALER_CONFIG;
  const named =
    env.SCALER_CONFIG !== undefined || CLUSTER_VARIABLES.some((name) => (env[name] ?? '').trim() !== '');
  if (!named) {
    const message = `${need.why} needs the cluster: add --subscription <id> --resource-group <name> --cluster <name> (or a --config that lists the cluster), or ${need.otherwise}`;
    throw new ConfigError(`preview: ${message}`, { issues: [{ path: need.flag, message }] });
  }
  const setup = await loadScalerSetup(env, { requirePolicy: false, sources, ...(io.ca && { ca: io.ca }) });
  const target = setup.targets[0];
  if (target === undefined || setup.targets.length > 1) {
    const names = setup.targets.map((t) => t.cluster.clusterName).join(', ');
    const selectors =
      setup.selectors.length === 0
        ? ''
        : ` and ${setup.selectors.length} selector${setup.selectors.length === 1 ? '' : 's'} (${setup.selectors.map((s) => s.entry).join(', ')}), which preview does not resolve`;
    const message = `${need.why} reads one cluster, but the config lists ${setup.targets.length} by name (${names})${selectors}: use a config with that one cluster, or --pools with --subscription, --resource-group and --cluster`;
    throw new ConfigError(`preview: ${message}`, { issues: [{ path: need.flag, message }] });
  }
  const client = createScalerClient(setup, { env, ...(io.ca && { ca: io.ca }) });
  const pools = await client.listPools(target.cluster, { abortSignal: options.abortSignal });
  let region: string | undefined;
  if (options.withRegion) {
    try {
      region = await readClusterLocation({
        client,
        cluster: target.cluster,
        ...(options.abortSignal && { abortSignal: options.abortSignal }),
      });
    } catch (error) {
      const message = `could not read the region of cluster ${target.cluster.clusterName} (${(error as Error).message}); give it with --region`;
      throw new ConfigError(`preview: ${message}`, { issues: [{ path: '--region', message }], cause: error });
    }
  }
  return {
    clusterName: target.cluster.clusterName,
    pools,
    ...(region !== undefined && { region: normalizeLocation(region) }),
  };
}
