import { ACTIONS } from './rbac.js';

/** A parsed ARM request path. */
export type ArmRoute =
  | { kind: 'operation'; subscriptionId: string; location: string; operationId: string }
  | { kind: 'operationResult'; subscriptionId: string; location: string; operationId: string }
  | { kind: 'metrics'; subscriptionId: string; resourceUri: string }
  | { kind: 'subscriptions' }
  | { kind: 'subscription'; subscriptionId: string }
  | { kind: 'resourceGroup'; subscriptionId: string; resourceGroup: string }
  | { kind: 'clusters'; subscriptionId: string; resourceGroup?: string }
  | { kind: 'cluster'; subscriptionId: string; resourceGroup: string; cluster: string }
  | { kind: 'pools'; subscriptionId: string; resourceGroup: string; cluster: string }
  | { kind: 'pool'; subscriptionId: string; resourceGroup: string; cluster: string; pool: string }
  | { kind: 'unknown'; subscriptionId?: string };

const SEGMENT = '([^/]+)';
const CLUSTER = `^/subscriptions/${SEGMENT}/resourcegroups/${SEGMENT}/providers/microsoft\\.containerservice/managedclusters/${SEGMENT}`;
const OPERATION = new RegExp(
  `^/subscriptions/${SEGMENT}/providers/microsoft\\.containerservice/locations/${SEGMENT}/(operations|operationresults)/${SEGMENT}$`,
  'i',
);
const METRICS = new RegExp(`^(/subscriptions/${SEGMENT}/.+)/providers/microsoft\\.insights/metrics$`, 'i');
const CLUSTER_ONLY = new RegExp(`${CLUSTER}$`, 'i');
const SUBSCRIPTION = new RegExp(`^/subscriptions/${SEGMENT}$`, 'i');
const RESOURCE_GROUP = new RegExp(`^/subscriptions/${SEGMENT}/resourcegroups/${SEGMENT}$`, 'i');
const CLUSTER_LIST = new RegExp(
  `^/subscriptions/${SEGMENT}(?:/resourcegroups/${SEGMENT})?/providers/microsoft\\.containerservice/managedclusters$`,
  'i',
);

/** Whether a path is ARM's (subscriptions and what is under them). */
export function isArmPath(path: string): boolean {
  return /^\/subscriptions(\/|$)/i.test(path);
}
const POOLS = new RegExp(`${CLUSTER}/agentpools$`, 'i');
const POOL = new RegExp(`${CLUSTER}/agentpools/${SEGMENT}$`, 'i');

/** Parses an ARM path (case-insensitive, as ARM is). */
export function parseArmPath(path: string): ArmRoute {
  const decoded = path.replace(/\/+$/, '');
  if (/^\/subscriptions$/i.test(decoded)) return { kind: 'subscriptions' };
  let match = OPERATION.exec(decoded);
  if (match) {
    return {
      kind: match[3]!.toLowerCase() === 'operations' ? 'operation' : 'operationResult',
      subscriptionId: match[1]!,
      location: match[2]!,
      operationId: match[4]!,
    };
  }
  match = METRICS.exec(decoded);
  if (match) return { kind: 'metrics', subscriptionId: match[2]!, resourceUri: match[1]! };
  match = POOL.exec(decoded);
  if (match) {
    return {
      kind: 'pool',
      subscriptionId: match[1]!,
      resourceGroup: decodeURIComponent(match[2]!),
      cluster: decodeURIComponent(match[3]!),
      pool: decodeURIComponent(match[4]!),
    };
  }
  match = POOLS.exec(decoded) ?? CLUSTER_ONLY.exec(decoded);
  if (match) {
    return {
      kind: POOLS.test(decoded) ? 'pools' : 'cluster',
      subscriptionId: match[1]!,
      resourceGroup: decodeURIComponent(match[2]!),
      cluster: decodeURIComponent(match[3]!),
    };
  }
  match = SUBSCRIPTION.exec(decoded);
  if (match) return { kind: 'subscription', subscriptionId: match[1]! };
  match = RESOURCE_GROUP.exec(decoded);
  if (match) {
    return { kind: 'resourceGroup', subscriptionId: match[1]!, resourceGroup: decodeURIComponent(match[2]!) };
  }
  match = CLUSTER_LIST.exec(decoded);
  if (match) {
    return {
      kind: 'clusters',
      subscriptionId: match[1]!,
      ...(match[2] !== undefined ? { resourceGroup: decodeURIComponent(match[2]) } : {}),
    };
  }
  const subscription = /^\/subscriptions\/([^/]+)/i.exec(decoded);
  return subscription ? { kind: 'unknown', subscriptionId: subscription[1]! } : { kind: 'unknown' };
}

/** The RBAC action a request needs, or undefined when none is checked. */
export function actionFor(route: ArmRoute, method: string): string | undefined {
  switch (route.kind) {
    case 'cluster':
    case 'clusters':
      return ACTIONS.clusterRead;
    case 'resourceGroup':
      return ACTIONS.resourceGroupRead;
    case 'pools':
      return ACTIONS.poolRead;
    case 'pool':
      return method === 'GET'
        ? ACTIONS.poolRead
        : method === 'DELETE'
          ? ACTIONS.poolDelete
          : ACTIONS.poolWrite;
    case 'operation':
      return ACTIONS.operationRead;
    case 'operationResult':
      return ACTIONS.operationResultRead;
    case 'metrics':
      return ACTIONS.metricsRead;
    default:
      return undefined;
  }
}

/** The ARM scope a request acts on, for 403 messages. */
export function scopeOf(route: ArmRoute, path: string): string {
  if (route.kind === 'metrics') return route.resourceUri;
  return path.replace(/\/+$/, '').replace(/\/resourcegroups\//i, '/resourceGroups/');
}
