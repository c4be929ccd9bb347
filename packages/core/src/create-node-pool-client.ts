import { type AgentPool, ContainerServiceClient } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/core-auth';
import { scaleChange, tagsChange, toNodePool } from './agent-pool-mapping.js';
import { type Clock, realClock } from './clock.js';
import { armScopeFor, PUBLIC_ARM_ENDPOINT } from './clouds.js';
import { ClusterLister } from './cluster-lister.js';
import { DEFAULT_OPERATION_TIMEOUT_IN_MS, DEFAULT_POLL_INTERVAL_IN_MS } from './defaults.js';
import { definedOnly } from './defined-only.js';
import { ConfigError } from './errors.js';
import type { NodePoolClient, WaitOptions, WriteOptions } from './node-pool-client.js';
import { resolvePacerSettings, type ThrottleGateOptions, type WritePacingOptions } from './pacing-options.js';
import { PollHints } from './poll-hints.js';
import { PoolReader } from './pool-reader.js';
import { updateTagsOnce, validateTagChanges } from './pool-tags.js';
import type { PoolWaiter } from './pool-waiter.js';
import { PoolWriter } from './pool-writer.js';
import { type ArmResponseInfo, responseHookPolicy } from './response-hook.js';
import { throttlePolicy } from './throttle-policy.js';
import { trustedCertificates } from './tls.js';
import { tokenRefreshGuard } from './token-refresh-guard.js';
import type { ClusterRef, NodePool } from './types.js';
import { SubscriptionPacer } from './write-pacer.js';

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
   * Time between polls of a running or busy pool when the server sends no `Retry-After`, on `clock`.
   * @default 2000
   */
  pollIntervalInMs?: number | undefined;
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
}

/** The {@link NodePoolClient} of {@link createNodePoolClient}: its `waitForPool` returns a core-lro poller. */
export interface ArmNodePoolClient extends NodePoolClient {
  /**
   * A core-lro `PollerLike` that waits until the pool's `provisioningState` is terminal: `await` it, or call
   * `pollUntilDone({ abortSignal })`, `onProgress`, `serialize()`.
   */
  waitForPool(pool: NodePool, options?: WaitOptions): PoolWaiter<NodePool>;
  /** Sets and removes some of a pool's tags, keeping the others (see {@link NodePoolClient.updateTags}). */
  updateTags(
    pool: NodePool,
    changes: Readonly<Record<string, string | null>>,
    options?: WriteOptions,
  ): Promise<NodePool>;
}

function endpointOf(options: NodePoolClientOptions, env: NodeJS.ProcessEnv): string {
  const endpoint = (
    options.endpoint ??
    env.AZURE_RESOURCE_MANAGER_ENDPOINT?.trim() ??
    PUBLIC_ARM_ENDPOINT
  ).replace(/\/+$/, '');
  if (!/^https:\/\/[^/]+/i.test(endpoint)) {
    throw new ConfigError(
      `The ARM endpoint must be an https URL (bearer tokens are only sent over TLS), got '${endpoint}'. Set AZURE_RESOURCE_MANAGER_ENDPOINT or the endpoint option.`,
      {
        issues: [
          { path: 'AZURE_RESOURCE_MANAGER_ENDPOINT', message: `expected an https URL, got '${endpoint}'` },
        ],
      },
    );
  }
  return endpoint;
}

/**
 * Creates a {@link NodePoolClient} over `@azure/arm-containerservice` (`managedClusters.get`, `list` and
 * `listByResourceGroup`, `agentPools.list`,
 * `get` and the `createOrUpdate` poller), with `updateTags` and a core-lro `waitForPool`. Writes follow the write rules: the full pool body as read with only the
 * changed fields and `If-Match: <eTag>`; a busy pool (non-terminal state or `409`) is waited for with a core-lro
 * poller; a `412` rejects with `OperationConflictError` (`reason: 'changed'`) for the caller to re-read and re-plan.
 * ARM errors become typed `ScalerError`s whose messages say what to do.
 *
 * A pool read by this client is remembered (by eTag), so a write after a list costs no extra GET.
 *
 * @example
 * ```ts
 * const client = createNodePoolClient({ credential: resolveCredential().credential });
 * const pools = await client.listPools({ subscriptionId, resourceGroup: 'rg', clusterName: 'aks' });
 * const pool = pools.find((p) => p.name === 'manualpool2')!;
 * await client.scalePool(pool, 5, { onProgress: (p) => console.log(p.provisioningState) });
 * ```
 */
