import type { AgentPool, ContainerServiceClient } from '@azure/arm-containerservice';
import { poolUrl, toNodePool, writeBody } from './agent-pool-mapping.js';
import { isBusyConflict } from './arm-errors.js';
import type { Clock } from './clock.js';
import type { Deadline } from './deadline.js';
import { OperationConflictError } from './errors.js';
import type { WaitOptions, WriteOptions } from './node-pool-client.js';
import type { PollHints } from './poll-hints.js';
import type { PoolReader } from './pool-reader.js';
import { createPoolWaiter, type PoolRead, type PoolWaiter } from './pool-waiter.js';
import { retryAfterInMs } from './retry-after.js';
import { pollSdkOperation } from './sdk-poller.js';
import { anySignal } from './sleep.js';
import { type ClusterRef, isTerminalProvisioningState, type NodePool } from './types.js';
import { failure, operationDeadline } from './write-failure.js';
import type { SubscriptionPacer } from './write-pacer.js';

/** The part of the SDK's agent-pool operations the writer uses. */
export type AgentPoolsApi = Pick<ContainerServiceClient['agentPools'], 'list' | 'get' | 'createOrUpdate'>;

/** What a write changes, given the pool as read just before it is sent. */
export type PoolChange = (read: AgentPool) => Partial<AgentPool>;

/** What {@link PoolWriter} needs. */
export interface PoolWriterOptions {
  api: (cluster: ClusterRef) => AgentPoolsApi;
  endpoint: string;
  pollIntervalInMs: number;
  operationTimeoutInMs: number;
  clock: Clock;
  /** The pacer of the cluster's subscription: every PUT waits for its turn there first. */
  pacer: (cluster: ClusterRef) => SubscriptionPacer;
  /** Where the `Retry-After` of the SDK pollers' status GETs is read. */
  pollHints: PollHints;
}

/** Flattens a raw ARM body (`{ name, properties: {...} }`) into the SDK's model shape, for progress reports. */
function fromRawBody(body: unknown): AgentPool | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const raw = body as { name?: string; properties?: Record<string, unknown> };
  if (!raw.properties) return undefined;
  return { ...(raw.properties as AgentPool), ...(raw.name !== undefined && { name: raw.name }) };
}

/** Progress is informational: a body too malformed to flatten is not reported, and the final read decides. */
function reportProgress(
  onProgress: ((pool: NodePool) => void) | undefined,
  cluster: ClusterRef,
  body: AgentPool,
  name: string,
): void {
  if (!onProgress) return;
  let pool: NodePool;
  try {
    pool = toNodePool(cluster, body, name);
  } catch {
    return;
  }
  onProgress(pool);
}

const isTerminalBody = (pool: AgentPool) => isTerminalProvisioningState(pool.provisioningState);

/** Waits for busy pools and writes them over the SDK, following the write rules. Reads go to {@link PoolReader}. */
export class PoolWriter {
  readonly #options: PoolWriterOptions;
  readonly #reader: PoolReader;

  constructor(options: PoolWriterOptions, reader: PoolReader) {
    this.#options = options;
    this.#reader = reader;
  }

