import type { AgentPool, ContainerServiceClient } from '@azure/arm-containerservice';
import { poolUrl, toNodePool, writeBody } from './agent-pool-mapping.js';
import { isBusyConflict } from './arm-errors.js';
import type { Clock } from './clock.js';
import { retryAfterInMs } from './common/retry-after.js';
import type { Deadline } from './deadline.js';
import { OperationConflictError } from './errors.js';
import type { WaitOptions, WriteOptions } from './node-pool-client.js';
import type { OperationDirection, OperationDurations } from './operation-durations.js';
import type { PollHints } from './poll-hints.js';
import type { PollPacer } from './poll-pacer.js';
import type { PollSchedule } from './poll-schedule.js';
import { fromRawBody, reportProgress } from './pool-progress.js';
import type { PoolReader } from './pool-reader.js';
import { createPoolWaiter, type PoolRead, type PoolWaiter } from './pool-waiter.js';
import { pollSdkOperation } from './sdk-poller.js';
import { anySignal } from './sleep.js';
import { type ClusterRef, isTerminalProvisioningState, type NodePool } from './types.js';
import { failure, operationDeadline } from './write-failure.js';
import type { SubscriptionPacer } from './write-pacer.js';

/** The part of the SDK's agent-pool operations the writer uses. */
export type AgentPoolsApi = Pick<ContainerServiceClient['agentPools'], 'list' | 'get' | 'createOrUpdate'>;

/** What a write changes, given the pool as read just before it is sent. */
export type PoolChange = (read: AgentPool) => Partial<AgentPool>;

/** What kind of operation a write starts (its duration is learned and expected by it), given the pool as read. */
export type WriteKind = (read: AgentPool) => { direction: OperationDirection; nodes: number } | undefined;

/** What {@link PoolWriter} needs. */
export interface PoolWriterOptions {
  api: (cluster: ClusterRef) => AgentPoolsApi;
  endpoint: string;
  /** Decides the wait before each poll of an operation (ours, or a busy pool's). */
  schedule: PollSchedule;
  operationTimeoutInMs: number;
  clock: Clock;
  /** The pacer of the cluster's subscription: every PUT waits for its turn there first. */
  pacer: (cluster: ClusterRef) => SubscriptionPacer;
  /** The poll budget of the cluster's subscription: every poll waits for its turn there first. */
  pollPacer: (cluster: ClusterRef) => PollPacer;
  /** Where the `Retry-After` of the SDK pollers' status GETs is read. */
  pollHints: PollHints;
  /** Learns the duration of each write's operation, and tells each poll schedule what to expect. */
  durations: OperationDurations;
}

const isTerminalBody = (pool: AgentPool) => isTerminalProvisioningState(pool.provisioningState);

/** The directions an operation in a busy pool may be, by the state it shows. */
const BUSY_DIRECTIONS: Readonly<Record<string, readonly OperationDirection[]>> = {
  scaling: ['up', 'down'],
  starting: ['start'],
  stopping: ['stop'],
};

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
      schedule: this.#options.schedule,
      expectedInMs: (p) => this.#busyExpectedInMs(cluster, name, p.provisioningState),
      beforeRead: (signal) => this.#options.pollPacer(cluster).beforePoll(signal),
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

  /**
   * Writes `change` to the pool: the full body as read with `If-Match`, after waiting for a busy pool. `kind` names
   * the operation, whose duration is then learned (from the server's own start and end where ARM reports them).
   */
  async write(
    pool: NodePool,
    change: PoolChange,
    options: WriteOptions,
    kind?: WriteKind,
  ): Promise<NodePool> {
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
          return await this.#put(cluster, name, read, body, signal, options.onProgress, kind?.(read));
        } catch (error) {
          if (!isBusyConflict(error)) throw error;
          busy = true;
          waiting(read, 'ARM answered 409: another operation is in progress; waiting for it to finish');
          const fresh = await this.#reader.read(cluster, name, { abortSignal: signal });
          let settled = fresh;
          if (isTerminalBody(fresh)) {
            // A cluster-level operation: the pool itself looks idle, so wait as for an unknown operation.
            await this.#options.clock.sleep(this.#options.schedule.nextDelayInMs({ elapsedInMs: 0 }), signal);
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
    kind: ReturnType<WriteKind>,
  ): Promise<NodePool> {
    const { clock, durations } = this.#options;
    let operationUrls: Array<string | undefined> = [];
    let firstWaitInMs: number | undefined;
    const sentAt = clock.now();
    const poller = this.#options
      .api(cluster)
      .createOrUpdate(cluster.resourceGroup, cluster.clusterName, name, body, {
        ...(read.eTag && { ifMatch: read.eTag }),
        abortSignal,
        onResponse: (response) => {
          const accepted = fromRawBody(response.parsedBody);
          if (accepted && response.status < 300) reportProgress(onProgress, cluster, accepted, name);
          operationUrls = [response.headers.get('azure-asyncoperation'), response.headers.get('location')];
          firstWaitInMs = retryAfterInMs((h) => response.headers.get(h), this.#options.clock.now());
        },
      });
    const query = kind && { cluster, pool: name, ...kind };
    const polled = await pollSdkOperation(poller, {
      clock,
      schedule: this.#options.schedule,
      expectedInMs: query && durations.learnedInMs(query, { fallback: 'any' }),
      sentAt,
      beforePoll: (signal) => this.#options.pollPacer(cluster).beforePoll(signal),
      watch: () =>
        this.#options.pollHints.watch([...operationUrls, poolUrl(this.#options.endpoint, cluster, name)]),
      firstWaitInMs: () => firstWaitInMs,
      abortSignal,
    });
    const { result, serverTimes } = polled;
    if (query) {
      const durationInMs = serverTimes
        ? serverTimes.endedAt - serverTimes.startedAt
        : polled.seenDoneAt - sentAt;
      durations.record({ ...query, durationInMs, endedAt: polled.seenDoneAt });
    }
    this.#reader.remember(cluster, name, result);
    return toNodePool(cluster, result, name);
  }

  /** What the operation a busy pool shows is expected to take: the longest learned of the directions it may be. */
  #busyExpectedInMs(cluster: ClusterRef, name: string, state: string | undefined): number | undefined {
    const directions = BUSY_DIRECTIONS[(state ?? '').toLowerCase()] ?? [];
    const learned = directions
      .map((direction) =>
        this.#options.durations.learnedInMs({ cluster, pool: name, direction }, { fallback: 'any' }),
      )
      .filter((ms): ms is number => ms !== undefined);
    return learned.length > 0 ? Math.max(...learned) : undefined;
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
      schedule: this.#options.schedule,
      expectedInMs: (p) => this.#busyExpectedInMs(cluster, name, p.provisioningState),
      beforeRead: (signal) => this.#options.pollPacer(cluster).beforePoll(signal ?? abortSignal),
      onRead: (pool) => reportProgress(onProgress, cluster, pool, name),
    });
    return waiter.pollUntilDone({ abortSignal });
  }
}
