import { gatewayError, providerError, resourceNotFound } from './arm-errors.js';
import type { EmulatorResponse } from './http.js';
import type { EmulatorOperation } from './operations.js';
import { listPage } from './paging.js';
import { type PoolProperties, powerStateOf, replaceProperties, sameJson } from './pool-model.js';
import { quotedGuid } from './pool-snapshot.js';
import {
  clusterOperationInProgress,
  invalidPoolName,
  operationInProgress,
  POOL_NAME_PATTERN,
  powerTransition,
  validatePoolWrite,
} from './pool-validation.js';
import { applyStart, applyStop } from './power-state.js';
import { type ClusterRecord, type PoolRecord, poolBody } from './resources.js';
import type { StateStore } from './state.js';
import type { Throttler } from './throttling.js';
import type { OperationDuration } from './types.js';
import { isVirtualMachines, manualOf, manualTotal } from './virtual-machines.js';

/** What the agent-pool handlers need. */
export interface AgentPoolContext {
  state: StateStore;
  throttler: Throttler;
  origin: string;
  listPageSize: number;
  operationDuration: OperationDuration;
  /** How long `Stopping` and `Starting` run. */
  powerOperationDuration: OperationDuration;
}

/** A PUT request on an agent pool. */
export interface PoolPutRequest {
  cluster: ClusterRecord;
  name: string;
  body: string;
  ifMatch?: string;
  ifNoneMatch?: string;
}

/** GET of the agent-pool list, paged with `nextLink` (`$skipToken` is the offset). */
export function listPools(
  context: AgentPoolContext,
  cluster: ClusterRecord,
  path: string,
  query: URLSearchParams,
): EmulatorResponse {
  return listPage([...cluster.pools.values()], (pool) => poolBody(cluster, pool), {
    origin: context.origin,
    path,
    query,
    pageSize: context.listPageSize,
  });
}

/** GET of one agent pool. */
export function getPool(cluster: ClusterRecord, name: string): EmulatorResponse {
  const pool = findPool(cluster, name);
  if (!pool) return poolNotFound(cluster, name);
  return { status: 200, body: poolBody(cluster, pool) };
}

