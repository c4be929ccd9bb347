import { matchesTags } from './common/tags.js';
import { ConfigError } from './errors.js';
import type { NodePoolClient } from './node-pool-client.js';
import type { ClusterListScope, ManagedCluster } from './types.js';

/** Options of {@link discoverClusters}. */
export interface DiscoverClustersOptions {
  /** The client that lists the clusters (only its `listClusters` is used). */
  client: Pick<NodePoolClient, 'listClusters'>;
  /** The subscription, or one of its resource groups, to list. */
  scope: ClusterListScope;
  /**
   * The tags a cluster must carry, every one with exactly this value (names case-insensitive, values exact). At
   * least one: an empty map would select every cluster of the scope, which is never what a fleet means.
   */
  tags: Readonly<Record<string, string>>;
  /** Cancels the listing. */
  abortSignal?: AbortSignal | undefined;
}

/**
 * Lists the managed clusters of a subscription (or resource group) and keeps those whose Azure tags carry every
 * wanted tag (see `matchesTags`). Call it at every reconcile: clusters join and leave a fleet as their tags change.
 * A listing that fails rejects with the client's typed error (`AuthorizationError` naming
 * `Microsoft.ContainerService/managedClusters/read` and the scope, `ClusterNotFoundError` for a resource group
 * that does not exist...).
 *
 * @example
 * ```ts
 * const clusters = await discoverClusters({ client, scope: { subscriptionId }, tags: { fleet: 'shop' } });
 * const targets = clusters.map((managed) => ({ cluster: managed.cluster, policy: makePolicy() }));
 * ```
 */
export async function discoverClusters(options: DiscoverClustersOptions): Promise<ManagedCluster[]> {
  const { client, scope, tags, abortSignal } = options;
  if (Object.keys(tags).length === 0) {
    throw new ConfigError(
      'discoverClusters needs at least one tag: an empty selector would take every cluster.',
      {
        issues: [{ path: 'tags', message: 'expected at least one tag name and value' }],
      },
    );
  }
  if (client.listClusters === undefined) {
    throw new ConfigError(
      'discoverClusters needs a client that can list clusters (listClusters), such as createNodePoolClient().',
      { issues: [{ path: 'client', message: 'expected a NodePoolClient with listClusters' }] },
    );
  }
  const listed = await client.listClusters(scope, abortSignal ? { abortSignal } : {});
  return listed.filter((managed) => matchesTags(managed.tags, tags));
}
