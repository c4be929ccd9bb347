import type {
  ManagedCluster as ArmManagedCluster,
  ContainerServiceClient,
} from '@azure/arm-containerservice';
import { malformed } from './agent-pool-mapping.js';
import { toScalerError } from './arm-errors.js';
import type { Clock } from './clock.js';
import { ArmRequestError } from './errors.js';
import { toManagedCluster } from './managed-cluster-mapping.js';
import type { ReadOptions } from './node-pool-client.js';
import { toAbortError } from './sleep.js';
import type { ClusterListScope, ClusterRef, ManagedCluster } from './types.js';

/** The SDK's managed-cluster lists, for one subscription. */
export type ClusterListApi = Pick<ContainerServiceClient['managedClusters'], 'list' | 'listByResourceGroup'>;

/**
 * The most pages one cluster listing follows. ARM pages managed-cluster lists (the emulator by `listPageSize`); a
 * subscription holds at most 5000 clusters, so a longer chain is a broken `nextLink`.
 */
export const MAX_CLUSTER_LIST_PAGES = 1000;

const CLUSTER_ID =
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.containerservice\/managedclusters\/([^/]+)$/i;

/**
 * The cluster a listed body names, from its ARM `id` (whose `resourcegroups` segment ARM may lower-case; the names
 * keep their case). The subscription id is the one asked for, as the caller spells it.
 */
function refOf(scope: ClusterListScope, body: ArmManagedCluster): ClusterRef {
  const id = typeof body.id === 'string' ? body.id : '';
  const match = CLUSTER_ID.exec(id);
  const fallback: ClusterRef = {
    subscriptionId: scope.subscriptionId,
    resourceGroup: scope.resourceGroup ?? '',
    clusterName: typeof body.name === 'string' ? body.name : '',
  };
  if (!match || match[1]!.toLowerCase() !== scope.subscriptionId.toLowerCase()) {
    throw malformed(fallback, fallback.clusterName, 'id', body.id, 'managed cluster');
  }
  return {
    subscriptionId: scope.subscriptionId,
    resourceGroup: decodeURIComponent(match[2]!),
    clusterName: decodeURIComponent(match[3]!),
  };
}

/**
 * Lists managed clusters over the SDK, page by page: the SDK sends later pages without the caller's options, so
 * the abort signal is checked between pages, and a `nextLink` chain that never ends is cut off after
 * {@link MAX_CLUSTER_LIST_PAGES}. Requests go through the subscription's client, so they share its retries, its
 * throttle gate and its response hook. Every failure is a typed `ScalerError`.
 */
export class ClusterLister {
  readonly #api: (subscriptionId: string) => ClusterListApi;
  readonly #clock: Clock;

  constructor(api: (subscriptionId: string) => ClusterListApi, clock: Clock) {
    this.#api = api;
    this.#clock = clock;
  }

  /** The managed clusters of the scope, in ARM's order. */
  async list(scope: ClusterListScope, options: ReadOptions = {}): Promise<ManagedCluster[]> {
    const { abortSignal } = options;
    const clusters: ManagedCluster[] = [];
    let errorBody: unknown;
    try {
      abortSignal?.throwIfAborted();
      const requestOptions = {
        ...(abortSignal && { abortSignal }),
        onResponse: (response: { status: number; parsedBody?: unknown; bodyAsText?: string | null }) => {
          if (response.status >= 400) errorBody = response.parsedBody ?? response.bodyAsText ?? undefined;
        },
      };
      const api = this.#api(scope.subscriptionId);
      const iterator =
        scope.resourceGroup === undefined
          ? api.list(requestOptions)
          : api.listByResourceGroup(scope.resourceGroup, requestOptions);
      let pages = 0;
      for await (const page of iterator.byPage()) {
        abortSignal?.throwIfAborted();
        if (++pages > MAX_CLUSTER_LIST_PAGES) {
          throw new ArmRequestError(
            `Listing the managed clusters of subscription '${scope.subscriptionId}' returned more than ${MAX_CLUSTER_LIST_PAGES} pages (a subscription holds at most 5000 clusters); stopped following nextLink. Run again; report it if it persists.`,
          );
        }
        for (const body of page) clusters.push(toManagedCluster(refOf(scope, body), body));
      }
    } catch (error) {
      if (abortSignal?.aborted) throw toAbortError(abortSignal, error);
      throw toScalerError(
        error,
        { operation: 'list-clusters', cluster: scope, nowInMs: this.#clock.now() },
        errorBody,
      );
    }
    return clusters;
  }
}
