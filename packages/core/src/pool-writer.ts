import type { AgentPool, ContainerServiceClient } from '@azure/arm-containerservice';
import { toNodePool, writeBody } from './agent-pool-mapping.js';
import { isBusyConflict, toScalerError } from './arm-errors.js';
import type { Clock } from './clock.js';
import { poolKey } from './common/pool-rules.js';
import { ArmRequestError, OperationConflictError, OperationTimeoutError } from './errors.js';
import type { WaitOptions, WriteOptions } from './node-pool-client.js';
import { createPoolWaiter, type PoolRead } from './pool-waiter.js';
import { toAbortError } from './sleep.js';
import { type ClusterRef, isTerminalProvisioningState, type NodePool } from './types.js';
import type { SubscriptionPacer } from './write-pacer.js';

/** The part of the SDK's agent-pool operations the writer uses. */
export type AgentPoolsApi = Pick<ContainerServiceClient['agentPools'], 'list' | 'get' | 'createOrUpdate'>;

interface PoolWriterOptions {
  api: (cluster: ClusterRef) => AgentPoolsApi;
  endpoint: string;
  pollIntervalInMs: number;
  operationTimeoutInMs: number;
  clock: Clock;
  /** The pacer of the cluster's subscription: every PUT waits for its turn there first. */
  pacer: (cluster: ClusterRef) => SubscriptionPacer;
}

/** The most pages one list may follow. ARM caps a cluster at 100 pools; anything beyond is a broken `nextLink`. */
const MAX_LIST_PAGES = 100;

/** Flattens a raw ARM body (`{ name, properties: {...} }`) into the SDK's model shape, for progress reports. */
function fromRawBody(body: unknown): AgentPool | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const raw = body as { name?: string; properties?: Record<string, unknown> };
  if (!raw.properties) return undefined;
  return { ...(raw.properties as AgentPool), ...(raw.name !== undefined && { name: raw.name }) };
}

/** Progress is informational: a body too malformed to flatten is not reported, and the final read decides. */
function reportProgress(
  onProgress: (pool: NodePool) => void,
  cluster: ClusterRef,
  body: AgentPool,
  name: string,
): void {
  let pool: NodePool;
  try {
    pool = toNodePool(cluster, body, name);
  } catch {
    return;
  }
  onProgress(pool);
}

/** Reads, waits for and writes pools over the SDK, following the write rules. */
export class PoolWriter {
  readonly #options: PoolWriterOptions;
  /** The last body read or written per pool: a write of a pool just read needs no extra GET. */
  readonly #lastRead = new Map<string, AgentPool>();

  constructor(options: PoolWriterOptions) {
    this.#options = options;
  }

