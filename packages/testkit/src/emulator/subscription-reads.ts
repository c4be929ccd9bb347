import { gatewayError } from './arm-errors.js';
import { clusterBody } from './cluster-body.js';
import type { EmulatorResponse } from './http.js';
import { listPage } from './paging.js';
import type { StateStore } from './state.js';

/** What the subscription, resource-group and managed-cluster list reads need. */
export interface SubscriptionReadContext {
  state: StateStore;
  origin: string;
  tenantId: string;
  issuerUrl: string;
  listPageSize: number;
}

/** A subscription id ARM accepts: a GUID. */
export const SUBSCRIPTION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ARM's 400 for a subscription id that is not a GUID. */
export function invalidSubscriptionId(subscriptionId: string): EmulatorResponse {
  return gatewayError(
    400,
    'InvalidSubscriptionId',
    `The provided subscription identifier '${subscriptionId}' is malformed or invalid.`,
  );
}

/** ARM's 404 for a subscription the emulator does not serve. */
export function subscriptionNotFound(subscriptionId: string): EmulatorResponse {
  return gatewayError(
    404,
    'SubscriptionNotFound',
    `The subscription '${subscriptionId}' could not be found.`,
  );
}

/** ARM's 404 for a resource group the subscription does not have. */
export function resourceGroupNotFound(resourceGroup: string): EmulatorResponse {
  return gatewayError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`);
}

function subscriptionBody(context: SubscriptionReadContext, subscriptionId: string): Record<string, unknown> {
  return {
    id: `/subscriptions/${subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId,
    tenantId: context.tenantId,
    displayName: `Emulator subscription ${subscriptionId.slice(0, 8)}`,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

/** `GET /subscriptions`: every subscription the emulator serves (what `az login` lists). */
export function listSubscriptions(context: SubscriptionReadContext): EmulatorResponse {
  const value = context.state.subscriptionIds().map((id) => subscriptionBody(context, id));
  return { status: 200, body: { value, count: { type: 'Total', value: value.length } } };
}

/** `GET /subscriptions/{id}`. */
export function getSubscription(context: SubscriptionReadContext, subscriptionId: string): EmulatorResponse {
  const id = context.state
    .subscriptionIds()
    .find((known) => known.toLowerCase() === subscriptionId.toLowerCase());
  return id ? { status: 200, body: subscriptionBody(context, id) } : subscriptionNotFound(subscriptionId);
}

/** `GET /subscriptions/{id}/resourcegroups/{name}`: a resource group that holds a cluster. */
export function getResourceGroup(
  context: SubscriptionReadContext,
  subscriptionId: string,
  resourceGroup: string,
): EmulatorResponse {
  const cluster = context.state.clusters.find(
    (candidate) =>
      candidate.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() &&
      candidate.resourceGroup.toLowerCase() === resourceGroup.toLowerCase(),
  );
  if (!cluster) return resourceGroupNotFound(resourceGroup);
  return {
    status: 200,
    body: {
      id: `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}`,
      name: cluster.resourceGroup,
      type: 'Microsoft.Resources/resourceGroups',
      location: cluster.location,
      properties: { provisioningState: 'Succeeded' },
    },
  };
}

/**
 * `GET .../providers/Microsoft.ContainerService/managedClusters` of a subscription or of one resource group, in
 * ARM's list shape (`{ value, nextLink? }`), paged by `listPageSize`.
 */
export function listClusters(
  context: SubscriptionReadContext,
  scope: { subscriptionId: string; resourceGroup?: string | undefined },
  path: string,
  query: URLSearchParams,
): EmulatorResponse {
  const clusters = context.state.clusters.filter(
    (cluster) =>
      cluster.subscriptionId.toLowerCase() === scope.subscriptionId.toLowerCase() &&
      (scope.resourceGroup === undefined ||
        cluster.resourceGroup.toLowerCase() === scope.resourceGroup.toLowerCase()),
  );
  return listPage(
    clusters,
    (cluster) =>
      clusterBody(cluster, {
        tenantId: context.tenantId,
        issuerUrl: context.issuerUrl,
        clusterOperationKind: context.state.clusterOperation(cluster)?.kind,
      }),
    { origin: context.origin, path, query, pageSize: context.listPageSize },
  );
}