export function createNodePoolClient(options: NodePoolClientOptions): ArmNodePoolClient {
  const env = options.env ?? process.env;
  const endpoint = endpointOf(options, env);
  const clock = options.clock ?? realClock;
  const pacing = resolvePacerSettings(options, clock);
  if (pacing.issues.length > 0) {
    throw new ConfigError(
      `Invalid node-pool client options: ${pacing.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues: pacing.issues },
    );
  }
  const pacers = new Map<string, SubscriptionPacer>();
  const pacerFor = (subscriptionId: string): SubscriptionPacer => {
    const key = subscriptionId.toLowerCase();
    let pacer = pacers.get(key);
    if (!pacer) {
      pacer = new SubscriptionPacer(pacing.settings);
      pacers.set(key, pacer);
    }
    return pacer;
  };
  const scope = armScopeFor(endpoint);
  // The SDK refreshes tokens in the background; a failed refresh must never become an unhandled rejection.
  const credential = tokenRefreshGuard(options.credential);
  const pollHints = new PollHints(clock);
  const retry = { ...DEFAULT_RETRY, ...definedOnly(options.retry ?? {}) };
  const clients = new Map<string, ContainerServiceClient>();
  const sdkFor = (subscriptionId: string): ContainerServiceClient => {
    let client = clients.get(subscriptionId);
    if (!client) {
      client = new ContainerServiceClient(credential, subscriptionId, {
        endpoint,
        credentials: { scopes: [scope] },
        retryOptions: retry,
        userAgentOptions: {
          userAgentPrefix: options.userAgentPrefix ? `${options.userAgentPrefix} aks-scaler` : 'aks-scaler',
        },
        ...(options.ca !== undefined && { tlsOptions: { ca: trustedCertificates(options.ca, env) } }),
        additionalPolicies: [
          { policy: throttlePolicy(pacerFor(subscriptionId)), position: 'perRetry' as const },
          { policy: pollHints.policy(), position: 'perRetry' as const },
          ...(options.onResponse
            ? [{ policy: responseHookPolicy(options.onResponse), position: 'perRetry' as const }]
            : []),
        ],
      });
      clients.set(subscriptionId, client);
    }
    return client;
  };
  if (options.subscriptionId) sdkFor(options.subscriptionId);
  const reader = new PoolReader(
    {
      agentPools: (cluster: ClusterRef) => sdkFor(cluster.subscriptionId).agentPools,
      managedClusters: (cluster: ClusterRef) => sdkFor(cluster.subscriptionId).managedClusters,
    },
    clock,
  );
  const lister = new ClusterLister((subscriptionId) => sdkFor(subscriptionId).managedClusters, clock);
  const writer = new PoolWriter(
    {
      api: (cluster) => sdkFor(cluster.subscriptionId).agentPools,
      endpoint,
      pollIntervalInMs: options.pollIntervalInMs ?? DEFAULT_POLL_INTERVAL_IN_MS,
      operationTimeoutInMs: options.operationTimeoutInMs ?? DEFAULT_OPERATION_TIMEOUT_IN_MS,
      clock,
      pacer: (cluster) => pacerFor(cluster.subscriptionId),
      pollHints,
    },
    reader,
  );

  return {
    async getCluster(cluster, opts = {}) {
      return reader.getCluster(cluster, opts);
    },
    async listClusters(scope, opts = {}) {
      return lister.list(scope, opts);
    },
    async listPools(cluster, opts = {}) {
      return reader.list(cluster, opts);
    },
    async getPool(cluster, name, opts = {}) {
      return toNodePool(cluster, await reader.read(cluster, name, opts), name);
    },
    scalePool(pool, count, opts = {}) {
      return writer.write(pool, (read) => scaleChange(pool.cluster, read, count), opts);
    },
    setAutoscalerBounds(pool, bounds, opts = {}) {
      return writer.write(pool, () => ({ minCount: bounds.minCount, maxCount: bounds.maxCount }), opts);
    },
    setPowerState(pool, state, opts = {}) {
      const change: Partial<AgentPool> = { powerState: { code: state } };
      return writer.write(pool, () => change, opts);
    },
    async updateTags(pool, changes, opts = {}) {
      validateTagChanges(changes);
      return updateTagsOnce(pool, {
        write: (current) => writer.write(current, (read) => tagsChange(read, changes), opts),
        read: async (current) =>
          toNodePool(
            current.cluster,
            await reader.read(current.cluster, current.name, { abortSignal: opts.abortSignal }),
            current.name,
          ),
      });
    },
    waitForPool(pool, opts = {}) {
      return writer.waitForPool(pool, opts);
    },
  };
}
