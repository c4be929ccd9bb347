import type { V1ConfigMap, V1Lease } from '@kubernetes/client-node';
import type { ConfigMapObject, LeaseObject } from './kubernetes-api.js';
import { formatMicroTime } from './kubernetes-times.js';

// The client's objects as the pod's plain data. Types only from @kubernetes/client-node: nothing of it is loaded here.

/** A ConfigMap as the client returned it, reduced to what the pod reads. */
export function configMapOf(map: V1ConfigMap): ConfigMapObject {
  const metadata = map.metadata ?? {};
  return {
    metadata: {
      name: metadata.name ?? '',
      ...(metadata.namespace !== undefined && { namespace: metadata.namespace }),
      ...(metadata.uid !== undefined && { uid: metadata.uid }),
      ...(metadata.resourceVersion !== undefined && { resourceVersion: metadata.resourceVersion }),
      ...(metadata.labels !== undefined && { labels: metadata.labels }),
      ...(metadata.annotations !== undefined && { annotations: metadata.annotations }),
    },
    ...(map.data !== undefined && { data: map.data }),
  };
}

/** A Lease as the client returned it; its MicroTimes (strings, or Dates) as six-digit MicroTime strings. */
export function leaseOf(lease: V1Lease): LeaseObject {
  const metadata = lease.metadata ?? {};
  const spec = lease.spec ?? {};
  const time = (value: unknown) => {
    const epochMs =
      typeof value === 'string' ? Date.parse(value) : value instanceof Date ? value.getTime() : Number.NaN;
    return Number.isNaN(epochMs) ? undefined : formatMicroTime(epochMs);
  };
  const acquireTime = time(spec.acquireTime);
  const renewTime = time(spec.renewTime);
  return {
    metadata: {
      name: metadata.name ?? '',
      ...(metadata.namespace !== undefined && { namespace: metadata.namespace }),
      ...(metadata.resourceVersion !== undefined && { resourceVersion: metadata.resourceVersion }),
    },
    spec: {
      ...(spec.holderIdentity !== undefined && { holderIdentity: spec.holderIdentity }),
      ...(spec.leaseDurationSeconds !== undefined && { leaseDurationSeconds: spec.leaseDurationSeconds }),
      ...(acquireTime !== undefined && { acquireTime }),
      ...(renewTime !== undefined && { renewTime }),
      ...(spec.leaseTransitions !== undefined && { leaseTransitions: spec.leaseTransitions }),
    },
  };
}
