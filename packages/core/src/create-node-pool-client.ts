import { type AgentPool, ContainerServiceClient } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/core-auth';
import { toNodePool } from './agent-pool-mapping.js';
import { armScopeFor, PUBLIC_ARM_ENDPOINT } from './clouds.js';
import { ConfigError } from './errors.js';
import type { NodePoolClient } from './node-pool-client.js';
import { type AgentPoolsApi, PoolWriter } from './pool-writer.js';
import { type ArmResponseInfo, responseHookPolicy } from './response-hook.js';
import { trustedCertificates } from './tls.js';
import type { ClusterRef } from './types.js';

/** How the SDK retries throttled (429) and failed (5xx, network) requests, honouring `Retry-After`. */
export interface RetrySettings {
  /**
   * Retries after the first attempt.
   * @default 3
   */
  maxRetries?: number;
  /**
   * The first back-off delay (exponential, with jitter) when the server gives no `Retry-After`.
   * @default 1000
   */
  retryDelayInMs?: number;
  /**
   * The longest back-off delay.
   * @default 64000
   */
  maxRetryDelayInMs?: number;
}

/** Options of {@link createNodePoolClient}. */
export interface NodePoolClientOptions {
  /** Any `TokenCredential`, e.g. from `resolveCredential()`. */
  credential: TokenCredential;
  /** Creates the SDK client for this subscription up front; clusters of other subscriptions get theirs on first use. */
  subscriptionId?: string;
  /**
   * The ARM endpoint.
   * @default env.AZURE_RESOURCE_MANAGER_ENDPOINT, else 'https://management.azure.com'
   */
  endpoint?: string;
  /** Extra CA certificate(s) (PEM) to trust for ARM, on top of Node's roots and `NODE_EXTRA_CA_CERTS`. */
  ca?: string | Buffer;
  /**
   * Time between polls of a running operation when the server sends no `Retry-After`.
   * @default 2000
   */
  pollIntervalInMs?: number;
  /**
   * Where `AZURE_RESOURCE_MANAGER_ENDPOINT` is read from.
   * @default process.env
   */
  env?: NodeJS.ProcessEnv;
  /** Called after every HTTP attempt to ARM (including retries and polls), e.g. for metrics. Must not throw. */
  onResponse?: (response: ArmResponseInfo) => void;
  /** The SDK's retry of 429 / 5xx / network failures. */
  retry?: RetrySettings;
  /** Prepended to the `User-Agent` of every request. */
  userAgentPrefix?: string;
  /**
   * The default for writes that pass no `operationTimeoutInMs`.
   * @default 1_800_000 (30 minutes)
   */
  operationTimeoutInMs?: number;
}

/**
 * Creates a {@link NodePoolClient} over `@azure/arm-containerservice` (`agentPools.list`, `get` and the
 * `createOrUpdate` poller). Writes follow the write rules: the full pool body as read with only the changed
 * fields and `If-Match: <eTag>`; a busy pool (non-terminal state or `409`) is waited for with a core-lro poller;
 * a `412` rejects with `OperationConflictError` (`reason: 'changed'`) for the caller to re-read and re-plan.
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
export function createNodePoolClient(options: NodePoolClientOptions): NodePoolClient {
  const env = options.env ?? process.env;
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
  const pollIntervalInMs = options.pollIntervalInMs ?? 2000;
  const scope = armScopeFor(endpoint);
  const clients = new Map<string, ContainerServiceClient>();
  const sdkFor = (subscriptionId: string): ContainerServiceClient => {
    let client = clients.get(subscriptionId);
    if (!client) {
      client = new ContainerServiceClient(options.credential, subscriptionId, {
        endpoint,
        credentials: { scopes: [scope] },
        retryOptions: {
          maxRetries: options.retry?.maxRetries ?? 3,
          retryDelayInMs: options.retry?.retryDelayInMs ?? 1000,
          maxRetryDelayInMs: options.retry?.maxRetryDelayInMs ?? 64_000,
        },
        userAgentOptions: {
          userAgentPrefix: options.userAgentPrefix ? `${options.userAgentPrefix} aks-scaler` : 'aks-scaler',
        },
        ...(options.ca !== undefined && { tlsOptions: { ca: trustedCertificates(options.ca, env) } }),
        ...(options.onResponse && {
          additionalPolicies: [
            { policy: responseHookPolicy(options.onResponse), position: 'perRetry' as const },
          ],
        }),
      });
      clients.set(subscriptionId, client);
    }
    return client;
  };
  if (options.subscriptionId) sdkFor(options.subscriptionId);
  const api = (cluster: ClusterRef): AgentPoolsApi => sdkFor(cluster.subscriptionId).agentPools;
  const writer = new PoolWriter({
    api,
    endpoint,
    pollIntervalInMs,
    operationTimeoutInMs: options.operationTimeoutInMs ?? 30 * 60 * 1000,
  });

  return {
    async listPools(cluster, opts = {}) {
      return writer.list(cluster, opts.abortSignal);
    },
    async getPool(cluster, name, opts = {}) {
      return toNodePool(cluster, await writer.read(cluster, name, opts.abortSignal), name);
    },
    scalePool(pool, count, opts = {}) {
      return writer.write(pool, { count }, opts);
    },
    setAutoscalerBounds(pool, bounds, opts = {}) {
      return writer.write(pool, { minCount: bounds.minCount, maxCount: bounds.maxCount }, opts);
    },
    setPowerState(pool, state, opts = {}) {
      const change: Partial<AgentPool> = { powerState: { code: state } };
      return writer.write(pool, change, opts);
    },
    waitForPool(pool, opts = {}) {
      return writer.waitForPool(pool, opts);
    },
  };
}
