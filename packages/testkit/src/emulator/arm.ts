import type { AccessTokenAuthority, Principal } from './access-tokens.js';
import { deletePool } from './agent-pool-delete.js';
import { type AgentPoolContext, getPool, listPools, operationUrl, putPool } from './agent-pools.js';
import { apiVersionProblem } from './api-versions.js';
import { gatewayError, providerError, resourceNotFound } from './arm-errors.js';
import { type ArmRoute, actionFor, scopeOf } from './arm-routes.js';
import { clusterBody } from './cluster-body.js';
import type { FaultSpec } from './faults.js';
import type { EmulatorResponse } from './http.js';
import { getMetrics } from './metrics.js';
import { operationStatusBody } from './operations.js';
import { applyPoolFaults } from './pool-faults.js';
import type { Rbac } from './rbac.js';
import {
  getResourceGroup,
  getSubscription,
  invalidSubscriptionId,
  listClusters,
  listSubscriptions,
  resourceGroupNotFound,
  SUBSCRIPTION_ID_PATTERN,
  subscriptionNotFound,
} from './subscription-reads.js';
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
  if (
    'subscriptionId' in route &&
    route.subscriptionId &&
    !SUBSCRIPTION_ID_PATTERN.test(route.subscriptionId)
  ) {
    return invalidSubscriptionId(route.subscriptionId);
  }
  if (route.kind === 'operation' || route.kind === 'operationResult') {
    return method === 'GET' ? operationStatus(context, route) : methodNotAllowed(method);
  }
  const apiVersion = query.get('api-version');
  if (!apiVersion) {
    return gatewayError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
  if (route.kind === 'unknown' || (route.kind !== 'subscriptions' && !route.subscriptionId)) {
    return gatewayError(
      404,
      'InvalidResourceType',
      `The resource type could not be found in the namespace for api version '${apiVersion}'.`,
    );
  }
  const versionProblem = apiVersionProblem(route, apiVersion);
  if (versionProblem) return versionProblem;
  const readOnly = route.kind !== 'pool';
  if (readOnly && method !== 'GET') return methodNotAllowed(method);
  if (route.kind === 'subscriptions') return listSubscriptions(context);
  if (route.kind === 'metrics')
    return getMetrics(context.state, route.resourceUri, query, context.clock.now());
  if (!context.state.hasSubscription(route.subscriptionId)) return subscriptionNotFound(route.subscriptionId);
  if (route.kind === 'subscription') return getSubscription(context, route.subscriptionId);
  if (route.kind === 'resourceGroup') {
    return getResourceGroup(context, route.subscriptionId, route.resourceGroup);
  }
  if (route.kind === 'clusters') {
    if (
      route.resourceGroup !== undefined &&
      !context.state.hasResourceGroup(route.subscriptionId, route.resourceGroup)
    ) {
      return resourceGroupNotFound(route.resourceGroup);
    }
    return listClusters(context, route, request.path, query);
  }
  if (!context.state.hasResourceGroup(route.subscriptionId, route.resourceGroup)) {
    return resourceGroupNotFound(route.resourceGroup);
  }
  const cluster = context.state.findCluster(route.subscriptionId, route.resourceGroup, route.cluster);
  if (!cluster) {
    return resourceNotFound('Microsoft.ContainerService/managedClusters', route.cluster, route.resourceGroup);
  }
  if (route.kind === 'cluster') {
    const body = clusterBody(cluster, {
      tenantId: context.tenantId,
      issuerUrl: context.issuerUrl,
      clusterOperationKind: context.state.clusterOperation(cluster)?.kind,
    });
    return { status: 200, body };
  }
  if (route.kind === 'pools') return listPools(context, cluster, request.path, query);
  if (method === 'GET') return getPool(cluster, route.pool);
  if (method === 'DELETE') return deletePool(context, cluster, route.pool, request.ifMatch);
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

/** GET of an operation's status (`operations`) or result (`operationresults`, the Location URL of a DELETE). */
function operationStatus(
  context: ArmContext,
  route: { kind: 'operation' | 'operationResult'; subscriptionId: string; operationId: string },
): EmulatorResponse {
  const operation = context.state.findOperation(route.operationId);
  if (!operation || operation.subscriptionId.toLowerCase() !== route.subscriptionId.toLowerCase()) {
    return gatewayError(404, 'NotFound', `Operation '${route.operationId}' was not found.`);
  }
  const throttle = context.throttler.operationStatus(operation.subscriptionId);
  if (!throttle.allowed) {
    return providerError(
      429,
      'Throttled',
      `The operation status GET request limit has been exceeded for SubID='${operation.subscriptionId}', please retry again in ${throttle.retryAfterInSeconds} seconds. For more information, please visit aka.ms/aks/throttling`,
      { headers: { 'retry-after': String(throttle.retryAfterInSeconds) } },
    );
  }
  const headers: Record<string, string> = {};
  if (operation.status === 'InProgress' && context.pollRetryAfterInSeconds !== undefined) {
    headers['retry-after'] = String(context.pollRetryAfterInSeconds);
  }
  if (route.kind === 'operationResult') {
    // 202 while running, 204 once done (as recorded).
    if (operation.status === 'InProgress') {
      return {
        status: 202,
        headers: { ...headers, location: operationUrl(context, operation, 'operationresults') },
      };
    }
    if (operation.status === 'Succeeded') return { status: 204 };
  }
  return { status: 200, body: operationStatusBody(operation), headers };
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