  async list(cluster: ClusterRef, abortSignal?: AbortSignal): Promise<NodePool[]> {
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
      const iterator = this.#options.api(cluster).list(cluster.resourceGroup, cluster.clusterName, options);
      for await (const page of iterator.byPage()) {
        abortSignal?.throwIfAborted();
        if (++pages > MAX_LIST_PAGES) {
          throw new ArmRequestError(
            `Listing the pools of cluster '${cluster.clusterName}' returned more than ${MAX_LIST_PAGES} pages (a cluster has at most 100 pools); stopped following nextLink. Run again; report it if it persists.`,
          );
        }
        for (const agentPool of page) {
          const pool = toNodePool(cluster, agentPool);
          this.#lastRead.set(poolKey(cluster, pool.name), agentPool);
          pools.push(pool);
        }
      }
    } catch (error) {
      throw this.#fail(error, { operation: 'list', cluster }, abortSignal, errorBody);
    }
    return pools;
  }

  async read(cluster: ClusterRef, name: string, abortSignal?: AbortSignal): Promise<AgentPool> {
    return (await this.#readWithHeaders(cluster, name, abortSignal)).pool;
  }

  async #readWithHeaders(cluster: ClusterRef, name: string, abortSignal?: AbortSignal): Promise<PoolRead> {
    let retryAfter: string | undefined;
    try {
      const pool = await this.#options.api(cluster).get(cluster.resourceGroup, cluster.clusterName, name, {
        ...(abortSignal && { abortSignal }),
        onResponse: (response) => {
          retryAfter = response.headers.get('retry-after');
        },
      });
      this.#lastRead.set(poolKey(cluster, name), pool);
      return retryAfter ? { pool, retryAfter } : { pool };
    } catch (error) {
      throw this.#fail(error, { operation: 'get', cluster, pool: name }, abortSignal);
    }
  }

  async waitForPool(pool: NodePool, options: WaitOptions): Promise<NodePool> {
    if (isTerminalProvisioningState(pool.provisioningState)) return pool;
    const deadline = this.#deadline(options.timeoutInMs, options.abortSignal);
    try {
      const known = this.#lastRead.get(poolKey(pool.cluster, pool.name));
      const initial: AgentPool =
        known && known.eTag === pool.eTag
          ? known
          : { name: pool.name, provisioningState: pool.provisioningState };
      const settled = await this.#waitRaw(
        pool.cluster,
        pool.name,
        initial,
        deadline.signal,
        options.onProgress,
      );
      return toNodePool(pool.cluster, settled, pool.name);
    } catch (error) {
      throw deadline.fail(error, { operation: 'poll', cluster: pool.cluster, pool: pool.name });
    } finally {
      deadline.dispose();
    }
  }

  async write(pool: NodePool, change: Partial<AgentPool>, options: WriteOptions): Promise<NodePool> {
    const { cluster, name } = pool;
    const deadline = this.#deadline(options.operationTimeoutInMs, options.abortSignal);
    const { signal } = deadline;
    const deadlineAt =
      this.#options.clock.now() + (options.operationTimeoutInMs ?? this.#options.operationTimeoutInMs);
    const pace = (state: AgentPool) =>
      this.#options.pacer(cluster).beforeWrite({
        deadlineAt,
        target: `pool '${name}' of cluster '${cluster.clusterName}'`,
        abortSignal: signal,
        onWait: ({ reason }) =>
          options.onWaiting?.({ provisioningState: state.provisioningState ?? 'Unknown', reason }),
      });
    const changed = (latest: AgentPool, why: string) =>
      new OperationConflictError(
        `Pool '${name}' of cluster '${cluster.clusterName}' changed since it was read (${why}); re-read it and plan again.`,
        { reason: 'changed', latest: toNodePool(cluster, latest, name) },
      );
    let busy = false;
    try {
      const known = this.#lastRead.get(poolKey(cluster, name));
      let read = known && known.eTag === pool.eTag ? known : await this.read(cluster, name, signal);
      if (pool.eTag && read.eTag !== pool.eTag) throw changed(read, 'its eTag differs');
      if (!isTerminalProvisioningState(read.provisioningState)) {
        options.onWaiting?.({
          provisioningState: read.provisioningState ?? 'Unknown',
          reason: `the pool is ${read.provisioningState}; waiting for its operation to finish before writing`,
        });
        const settled = await this.#waitRaw(cluster, name, read, signal, options.onProgress);
        if (settled.eTag !== read.eTag) throw changed(settled, 'another operation changed it');
        read = settled;
      }
      for (;;) {
        try {
          await pace(read);
          return await this.#put(cluster, name, read, change, signal, options.onProgress);
        } catch (error) {
          if (!isBusyConflict(error)) throw error;
          busy = true;
          options.onWaiting?.({
            provisioningState: read.provisioningState ?? 'Unknown',
            reason: 'ARM answered 409: another operation is in progress; waiting for it to finish',
          });
          const fresh = await this.read(cluster, name, signal);
          let settled = fresh;
          if (isTerminalProvisioningState(fresh.provisioningState)) {
            // A cluster-level operation: the pool itself looks idle, so wait one interval before trying again.
            await this.#options.clock.sleep(this.#options.pollIntervalInMs, signal);
          } else {
            settled = await this.#waitRaw(cluster, name, fresh, signal, options.onProgress);
          }
          if (settled.eTag !== read.eTag) throw changed(settled, 'another operation changed it');
          busy = false;
          options.onRetry?.({ reason: 'the other operation finished; writing again', delayInMs: 0 });
        }
      }
    } catch (error) {
      throw deadline.fail(error, { operation: 'write', cluster, pool: name }, busy);
    } finally {
      deadline.dispose();
    }
  }

  async #put(
    cluster: ClusterRef,
    name: string,
    read: AgentPool,
    change: Partial<AgentPool>,
    abortSignal: AbortSignal,
    onProgress: ((pool: NodePool) => void) | undefined,
  ): Promise<NodePool> {
    const poller = this.#options
      .api(cluster)
      .createOrUpdate(cluster.resourceGroup, cluster.clusterName, name, writeBody(read, change), {
        ...(read.eTag && { ifMatch: read.eTag }),
        updateIntervalInMs: this.#options.pollIntervalInMs,
        abortSignal,
        onResponse: (response) => {
          const accepted = fromRawBody(response.parsedBody);
          if (onProgress && accepted && response.status < 300)
            reportProgress(onProgress, cluster, accepted, name);
        },
      });
    const result = await poller.pollUntilDone({ abortSignal });
    this.#lastRead.set(poolKey(cluster, name), result);
    return toNodePool(cluster, result, name);
  }

  async #waitRaw(
    cluster: ClusterRef,
    name: string,
    initial: AgentPool,
    abortSignal: AbortSignal,
    onProgress: ((pool: NodePool) => void) | undefined,
  ): Promise<AgentPool> {
    const waiter = createPoolWaiter({
      url: `${this.#options.endpoint}/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.clusterName}/agentPools/${name}`,
      initial,
      intervalInMs: this.#options.pollIntervalInMs,
      read: (signal) => this.#readWithHeaders(cluster, name, signal ?? abortSignal),
      ...(onProgress && { onRead: (pool: AgentPool) => reportProgress(onProgress, cluster, pool, name) }),
    });
    const settled = await waiter.pollUntilDone({ abortSignal });
    return settled;
  }

  #deadline(timeoutInMs: number | undefined, abortSignal: AbortSignal | undefined) {
    const ms = timeoutInMs ?? this.#options.operationTimeoutInMs;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), ms);
    timer.unref?.();
    const signal = abortSignal ? AbortSignal.any([abortSignal, timeout.signal]) : timeout.signal;
    return {
      signal,
      dispose: () => clearTimeout(timer),
      fail: (error: unknown, context: Parameters<typeof toScalerError>[1], busy = false) => {
        if (abortSignal?.aborted) return toAbortError(abortSignal, error);
        if (timeout.signal.aborted && busy) {
          return new OperationConflictError(
            `Another operation kept pool '${context.pool}' of cluster '${context.cluster.clusterName}' busy (409 OperationNotAllowed) for longer than the operation timeout of ${ms} ms. Wait for it to finish (or raise the operation timeout) and run again.`,
            { cause: error, reason: 'busy' },
          );
        }
        if (timeout.signal.aborted) {
          return new OperationTimeoutError(
            `Pool '${context.pool}' of cluster '${context.cluster.clusterName}' did not reach a terminal state within ${ms} ms. The operation may still be running in Azure; the next reconcile waits for it. Raise the operation timeout if pools take longer.`,
            { cause: error },
          );
        }
        return toScalerError(error, context);
      },
    };
  }

  #fail(
    error: unknown,
    context: Parameters<typeof toScalerError>[1],
    abortSignal?: AbortSignal,
    responseBody?: unknown,
  ): Error {
    if (abortSignal?.aborted) return toAbortError(abortSignal, error);
    return toScalerError(error, context, responseBody);
  }
}
