import {
  type ClusterListScope,
  ClusterNotFoundError,
  type ClusterRef,
  type ManagedCluster,
} from '@aks-scaler/core';
import { clusterKey } from './fake-support.js';

/** A managed cluster the fake serves to `getCluster`: its reference plus what to report about it. */
export type FakeClusterSpec = Partial<Omit<ManagedCluster, 'cluster'>> & { cluster: ClusterRef };

/** Where a fake cluster is, unless its spec says otherwise. */
const DEFAULT_LOCATION = 'westeurope';

/** The clusters a fake client knows, with what `getCluster` and `listClusters` report about each. */
export class FakeClusters {
  readonly #clusters = new Map<string, ManagedCluster>();
  readonly #listFailures: Error[] = [];

  /** Adds a cluster, or changes what is reported about it. */
  set(spec: FakeClusterSpec): void {
    const k = clusterKey(spec.cluster);
    this.#clusters.set(k, {
      location: DEFAULT_LOCATION,
      tags: {},
      provisioningState: 'Succeeded',
      powerState: 'Running',
      ...this.#clusters.get(k),
      ...spec,
    });
  }

  has(cluster: ClusterRef): boolean {
    return this.#clusters.has(clusterKey(cluster));
  }

  /** Forgets a cluster: it is no longer listed, and reading it is a `ClusterNotFoundError`. */
  delete(cluster: ClusterRef): void {
    this.#clusters.delete(clusterKey(cluster));
  }

  /** The cluster as reported (a copy); `ClusterNotFoundError` when unknown, as ARM's 404. */
  get(cluster: ClusterRef): ManagedCluster {
    const found = this.#clusters.get(clusterKey(cluster));
    if (!found) throw new ClusterNotFoundError(`Cluster '${cluster.clusterName}' not found.`);
    return { ...found, cluster, tags: { ...found.tags } };
  }

  /** Scripts errors for the next listings, in order (one per listing). */
  failNextListings(errors: readonly Error[]): void {
    this.#listFailures.push(...errors);
  }

  /** The clusters of a subscription (or resource group), in the order they were added; names compare as ARM does. */
  list(scope: ClusterListScope): ManagedCluster[] {
    const failure = this.#listFailures.shift();
    if (failure) throw failure;
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    return [...this.#clusters.values()]
      .filter(
        ({ cluster }) =>
          same(cluster.subscriptionId, scope.subscriptionId) &&
          (scope.resourceGroup === undefined || same(cluster.resourceGroup, scope.resourceGroup)),
      )
      .map((found) => ({ ...found, cluster: { ...found.cluster }, tags: { ...found.tags } }));
  }
}