  /** A core-lro poller that waits for the pool's current operation (see {@link createPoolWaiter}). */
  waitForPool(pool: NodePool, options: WaitOptions): PoolWaiter<NodePool> {
    const { cluster, name } = pool;
    const read = async (signal: AbortSignal | undefined): Promise<PoolRead<NodePool>> => {
      const { pool: body, retryAfterInMs } = await this.#reader.readWithRetryAfter(cluster, name, {
        abortSignal: signal,
      });
      return { pool: toNodePool(cluster, body, name), retryAfterInMs };
    };
    const context = { operation: 'poll' as const, cluster, pool: name };
    return createPoolWaiter<NodePool>({
      url: poolUrl(this.#options.endpoint, cluster, name),
      initial: pool,
      read,
      isTerminal: (p) => isTerminalProvisioningState(p.provisioningState),
      clock: this.#options.clock,
      intervalInMs: this.#options.pollIntervalInMs,
      abortSignal: anySignal(options.abortSignal, options.deadline?.signal),
      ...(!options.deadline && {
        startDeadline: () =>
          operationDeadline(
            this.#options.clock,
            options.timeoutInMs ?? this.#options.operationTimeoutInMs,
            context,
          ),
      }),
      onRead: options.onProgress,
    });
  }

  /** Writes `change` to the pool: the full body as read with `If-Match`, after waiting for a busy pool. */
  async write(pool: NodePool, change: PoolChange, options: WriteOptions): Promise<NodePool> {
    const { cluster, name } = pool;
    const context = { operation: 'write' as const, cluster, pool: name };
    const own = options.deadline
      ? undefined
      : operationDeadline(
          this.#options.clock,
          options.operationTimeoutInMs ?? this.#options.operationTimeoutInMs,
          context,
        );
    const deadline = (options.deadline ?? own) as Deadline;
    const signal = anySignal(options.abortSignal, deadline.signal) as AbortSignal;
    const waiting = (state: AgentPool, reason: string) =>
      options.onWaiting?.({ provisioningState: state.provisioningState ?? 'Unknown', reason });
    const changed = (latest: AgentPool, why: string) =>
      new OperationConflictError(
        `Pool '${name}' of cluster '${cluster.clusterName}' changed since it was read (${why}); re-read it and plan again.`,
        { reason: 'changed', latest: toNodePool(cluster, latest, name) },
      );
    let busy = false;
    try {
      const known = this.#reader.lastRead(cluster, name);
      let read =
        known && known.eTag === pool.eTag
          ? known
          : await this.#reader.read(cluster, name, { abortSignal: signal });
      if (pool.eTag && read.eTag !== pool.eTag) throw changed(read, 'its eTag differs');
      if (!isTerminalBody(read)) {
        waiting(
          read,
          `the pool is ${read.provisioningState}; waiting for its operation to finish before writing`,
        );
        const settled = await this.#waitRaw(cluster, name, read, signal, options.onProgress);
        if (settled.eTag !== read.eTag) throw changed(settled, 'another operation changed it');
        read = settled;
      }
      const body = writeBody(read, change(read));
      for (;;) {
        try {
          await this.#options.pacer(cluster).beforeWrite({
            remainingInMs: deadline.remainingInMs(),
            target: `pool '${name}' of cluster '${cluster.clusterName}'`,
            abortSignal: signal,
            onWait: ({ reason }) => waiting(read, reason),
          });
          return await this.#put(cluster, name, read, body, signal, options.onProgress);
        } catch (error) {
          if (!isBusyConflict(error)) throw error;
          busy = true;
          waiting(read, 'ARM answered 409: another operation is in progress; waiting for it to finish');
          const fresh = await this.#reader.read(cluster, name, { abortSignal: signal });
          let settled = fresh;
          if (isTerminalBody(fresh)) {
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
      throw failure(error, context, {
        abortSignal: options.abortSignal,
        deadline,
        busy,
        clock: this.#options.clock,
      });
    } finally {
      own?.dispose();
    }
  }

  async #put(
    cluster: ClusterRef,
    name: string,
    read: AgentPool,
    body: AgentPool,
    abortSignal: AbortSignal,
    onProgress: ((pool: NodePool) => void) | undefined,
  ): Promise<NodePool> {
    let operationUrls: Array<string | undefined> = [];
    let firstWaitInMs: number | undefined;
    const poller = this.#options
      .api(cluster)
      .createOrUpdate(cluster.resourceGroup, cluster.clusterName, name, body, {
        ...(read.eTag && { ifMatch: read.eTag }),
        updateIntervalInMs: this.#options.pollIntervalInMs,
        abortSignal,
        onResponse: (response) => {
          const accepted = fromRawBody(response.parsedBody);
          if (accepted && response.status < 300) reportProgress(onProgress, cluster, accepted, name);
          operationUrls = [response.headers.get('azure-asyncoperation'), response.headers.get('location')];
          firstWaitInMs = retryAfterInMs((h) => response.headers.get(h), this.#options.clock.now());
        },
      });
    const result = await pollSdkOperation(poller, {
      clock: this.#options.clock,
      intervalInMs: this.#options.pollIntervalInMs,
      watch: () =>
        this.#options.pollHints.watch([...operationUrls, poolUrl(this.#options.endpoint, cluster, name)]),
      firstWaitInMs: () => firstWaitInMs,
      abortSignal,
    });
    this.#reader.remember(cluster, name, result);
    return toNodePool(cluster, result, name);
  }

  async #waitRaw(
    cluster: ClusterRef,
    name: string,
    initial: AgentPool,
    abortSignal: AbortSignal,
    onProgress: ((pool: NodePool) => void) | undefined,
  ): Promise<AgentPool> {
    const waiter = createPoolWaiter<AgentPool>({
      url: poolUrl(this.#options.endpoint, cluster, name),
      initial,
      read: (signal) =>
        this.#reader.readWithRetryAfter(cluster, name, { abortSignal: signal ?? abortSignal }),
      isTerminal: isTerminalBody,
      clock: this.#options.clock,
      intervalInMs: this.#options.pollIntervalInMs,
      onRead: (pool) => reportProgress(onProgress, cluster, pool, name),
    });
    return waiter.pollUntilDone({ abortSignal });
  }
}