/** PUT of an agent pool: validation, eTag preconditions, busy check, then a new asynchronous operation. */
export function putPool(context: AgentPoolContext, request: PoolPutRequest): EmulatorResponse {
  const { cluster, name, ifMatch, ifNoneMatch } = request;
  const throttle = context.throttler.putAgentPool(cluster.subscriptionId);
  if (!throttle.allowed) {
    return providerError(
      429,
      'Throttled',
      `The PutAgentPoolHandler.PUT request limit has been exceeded for SubID='${cluster.subscriptionId}', please retry again in ${throttle.retryAfterInSeconds} seconds. For more information, please visit aka.ms/aks/throttling`,
      { headers: { 'retry-after': String(throttle.retryAfterInSeconds) } },
    );
  }
  if (!POOL_NAME_PATTERN.test(name)) return invalidPoolName(name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body || '{}');
  } catch (error) {
    return gatewayError(
      400,
      'InvalidRequestContent',
      `The request content was invalid and could not be deserialized: '${(error as Error).message}'.`,
    );
  }
  const sentProperties = (parsed as { properties?: unknown } | null)?.properties ?? {};
  if (typeof sentProperties !== 'object' || sentProperties === null || Array.isArray(sentProperties)) {
    return gatewayError(
      400,
      'InvalidRequestContent',
      "The request content was invalid: 'properties' must be an object.",
    );
  }
  const body = sentProperties as PoolProperties;
  const existing = findPool(cluster, name);
  if (ifNoneMatch !== undefined && ifNoneMatch !== '*') {
    return providerError(400, 'InvalidParameter', "The If-None-Match header may only be empty or '*'.");
  }
  if (ifNoneMatch === '*' && existing) {
    return providerError(
      412,
      'PreconditionFailed',
      `Agent pool '${name}' already exists but If-None-Match: * was provided. If this is a request to update, please do not provide If-None-Match.`,
    );
  }
  const clusterOperation = context.state.clusterOperation(cluster);
  if (clusterOperation) return clusterOperationInProgress(clusterOperation.id, clusterOperation.startedAt);
  if (existing?.operationId) return operationInProgress(existing.provisioningState);
  if (ifMatch !== undefined) {
    if (!existing) {
      return providerError(
        412,
        'PreconditionFailed',
        'Resource not found but ETag header is provided. If this is a request to create, please do not provide ETag.',
      );
    }
    if (ifMatch !== '*' && unquote(ifMatch) !== unquote(existing.eTag)) {
      return providerError(
        412,
        'PreconditionFailed',
        `Operation is not allowed: the eTag '${ifMatch}' in the If-Match header does not match the current eTag '${existing.eTag}' of agent pool '${name}'. Get the agent pool again and retry with its current eTag.`,
      );
    }
  }
  const replaced = replaceProperties(existing?.properties, body);
  const problem = validatePoolWrite(cluster, name, body, replaced.after, existing);
  if (problem) return problem;

  const before = existing?.properties;
  const record: PoolRecord = existing ?? { name, eTag: '', properties: {}, provisioningState: 'Creating' };
  const transition = powerTransition(before, replaced.after);
  const nodesBefore = nodeCount(before);
  if (transition === 'Stopped') record.stoppedWith = applyStop(replaced.after);
  if (transition === 'Running') {
    applyStart(replaced.after, record.stoppedWith);
    record.stoppedWith = undefined;
  }
  const kind = operationKind(before, replaced.after);
  record.properties = replaced.after;
  record.eTag = quotedGuid();
  if (!existing) cluster.pools.set(name, record);
  // A new VirtualMachines pool runs no nodes until its creation ends.
  if (!existing && isVirtualMachines(replaced.after)) record.nodesStatus = [];
  const nodesAfter = nodeCount(replaced.after);
  const duration = transition
    ? durationOf(context.powerOperationDuration, transition === 'Stopped' ? nodesBefore : nodesAfter)
    : durationOf(context.operationDuration, Math.abs(nodesAfter - nodesBefore));
  const operation = context.state.startOperation(cluster, record, kind, duration);
  context.state.recordWrite({
    subscriptionId: cluster.subscriptionId,
    resourceGroup: cluster.resourceGroup,
    clusterName: cluster.name,
    pool: name,
    operationId: operation.id,
    kind: existing ? 'update' : 'create',
    sentFields: replaced.sentFields,
    droppedFields: replaced.droppedFields,
    ...(before ? { before } : {}),
    after: replaced.after,
  });
  const asyncUrl = operationUrl(context, operation, 'operations');
  return {
    status: existing ? 200 : 201,
    body: poolBody(cluster, record),
    headers: { 'azure-asyncoperation': asyncUrl },
  };
}

/** The absolute `Azure-AsyncOperation` (`operations`) or `Location` (`operationresults`) URL of an operation. */
export function operationUrl(
  context: { origin: string },
  operation: EmulatorOperation,
  kind: 'operations' | 'operationresults',
): string {
  return `${context.origin}/subscriptions/${operation.subscriptionId}/providers/Microsoft.ContainerService/locations/${operation.location}/${kind}/${operation.id}?api-version=2016-03-30`;
}

/** The provisioning state a write puts the pool in while it runs. */
function operationKind(before: PoolProperties | undefined, after: PoolProperties): string {
  if (!before) return 'Creating';
  const wasPower = powerStateOf(before);
  const isPower = powerStateOf(after);
  if (wasPower !== isPower) return isPower === 'Stopped' ? 'Stopping' : 'Starting';
  const resized = isVirtualMachines(after)
    ? !sameJson(manualOf(before), manualOf(after))
    : before.count !== after.count;
  return resized ? 'Scaling' : 'Updating';
}

/** The nodes a pool's properties ask for (the manual profiles' sum for a VirtualMachines pool). */
function nodeCount(properties: PoolProperties | undefined): number {
  if (!properties) return 0;
  return isVirtualMachines(properties) ? manualTotal(properties) : Number(properties.count ?? 0);
}

/** The duration of an operation that adds or removes `nodes` nodes. */
export function durationOf(duration: OperationDuration, nodes: number): number {
  return typeof duration === 'number' ? duration : duration.baseInMs + duration.perNodeInMs * nodes;
}

function findPool(cluster: ClusterRecord, name: string): PoolRecord | undefined {
  return cluster.pools.get(name) ?? cluster.pools.get(name.toLowerCase());
}

function poolNotFound(cluster: ClusterRecord, name: string): EmulatorResponse {
  return resourceNotFound(
    `Microsoft.ContainerService/managedClusters/${cluster.name}/agentPools`,
    name,
    cluster.resourceGroup,
  );
}

/** An eTag without quotes or weak marker. */
export function unquote(tag: string): string {
  return tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
}
