import {
  type ClusterRef,
  ConfigError,
  closestPoolName,
  type NodePool,
  type NodePoolClient,
} from '@aks-scaler/core';
import { isPoolName } from '@aks-scaler/core/common';
import type { Command } from 'commander';
import type { ScalerSetup, ScalerTarget } from '../../pod/setup.js';
import type { CliIo } from '../cli-io.js';
import { loadCliSetup } from '../cli-setup.js';
import { resolveCliTargets } from '../cli-targets.js';
import type { ClusterOptions } from '../cluster-options.js';

/** One pool an `override` command works on, as just read, with its cluster's setup. */
export interface OverridePool {
  /** The setup (the config's overrides among it). */
  setup: ScalerSetup;
  /** The client. */
  client: NodePoolClient;
  /** The cluster. */
  cluster: ClusterRef;
  /** The pool as read (its tags and eTag). */
  pool: NodePool;
}

/** The problem with a pool name argument, if any. */
export function poolNameIssue(pool: string): { path: string; message: string } | undefined {
  if (isPoolName(pool)) return undefined;
  return {
    path: '<pool>',
    message: `${JSON.stringify(pool)} is not an AKS pool name: use 1-12 lowercase letters or digits, starting with a letter`,
  };
}

/**
 * The one cluster the command is about: the flags' cluster, or the config's only one, listed or discovered (or the
 * one `--cluster` names).
 */
export function oneCluster(all: readonly ScalerTarget[], options: ClusterOptions): ClusterRef {
  let targets = all;
  if (targets.length > 1 && options.cluster !== undefined) {
    const name = options.cluster.toLowerCase();
    targets = targets.filter((target) => target.cluster.clusterName.toLowerCase() === name);
  }
  const [only] = targets;
  if (targets.length === 1 && only) return only.cluster;
  const names = all.map((target) => target.cluster.clusterName);
  const message =
    targets.length === 0
      ? `the config lists no cluster named '${options.cluster}' (it lists ${names.join(', ') || 'none'}); give --cluster one of them`
      : `the config lists ${names.length} clusters (${names.join(', ')}); name the one to change with --cluster <name>`;
  throw new ConfigError(`${message}. Nothing was written.`, { issues: [{ path: '--cluster', message }] });
}

/**
 * Reads the setup, picks the one cluster, and reads the pool `name` from it (one list request). A pool the cluster
 * lacks is a `ConfigError` naming the closest pool.
 */
export async function readOverridePool(
  io: CliIo,
  options: ClusterOptions,
  command: Command,
  name: string,
): Promise<OverridePool> {
  const cli = await loadCliSetup(io, options, command, { requirePolicy: false });
  const { setup, client } = cli;
  const cluster = oneCluster(await resolveCliTargets(io, cli), options);
  const pools = await client.listPools(cluster, { abortSignal: io.signal });
  const pool = pools.find((candidate) => candidate.name === name);
  if (!pool) {
    const existing = pools.map((candidate) => candidate.name);
    const suggestion = closestPoolName(name, existing);
    const hint = suggestion
      ? `did you mean '${suggestion}'?`
      : `its pools are ${existing.join(', ') || '(none)'}`;
    const message = `cluster '${cluster.clusterName}' has no pool named '${name}' (${hint})`;
    throw new ConfigError(`${message}. Nothing was written.`, { issues: [{ path: '<pool>', message }] });
  }
  return { setup, client, cluster, pool };
}

/** The client's tag writer, which `createNodePoolClient` always has. */
export function tagWriter(client: NodePoolClient): NonNullable<NodePoolClient['updateTags']> {
  if (!client.updateTags) throw new Error('this node-pool client cannot write tags');
  return client.updateTags.bind(client);
}
