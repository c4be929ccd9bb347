import type { AccessTokenAuthority, Principal } from './access-tokens.js';
import { deletePool } from './agent-pool-delete.js';
import {
  type AgentPoolContext,
  durationOf,
  getPool,
  listPools,
  operationUrl,
  putPool,
} from './agent-pools.js';
import { gatewayError, resourceNotFound } from './arm-errors.js';
import { type ArmRoute, actionFor, scopeOf } from './arm-routes.js';
import type { FaultSpec } from './faults.js';
import type { EmulatorResponse } from './http.js';
import { getMetrics } from './metrics.js';
import { operationStatusBody } from './operations.js';
import { quotedGuid } from './pool-snapshot.js';
import type { Rbac } from './rbac.js';
import { type ClusterRecord, clusterBody } from './resources.js';
import type { EmulatorClock } from './types.js';

/** What the ARM front end needs. */
export interface ArmContext extends AgentPoolContext {
  tokens: AccessTokenAuthority;
  rbac: Rbac;
  clock: EmulatorClock;
  tenantId: string;
  authorityHost: string;
  issuerUrl: string;
  pollRetryAfterInSeconds?: number;
  enforceRbacOnOperationStatus: boolean;
}

/** One ARM request as the front end sees it. */
export interface ArmRequest {
  method: string;
  path: string;
  route: ArmRoute;
  query: URLSearchParams;
  authorization?: string;
  ifMatch?: string;
  ifNoneMatch?: string;
  body: () => Promise<string>;
  /** Pool-scoped faults that hit this request (side effects applied before handling). */
  faults: FaultSpec[];
}

/** An ARM response plus the caller, for the request log. */
export interface ArmResult extends EmulatorResponse {
  principal?: Principal;
}

/** Authenticates, throttles, authorizes and dispatches an ARM request. */
export async function handleArm(context: ArmContext, request: ArmRequest): Promise<ArmResult> {
  const authenticated = await authenticate(context, request.authorization);
  if ('response' in authenticated) return authenticated.response;
  const { principal } = authenticated;
  const result = await authorizedDispatch(context, request, principal);
  return { ...result, principal };
}

