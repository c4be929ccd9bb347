import { retryAfterInMs } from './common/retry-after.js';
import {
  AbortedError,
  ArmRequestError,
  AuthenticationError,
  AuthorizationError,
  ClusterNotFoundError,
  OperationConflictError,
  OperationFailedError,
  PoolNotFoundError,
  ScalerError,
  ThrottledError,
} from './errors.js';
import { redact } from './redact.js';
import type { ClusterListScope, ClusterRef } from './types.js';

/** The ARM actions aks-scaler needs: exactly those of the least-privilege custom role it ships (see docs/security.md). */
export const REQUIRED_ARM_ACTIONS: readonly string[] = [
  'Microsoft.ContainerService/managedClusters/read',
  'Microsoft.ContainerService/managedClusters/agentPools/read',
  'Microsoft.ContainerService/managedClusters/agentPools/write',
  'Microsoft.ContainerService/locations/operations/read',
  'Microsoft.ContainerService/locations/operationresults/read',
];

/** What the failed request was doing, for messages. */
export interface ArmErrorContext {
  /** `list` and `get` read; `write` is a PUT; `poll` follows an operation. */
  operation: 'list' | 'get' | 'write' | 'poll';
  cluster: ClusterRef;
  pool?: string;
  /** The current time by the client's clock (what an HTTP-date `Retry-After` is measured from). */
  nowInMs?: number;
}

/** What a failed listing of managed clusters was reading, for messages. */
export interface ClusterListErrorContext {
  operation: 'list-clusters';
  /** The subscription (and resource group) listed. */
  cluster: ClusterListScope;
  /** The current time by the client's clock. */
  nowInMs?: number;
}

interface RestErrorLike extends Error {
  statusCode?: number;
  code?: string;
  response?: {
    headers?: { get(name: string): string | undefined };
    bodyAsText?: string | null;
    parsedBody?: unknown;
  };
}

/** The `{ code, message }` of an ARM error body (wrapped `{ error }` or top-level AKS shape), if any. */
function bodyError(error: RestErrorLike, responseBody?: unknown): { code?: string; message?: string } {
  let body: unknown = responseBody ?? error.response?.parsedBody ?? (error as { details?: unknown }).details;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return {};
    }
  }
  if (body === undefined && error.response?.bodyAsText) {
    try {
      body = JSON.parse(error.response.bodyAsText);
    } catch {
      return {};
    }
  }
  if (typeof body !== 'object' || body === null) return {};
  const inner = ((body as { error?: unknown }).error ?? body) as { code?: unknown; message?: unknown };
  return {
    ...(typeof inner.code === 'string' && { code: inner.code }),
    ...(typeof inner.message === 'string' && { message: inner.message }),
  };
}

function isRestErrorLike(error: unknown): error is RestErrorLike {
  return (
    error instanceof Error &&
    (error.name === 'RestError' || typeof (error as RestErrorLike).statusCode === 'number')
  );
}

const IDENTITY_ERROR_NAMES = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AuthenticationRequiredError',
  'AggregateAuthenticationError',
]);

/** The ARM scope a cluster listing reads. */
function listScopeOf(scope: ClusterListScope): string {
  const subscription = `/subscriptions/${scope.subscriptionId}`;
  return scope.resourceGroup === undefined
    ? subscription
    : `${subscription}/resourceGroups/${scope.resourceGroup}`;
}

function where(context: ArmErrorContext | ClusterListErrorContext): string {
  if (context.operation === 'list-clusters') {
    const { cluster } = context;
    return cluster.resourceGroup === undefined
      ? `the managed clusters of subscription '${cluster.subscriptionId}'`
      : `the managed clusters of resource group '${cluster.resourceGroup}' (subscription '${cluster.subscriptionId}')`;
  }
  const { cluster, pool } = context;
  const clusterText = `cluster '${cluster.clusterName}' (resource group '${cluster.resourceGroup}', subscription '${cluster.subscriptionId}')`;
  return pool ? `pool '${pool}' of ${clusterText}` : clusterText;
}

/** Whether an ARM error is `409 OperationNotAllowed` (another operation in progress). */
export function isBusyConflict(error: unknown): boolean {
  return isRestErrorLike(error) && error.statusCode === 409 && error.code !== 'EtagMismatch';
}

/** Whether an ARM error is `412 PreconditionFailed` (or the cluster-level `409 EtagMismatch`). */
export function isPreconditionFailure(error: unknown): boolean {
  return isRestErrorLike(error) && (error.statusCode === 412 || error.code === 'EtagMismatch');
}

/**
 * Maps anything the SDK throws to a {@link ScalerError} whose message says what to do. Messages are redacted.
 * `responseBody` is the failed response's body when the SDK's error does not carry it (paged lists).
 */
