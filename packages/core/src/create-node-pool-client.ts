import { type AgentPool, ContainerServiceClient } from '@azure/arm-containerservice';
import { scaleChange, tagsChange, toNodePool } from './agent-pool-mapping.js';
import { realClock } from './clock.js';
import { armScopeFor, PUBLIC_ARM_ENDPOINT } from './clouds.js';
import { ClusterLister } from './cluster-lister.js';
import { DEFAULT_OPERATION_TIMEOUT_IN_MS } from './defaults.js';
import { definedOnly } from './defined-only.js';
import { ConfigError } from './errors.js';
import {
  type ArmNodePoolClient,
  DEFAULT_RETRY,
  type NodePoolClientOptions,
} from './node-pool-client-options.js';
import { createOperationDurations, directionOf } from './operation-durations.js';
import { resolvePacerSettings } from './pacing-options.js';
import { PollHints } from './poll-hints.js';
import { PollPacer } from './poll-pacer.js';
import { createPollSchedule, fixedPollSchedule, pollScheduleIssues } from './poll-schedule.js';
import { PoolReader } from './pool-reader.js';
import { updateTagsOnce, validateTagChanges } from './pool-tags.js';
import { PoolWriter } from './pool-writer.js';
import { responseHookPolicy } from './response-hook.js';
import { throttlePolicy } from './throttle-policy.js';
import { trustedCertificates } from './tls.js';
import { tokenRefreshGuard } from './token-refresh-guard.js';
import type { ClusterRef } from './types.js';
import { SubscriptionPacer } from './write-pacer.js';

export {
  type ArmNodePoolClient,
  DEFAULT_RETRY,
  type NodePoolClientOptions,
  type RetrySettings,
} from './node-pool-client-options.js';

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
  const issues = [...pacing.issues, ...pollScheduleIssues(options.pollSchedule)];
  const interval = options.pollIntervalInMs;
  if (
    interval !== undefined &&
    !(typeof interval === 'number' && Number.isFinite(interval) && interval >= 0)
  ) {
    issues.push({
      path: 'pollIntervalInMs',
      message: `expected a number >= 0, got ${String(interval)} (${typeof interval})`,
    });
  }
  if (issues.length > 0) {
    throw new ConfigError(
      `Invalid node-pool client options: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  const durations = options.durations ?? createOperationDurations();
  const schedule =
    interval !== undefined
      ? fixedPollSchedule(interval, options.pollSchedule?.maxRetryAfterInMs)
      : createPollSchedule(options.pollSchedule);
  const pollPacers = new Map<string, PollPacer>();
  const pollPacerFor = (subscriptionId: string): PollPacer => {
    const key = subscriptionId.toLowerCase();
    let pacer = pollPacers.get(key);
    if (!pacer) {
      pacer = new PollPacer(clock, pacing.settings.pollPacing);
      pollPacers.set(key, pacer);
    }
    return pacer;
  };
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
      schedule,
      operationTimeoutInMs: options.operationTimeoutInMs ?? DEFAULT_OPERATION_TIMEOUT_IN_MS,
      clock,
      pacer: (cluster) => pacerFor(cluster.subscriptionId),
      pollPacer: (cluster) => pollPacerFor(cluster.subscriptionId),
      pollHints,
      durations,
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
      return writer.write(
        pool,
        (read) => scaleChange(pool.cluster, read, count),
        opts,
        (read) => {
          const from = read.count ?? pool.count;
          const direction = directionOf(from, count);
          return direction && { direction, nodes: Math.abs(count - from) };
        },
      );
    },
    setAutoscalerBounds(pool, bounds, opts = {}) {
      const change = () => ({ minCount: bounds.minCount, maxCount: bounds.maxCount });
      return writer.write(pool, change, opts, () => ({ direction: 'bounds', nodes: 0 }));
    },
    setPowerState(pool, state, opts = {}) {
      const change: Partial<AgentPool> = { powerState: { code: state } };
      const direction = state === 'Stopped' ? 'stop' : 'start';
      return writer.write(
        pool,
        () => change,
        opts,
        () => ({ direction, nodes: 0 }),
      );
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
    durations,
  };
}