async function authorizedDispatch(
  context: ArmContext,
  request: ArmRequest,
  principal: Principal,
): Promise<EmulatorResponse> {
  const { route, method } = request;
  const subscriptionId = 'subscriptionId' in route ? (route.subscriptionId ?? '') : '';
  const kind = method === 'GET' || method === 'HEAD' ? 'reads' : method === 'DELETE' ? 'deletes' : 'writes';
  const throttle = context.throttler.arm(kind, subscriptionId.toLowerCase(), principal.objectId);
  const withHeaders = (response: EmulatorResponse): EmulatorResponse => ({
    ...response,
    headers: { ...throttle.headers, ...response.headers },
  });
  if (!throttle.allowed) {
    const scope = throttle.limit === 'global' ? '' : ` actor '${principal.objectId}'`;
    return withHeaders(
      gatewayError(
        429,
        'SubscriptionRequestsThrottled',
        `Number of '${kind.slice(0, -1)}' requests for subscription '${subscriptionId}'${scope} exceeded. Please try again after '${throttle.retryAfterInSeconds}' seconds after the additional tokens are available. Refer to https://aka.ms/arm-throttling`,
        { 'retry-after': String(throttle.retryAfterInSeconds) },
      ),
    );
  }
  const action = actionFor(route, method);
  const statusRoute = route.kind === 'operation' || route.kind === 'operationResult';
  const checked = action && (!statusRoute || context.enforceRbacOnOperationStatus);
  if (checked && !context.rbac.allows(principal.clientId, action)) {
    return withHeaders(
      gatewayError(
        403,
        'AuthorizationFailed',
        `The client '${principal.clientId}' with object id '${principal.objectId}' does not have authorization to perform action '${action}' over scope '${scopeOf(route, request.path)}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      ),
    );
  }
  return withHeaders(await dispatch(context, request));
}

async function dispatch(context: ArmContext, request: ArmRequest): Promise<EmulatorResponse> {
  const { route, method, query } = request;
  context.state.settle();
  if (route.kind === 'operation' || route.kind === 'operationResult') {
    if (method !== 'GET') return methodNotAllowed(method);
    const operation = context.state.findOperation(route.operationId);
    if (!operation || operation.subscriptionId.toLowerCase() !== route.subscriptionId.toLowerCase()) {
      return gatewayError(404, 'NotFound', `Operation '${route.operationId}' was not found.`);
    }
    const headers: Record<string, string> = {};
    if (operation.status === 'InProgress' && context.pollRetryAfterInSeconds !== undefined) {
      headers['retry-after'] = String(context.pollRetryAfterInSeconds);
    }
    if (route.kind === 'operationResult') {
      // The Location URL of a DELETE: 202 while running, 204 once done (as recorded).
      if (operation.status === 'InProgress')
        return {
          status: 202,
          headers: { ...headers, location: operationUrl(context, operation, 'operationresults') },
        };
      if (operation.status === 'Succeeded') return { status: 204 };
    }
    return { status: 200, body: operationStatusBody(operation), headers };
  }
  if (!query.get('api-version')) {
    return gatewayError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
  if (route.kind === 'metrics') {
    if (method !== 'GET') return methodNotAllowed(method);
    return getMetrics(context.state, route.resourceUri, query, context.clock.now());
  }
  if (route.kind === 'unknown' || !route.subscriptionId) {
    return gatewayError(
      404,
      'InvalidResourceType',
      `The resource type could not be found in the namespace for api version '${query.get('api-version')}'.`,
    );
  }
  if (!context.state.hasSubscription(route.subscriptionId)) {
    return gatewayError(
      404,
      'SubscriptionNotFound',
      `The subscription '${route.subscriptionId}' could not be found.`,
    );
  }
  if (!context.state.hasResourceGroup(route.subscriptionId, route.resourceGroup)) {
    return gatewayError(
      404,
      'ResourceGroupNotFound',
      `Resource group '${route.resourceGroup}' could not be found.`,
    );
  }
  const cluster = context.state.findCluster(route.subscriptionId, route.resourceGroup, route.cluster);
  if (!cluster) {
    return resourceNotFound('Microsoft.ContainerService/managedClusters', route.cluster, route.resourceGroup);
  }
  if (route.kind === 'cluster') {
    return method === 'GET'
      ? {
          status: 200,
          body: clusterBody(cluster, context.issuerUrl, context.state.clusterOperation(cluster)?.kind),
        }
      : methodNotAllowed(method);
  }
  if (route.kind === 'pools') {
    return method === 'GET' ? listPools(context, cluster, request.path, query) : methodNotAllowed(method);
  }
  if (method === 'GET') return getPool(cluster, route.pool);
  if (method === 'DELETE') {
    return deletePool(context, cluster, route.pool, request.ifMatch);
  }
  if (method !== 'PUT') return methodNotAllowed(method);
  applyPoolFaults(context, cluster, route.pool, request.faults);
  return putPool(context, {
    cluster,
    name: route.pool,
    body: await request.body(),
    ...(request.ifMatch !== undefined ? { ifMatch: request.ifMatch } : {}),
    ...(request.ifNoneMatch !== undefined ? { ifNoneMatch: request.ifNoneMatch } : {}),
  });
}

/** Applies `conflict`, `etag-bump` and `operation-*` faults to the pool a PUT targets. */
function applyPoolFaults(
  context: ArmContext,
  cluster: ClusterRecord,
  pool: string,
  faults: FaultSpec[],
): void {
  const record = cluster.pools.get(pool);
  for (const fault of faults) {
    if (fault.kind === 'etag-bump' && record) record.eTag = quotedGuid();
    if (fault.kind === 'conflict' && record && !record.operationId) {
      record.eTag = quotedGuid();
      context.state.startOperation(
        cluster,
        record,
        'Updating',
        durationOf(context.operationDuration, 0),
        true,
      );
    }
    if (fault.kind === 'operation-fails') {
      context.state.planNextOperation(cluster, pool, {
        status: 'Failed',
        error: {
          code: fault.code ?? 'QuotaExceeded',
          message:
            fault.message ??
            `Operation could not be completed as it results in exceeding approved Total Regional Cores quota. Additional details - Deployment Model: Resource Manager, Location: ${cluster.location}, Current Limit: 4, Current Usage: 4, Additional Required: 2, (Minimum) New Limit Required: 6.`,
        },
      });
    }
    if (fault.kind === 'operation-never-ends')
      context.state.planNextOperation(cluster, pool, { status: 'never' });
  }
}

async function authenticate(
  context: ArmContext,
  authorization: string | undefined,
): Promise<{ principal: Principal } | { response: EmulatorResponse }> {
  const challenge = (description: string) =>
    `Bearer authorization_uri="${context.authorityHost}${context.tenantId}", error="invalid_token", error_description="${description}"`;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) {
    return {
      response: gatewayError(
        401,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing.",
        {
          'www-authenticate': challenge(
            "The authentication failed because of missing 'Authorization' header.",
          ),
        },
      ),
    };
  }
  const check = await context.tokens.verify(match[1]!);
  if (!check.ok) {
    return {
      response: gatewayError(401, check.code, check.message, {
        'www-authenticate': challenge(
          check.code === 'ExpiredAuthenticationToken'
            ? 'The access token expiry UTC time is in the past.'
            : 'The access token is invalid.',
        ),
      }),
    };
  }
  return { principal: check.principal };
}

function methodNotAllowed(method: string): EmulatorResponse {
  return gatewayError(
    405,
    'MethodNotAllowed',
    `The HTTP method '${method}' is not supported by the emulator for this resource.`,
  );
}