export function toScalerError(
  error: unknown,
  context: ArmErrorContext | ClusterListErrorContext,
  responseBody?: unknown,
): ScalerError {
  if (error instanceof ScalerError) return error;
  if (error instanceof Error && IDENTITY_ERROR_NAMES.has(error.name)) {
    return new AuthenticationError(
      `Could not get a token for Azure Resource Manager: ${redact(error.message)} Check the credential (resolveCredential's description says which one is used).`,
      { cause: error },
    );
  }
  if (error instanceof Error && error.name === 'AbortError')
    return new AbortedError(undefined, { cause: error });
  if (!isRestErrorLike(error)) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = /^The long-running operation has failed(?:\. ([^.\s]+)\. ([\s\S]*))?/.exec(message);
    if (failed) {
      const armCode = failed[1] ?? 'Failed';
      return new OperationFailedError(
        `The operation on ${where(context)} ended Failed (${armCode}): ${redact(failed[2] ?? message)} Fix the cause (quota, VM size availability, pool settings), then run again; the pool is writable again.`,
        { cause: error, armCode },
      );
    }
    if (/^Operation was canceled/.test(message)) {
      return new OperationFailedError(
        `The operation on ${where(context)} was canceled (by a later operation or an abort). Run again to converge.`,
        { cause: error, armCode: 'Canceled' },
      );
    }
    return new ArmRequestError(`Request for ${where(context)} failed: ${redact(message)}`, { cause: error });
  }
  const status = error.statusCode;
  const fromBody = bodyError(error, responseBody);
  const rawMessage =
    fromBody.message && !error.message.includes(fromBody.message) ? fromBody.message : error.message;
  const detail = redact(rawMessage);
  const code = error.code ?? fromBody.code ?? '';
  switch (status) {
    case 401:
      return new AuthenticationError(
        `Azure Resource Manager rejected the token (401 ${code}): ${detail} Check that the credential's tenant owns subscription '${context.cluster.subscriptionId}' and that the ARM endpoint matches the cloud the token is for.`,
        { cause: error },
      );
    case 403: {
      const action = /action '([^']+)'/.exec(rawMessage)?.[1];
      const scope = /scope '([^']+)'/.exec(rawMessage)?.[1];
      const options: { cause: unknown; action?: string; scope?: string } = { cause: error };
      if (action) options.action = action;
      if (scope) options.scope = scope;
      if (context.operation === 'list-clusters') {
        const listAction = action ?? 'Microsoft.ContainerService/managedClusters/read';
        const listScope = scope ?? listScopeOf(context.cluster);
        options.action = listAction;
        options.scope = listScope;
        return new AuthorizationError(
          `The identity may not perform '${listAction}' on '${listScope}' (403 ${code || 'AuthorizationFailed'}), so it cannot list ${where(context)}. Listing clusters needs '${listAction}' at that scope: assign the role (the shipped least-privilege custom role has it) on ${context.cluster.resourceGroup === undefined ? 'the subscription' : 'the resource group'}, not only on each cluster. Role assignments can take a few minutes to apply.`,
          options,
        );
      }
      return new AuthorizationError(
        `The identity may not perform '${action ?? 'the requested action'}' on '${scope ?? where(context)}' (403 ${code || 'AuthorizationFailed'}). Assign it a role with these actions on the cluster: ${REQUIRED_ARM_ACTIONS.join(', ')} (the shipped least-privilege custom role has exactly these; 'Azure Kubernetes Service Cluster Admin Role' is not enough). Role assignments can take a few minutes to apply.`,
        options,
      );
    }
    case 404: {
      if (context.operation === 'list-clusters') {
        return new ClusterNotFoundError(
          `${where(context)} could not be listed (404 ${code}): ${detail} Check the subscription id${context.cluster.resourceGroup === undefined ? '' : ' and the resource group name'} the clusters are listed in, and that the identity can read ${context.cluster.resourceGroup === undefined ? 'the subscription' : 'the resource group'}.`,
          { cause: error },
        );
      }
      const clusterMissing =
        context.operation === 'list' ||
        code === 'ResourceGroupNotFound' ||
        (/managedClusters\/[^/' ]+'/i.test(rawMessage) && !/agentPools/i.test(rawMessage));
      if (clusterMissing || !context.pool) {
        return new ClusterNotFoundError(
          `${where(context)} was not found (404 ${code}). Check SUBSCRIPTION, RESOURCE_GROUP and CLUSTER_NAME, and that the identity can read the cluster.`,
          { cause: error },
        );
      }
      return new PoolNotFoundError(
        context.pool,
        `Pool '${context.pool}' does not exist in cluster '${context.cluster.clusterName}' (404 ${code}). Check the pool names in NODE_POOLS_AMOUNT or the config.`,
        { cause: error },
      );
    }
    case 409:
      if (code === 'EtagMismatch') {
        return new OperationConflictError(
          `The ${where(context)} changed since it was read (409 EtagMismatch).`,
          {
            cause: error,
            reason: 'changed',
          },
        );
      }
      return new OperationConflictError(
        `Another operation kept ${where(context)} busy (409 ${code}): ${detail} Wait for it to finish (or raise the operation timeout) and run again.`,
        { cause: error, reason: 'busy' },
      );
    case 412:
      return new OperationConflictError(
        `The ${where(context)} changed since it was read (412 PreconditionFailed). Re-read it and plan again.`,
        { cause: error, reason: 'changed' },
      );
    case 429: {
      const waitInMs = retryAfterInMs(
        (name) => error.response?.headers?.get(name),
        context.nowInMs ?? Date.now(),
      );
      const options: { cause: unknown; retryAfterInMs?: number } = { cause: error };
      if (waitInMs !== undefined) options.retryAfterInMs = waitInMs;
      return new ThrottledError(
        `Azure Resource Manager kept throttling requests for ${where(context)} (429 ${code}) after the client's retries${waitInMs !== undefined ? `; it asked to wait ${Math.ceil(waitInMs / 1000)} s` : ''}. Lower the concurrency or reconcile less often.`,
        options,
      );
    }
    default:
      if (status !== undefined && status >= 400 && status < 500 && context.operation === 'write') {
        return new OperationFailedError(
          `Azure Resource Manager refused the write to ${where(context)} (${status} ${code}): ${detail}`,
          { cause: error, armCode: code || String(status) },
        );
      }
      return new ArmRequestError(
        `Request for ${where(context)} failed (${status ?? 'no response'} ${code}): ${detail}${status !== undefined && status >= 500 ? ' Azure had a server error after the client retried; run again later.' : ''}`,
        status === undefined ? { cause: error } : { cause: error, statusCode: status },
      );
  }
}
