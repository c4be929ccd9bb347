/** The rule AKS applies to agent pool names: a lowercase letter, then up to 11 lowercase letters or digits. */
export const POOL_NAME_PATTERN: RegExp = /^[a-z][a-z0-9]{0,11}$/;

/** The largest node count AKS allows in a pool (and the highest count a policy may ask for). */
export const MAX_POOL_COUNT = 1000;

/** Whether `name` is a valid AKS agent pool name. */
export function isPoolName(name: string): boolean {
  return POOL_NAME_PATTERN.test(name);
}

/** The smallest node count a pool of `mode` may have: 0 for `User` pools, 1 otherwise (System pools need a node). */
export function minPoolCount(mode: string): number {
  return mode === 'User' ? 0 : 1;
}

/**
 * A key naming one cluster, the same whatever the case ARM or the caller used
 * (`<subscription>/<resource group>/<cluster>`, lower-cased: ARM compares names case-insensitively).
 */
export function clusterKey(cluster: {
  subscriptionId: string;
  resourceGroup: string;
  clusterName: string;
}): string {
  return `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.clusterName}`.toLowerCase();
}

/**
 * A key naming one pool of one cluster, the same whatever the case ARM or the caller used
 * (`<subscription>/<resource group>/<cluster>/<pool>`, lower-cased).
 */
export function poolKey(
  cluster: { subscriptionId: string; resourceGroup: string; clusterName: string },
  pool: string,
): string {
  return `${clusterKey(cluster)}/${pool.toLowerCase()}`;
}
