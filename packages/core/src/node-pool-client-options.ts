import type { TokenCredential } from '@azure/core-auth';
import type { Clock } from './clock.js';
import type { NodePoolClient, ReadOptions, WaitOptions, WriteOptions } from './node-pool-client.js';
import type { OperationDurations } from './operation-durations.js';
import type { PollPacingOptions, ThrottleGateOptions, WritePacingOptions } from './pacing-options.js';
import type { PollScheduleOptions } from './poll-schedule.js';
import type { PoolWaiter } from './pool-waiter.js';
import type { ArmResponseInfo } from './response-hook.js';
import type { ClusterListScope, ClusterRef, ManagedCluster, NodePool } from './types.js';
import type { WriteGuard } from './write-guard.js';

/** How the SDK retries throttled (429) and failed (5xx, network) requests, honouring `Retry-After`. */
export interface RetrySettings {
  /**
   * Retries after the first attempt.
   * @default 3
   */
  maxRetries?: number | undefined;
  /**
   * The first back-off delay (exponential, with jitter) when the server gives no `Retry-After`.
   * @default 1000
   */
  retryDelayInMs?: number | undefined;
  /**
   * The longest back-off delay.
   * @default 64000
   */
  maxRetryDelayInMs?: number | undefined;
}

/** The SDK retry settings used where {@link RetrySettings} leaves one out. */
export const DEFAULT_RETRY: Required<RetrySettings> = {
  maxRetries: 3,
  retryDelayInMs: 1000,
  maxRetryDelayInMs: 64_000,
};

/** Options of {@link createNodePoolClient}. */
export interface NodePoolClientOptions {
  /** Any `TokenCredential`, e.g. from `resolveCredential()`. */
  credential: TokenCredential;
  /** Creates the SDK client for this subscription up front; clusters of other subscriptions get theirs on first use. */
  subscriptionId?: string | undefined;
  /**
   * The ARM endpoint.
   * @default env.AZURE_RESOURCE_MANAGER_ENDPOINT, else 'https://management.azure.com'
   */
  endpoint?: string | undefined;
  /** Extra CA certificate(s) (PEM) to trust for ARM, on top of Node's roots and `NODE_EXTRA_CA_CERTS`. */
  ca?: string | Buffer | undefined;
  /**
   * A fixed time between polls of a running or busy pool when the server sends no `Retry-After`, on `clock`,
   * instead of `pollSchedule`. Leave it out to poll by the schedule.
   * @default undefined (the poll schedule)
   */
  pollIntervalInMs?: number | undefined;
  /**
   * When running operations (ours, and those of busy pools) are polled when ARM sends no `Retry-After` (AKS sends
   * none): by what the operation is expected to take, learned in `durations`; sparse early, dense near the
   * expected end, and a bounded, slowly growing interval while nothing is known. Ignored when `pollIntervalInMs`
   * is given.
   * @default DEFAULT_POLL_SCHEDULE
   */
  pollSchedule?: PollScheduleOptions | undefined;
  /**
   * Where the durations of this client's operations are learned (each successful write, timed by the server's
   * own start and end of its operation) and read by poll schedules. Pass one restored from a saved state to keep
   * them across restarts, and the same one to every client that should share them.
   * @default a new, empty store (see `client.durations`)
   */
  durations?: OperationDurations | undefined;
  /**
   * Client-side pacing of polls, one token bucket per subscription shared by every poll of this client: AKS
   * allows 200 operation-status GETs per subscription, refilled at 2 a second. Past that a poll waits for its
   * turn. `false` sends polls unpaced.
   * @default { burst: 200, refillPerSecond: 2 }
   */
  pollPacing?: PollPacingOptions | false | undefined;
  /**
   * Where `AZURE_RESOURCE_MANAGER_ENDPOINT` is read from.
   * @default process.env
   */
  env?: NodeJS.ProcessEnv | undefined;
  /** Called after every HTTP attempt to ARM (including retries and polls), e.g. for metrics. Must not throw. */
  onResponse?: ((response: ArmResponseInfo) => void) | undefined;
  /** The SDK's retry of 429 / 5xx / network failures. */
  retry?: RetrySettings | undefined;
  /** Prepended to the `User-Agent` of every request. */
  userAgentPrefix?: string | undefined;
  /**
   * The default for writes and waits that pass neither a `deadline` nor a timeout of their own.
   * @default 1_800_000 (30 minutes)
   */
  operationTimeoutInMs?: number | undefined;
  /**
   * Client-side pacing of agent-pool PUTs, one token bucket per subscription shared by every write of this
   * client (so a `reconcileFleet` over many clusters of one subscription shares it). The AKS resource provider
   * allows 20 agent-pool PUTs per subscription, then 1 a minute, and answers anything beyond with 429: without
   * pacing, the SDK retries each throttled PUT and the pool then fails. With it, a write waits for its turn
   * (reported as a `waiting` event) and fails fast with `ThrottledError` only when that turn would come after its
   * operation timeout. Set the rates your subscription really has, or `false` to send writes unpaced.
   * @default { burst: 20, refillPerMinute: 1 }
   */
  writePacing?: WritePacingOptions | false | undefined;
  /**
   * The subscription-wide throttle gate: after a 429 with `Retry-After`, new requests of that kind (reads or
   * writes) for the subscription wait until it elapses, instead of every pool running into the limit on its own;
   * when ARM's `x-ms-ratelimit-remaining-subscription-reads|writes` header is low, requests are spaced by ARM's
   * refill rate. The SDK's own retry of the throttled request is kept. `false` turns both off.
   * @default { lowRemaining: 20, readsPerSecond: 25, writesPerSecond: 10 }
   */
  throttleGate?: ThrottleGateOptions | false | undefined;
  /**
   * The client's time source: every wait it makes (between polls of an operation or a busy pool, for a write's
   * turn, a 429's `Retry-After`) and every timeout it starts run on it. Inject a fake or compressed clock in tests
   * and simulations. The SDK's own retry back-off of a failed request still uses Node's timers.
   * @default the wall clock (`Date.now()` and Node's timers)
   */
  clock?: Clock | undefined;
  /**
   * Asked right before each write request is sent, every attempt (see {@link WriteGuard}): a replica that writes
   * only while it leads refuses here once it stopped leading. Reads are never asked about.
   * @default every write may be sent
   */
  writeGuard?: WriteGuard | undefined;
}

/** The {@link NodePoolClient} of {@link createNodePoolClient}: its `waitForPool` returns a core-lro poller. */
export interface ArmNodePoolClient extends NodePoolClient {
  /**
   * A core-lro `PollerLike` that waits until the pool's `provisioningState` is terminal: `await` it, or call
   * `pollUntilDone({ abortSignal })`, `onProgress`, `serialize()`.
   */
  waitForPool(pool: NodePool, options?: WaitOptions): PoolWaiter<NodePool>;
  /** The durations this client learns from its writes (the `durations` option, or its own store). */
  readonly durations: OperationDurations;
  /** Reads the managed cluster (see {@link NodePoolClient.getCluster}). */
  getCluster(cluster: ClusterRef, options?: ReadOptions): Promise<ManagedCluster>;
  /** Lists the managed clusters of a subscription or resource group (see {@link NodePoolClient.listClusters}). */
  listClusters(scope: ClusterListScope, options?: ReadOptions): Promise<ManagedCluster[]>;
  /** Sets and removes some of a pool's tags, keeping the others (see {@link NodePoolClient.updateTags}). */
  updateTags(
    pool: NodePool,
    changes: Readonly<Record<string, string | null>>,
    options?: WriteOptions,
  ): Promise<NodePool>;
}
