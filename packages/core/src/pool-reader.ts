import type { AgentPool, ContainerServiceClient } from '@azure/arm-containerservice';
import { toNodePool } from './agent-pool-mapping.js';
import { type ArmErrorContext, toScalerError } from './arm-errors.js';
import type { Clock } from './clock.js';
import { poolKey } from './common/pool-rules.js';
import { retryAfterInMs } from './common/retry-after.js';
import { ArmRequestError } from './errors.js';
import { toManagedCluster } from './managed-cluster-mapping.js';
import type { ReadOptions } from './node-pool-client.js';
import type { PoolRead } from './pool-waiter.js';
import { toAbortError } from './sleep.js';
import type { ClusterRef, ManagedCluster, NodePool } from './types.js';

/** The SDK operations the reader uses. */
export interface ReaderApis {
  agentPools: (cluster: ClusterRef) => Pick<ContainerServiceClient['agentPools'], 'list' | 'get'>;
  managedClusters: (cluster: ClusterRef) => Pick<ContainerServiceClient['managedClusters'], 'get'>;
}

/** The most pages one list may follow. ARM caps a cluster at 100 pools; anything beyond is a broken `nextLink`. */
const MAX_LIST_PAGES = 100;

/**
 * Reads clusters and pools over the SDK and remembers the last body read (or written) per pool, so a write of a
 * pool just listed needs no extra GET. Every failure is a typed `ScalerError`.
 */
export class PoolReader {
  readonly #apis: ReaderApis;
  readonly #clock: Clock;
  readonly #lastRead = new Map<string, AgentPool>();

  constructor(apis: ReaderApis, clock: Clock) {
    this.#apis = apis;
    this.#clock = clock;
  }

  /** The body last read or written for the pool, if any. */
  lastRead(cluster: ClusterRef, name: string): AgentPool | undefined {
    return this.#lastRead.get(poolKey(cluster, name));
  }

  /** Remembers a body read or written. */
  remember(cluster: ClusterRef, name: string, body: AgentPool): void {
    this.#lastRead.set(poolKey(cluster, name), body);
  }

  /** Reads the managed cluster; a missing one is a `ClusterNotFoundError`. */
  async getCluster(cluster: ClusterRef, options: ReadOptions = {}): Promise<ManagedCluster> {
    const { abortSignal } = options;
    let body: Awaited<ReturnType<ContainerServiceClient['managedClusters']['get']>>;
    try {
      body = await this.#apis
        .managedClusters(cluster)
        .get(cluster.resourceGroup, cluster.clusterName, abortSignal ? { abortSignal } : {});
    } catch (error) {
      throw this.#fail(error, { operation: 'get', cluster }, abortSignal);
    }
    return toManagedCluster(cluster, body);
  }

  /** Lists the cluster's pools, page by page, remembering each body. */
  async list(cluster: ClusterRef, options: ReadOptions = {}): Promise<NodePool[]> {
    const { abortSignal } = options;
    const pools: NodePool[] = [];
    let errorBody: unknown;
    try {
      const options = {
        ...(abortSignal && { abortSignal }),
        onResponse: (response: { status: number; parsedBody?: unknown; bodyAsText?: string | null }) => {
          if (response.status >= 400) errorBody = response.parsedBody ?? response.bodyAsText ?? undefined;
        },
      };
      // Page by page: the SDK sends later pages without the caller's options, so the abort signal is checked
      // between pages, and a `nextLink` chain that never ends is cut off (a cluster has at most 100 pools).
      let pages = 0;
      const iterator = this.#apis
        .agentPools(cluster)
        .list(cluster.resourceGroup, cluster.clusterName, options);
      for await (const page of iterator.byPage()) {
        abortSignal?.throwIfAborted();
        if (++pages > MAX_LIST_PAGES) {
          throw new ArmRequestError(
            `Listing the pools of cluster '${cluster.clusterName}' returned more than ${MAX_LIST_PAGES} pages (a cluster has at most 100 pools); stopped following nextLink. Run again; report it if it persists.`,
          );
        }
        for (const agentPool of page) {
          const pool = toNodePool(cluster, agentPool);
          this.remember(cluster, pool.name, agentPool);
          pools.push(pool);
        }
      }
    } catch (error) {
      throw this.#fail(error, { operation: 'list', cluster }, abortSignal, errorBody);
    }
    return pools;
  }

  /** Reads one pool's body as the SDK returns it. */
  async read(cluster: ClusterRef, name: string, options: ReadOptions = {}): Promise<AgentPool> {
    return (await this.readWithRetryAfter(cluster, name, options)).pool;
  }

  /** Reads the pool, with the `Retry-After` ARM sent (what a waiter waits before reading again). */
  async readWithRetryAfter(
    cluster: ClusterRef,
    name: string,
    options: ReadOptions = {},
  ): Promise<PoolRead<AgentPool>> {
    const { abortSignal } = options;
    let waitInMs: number | undefined;
    try {
      const pool = await this.#apis
        .agentPools(cluster)
        .get(cluster.resourceGroup, cluster.clusterName, name, {
          ...(abortSignal && { abortSignal }),
          onResponse: (response) => {
            waitInMs = retryAfterInMs((header) => response.headers.get(header), this.#clock.now());
          },
        });
      this.remember(cluster, name, pool);
      return { pool, retryAfterInMs: waitInMs };
    } catch (error) {
      throw this.#fail(error, { operation: 'get', cluster, pool: name }, abortSignal);
    }
  }

  #fail(error: unknown, context: ArmErrorContext, abortSignal?: AbortSignal, responseBody?: unknown): Error {
    if (abortSignal?.aborted) return toAbortError(abortSignal, error);
    return toScalerError(error, { ...context, nowInMs: this.#clock.now() }, responseBody);
  }
}
