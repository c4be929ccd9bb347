import type { ManagedCluster as ArmManagedCluster } from '@azure/arm-containerservice';
import { malformed, optionalString } from './agent-pool-mapping.js';
import type { ClusterRef, ManagedCluster } from './types.js';

const WHAT = 'managed cluster';

/**
 * Flattens an ARM managed cluster (as the SDK deserializes it) into a {@link ManagedCluster}. A body without a
 * `location` is an `ArmRequestError`: the scaler's region check must never compare against a missing value.
 */
export function toManagedCluster(cluster: ClusterRef, body: ArmManagedCluster): ManagedCluster {
  const name = cluster.clusterName;
  const raw = body as unknown as Record<string, unknown>;
  const location = optionalString(cluster, name, 'location', raw.location, WHAT);
  if (location === undefined) throw malformed(cluster, name, 'location', raw.location, WHAT);
  const tags: Record<string, string> = {};
  if (raw.tags !== undefined && raw.tags !== null) {
    if (typeof raw.tags !== 'object' || Array.isArray(raw.tags))
      throw malformed(cluster, name, 'tags', raw.tags, WHAT);
    for (const [key, value] of Object.entries(raw.tags as Record<string, unknown>)) {
      if (typeof value === 'string') tags[key] = value;
    }
  }
  const result: ManagedCluster = { cluster, location, tags };
  const provisioningState = optionalString(cluster, name, 'provisioningState', raw.provisioningState, WHAT);
  if (provisioningState !== undefined) result.provisioningState = provisioningState;
  const power = body.powerState?.code;
  if (power === 'Running' || power === 'Stopped') result.powerState = power;
  const version =
    optionalString(cluster, name, 'currentKubernetesVersion', raw.currentKubernetesVersion, WHAT) ??
    optionalString(cluster, name, 'kubernetesVersion', raw.kubernetesVersion, WHAT);
  if (version !== undefined) result.kubernetesVersion = version;
  const issuer = body.oidcIssuerProfile?.issuerURL;
  if (typeof issuer === 'string' && issuer !== '') result.oidcIssuerUrl = issuer;
  return result;
}
