import { type ClusterRef, type NodePool, type NodePoolClient, toSafeError } from '@aks-scaler/core';
import type { PodEventError } from './pod-events.js';

/** What {@link observeReads} reports. */
export interface ReadObserver {
  /** A cluster's pools were listed: what ARM reported. */
  onRead(cluster: ClusterRef, pools: readonly NodePool[]): void;
  /** Listing a cluster's pools failed (redacted). */
  onReadFailed(cluster: ClusterRef, error: PodEventError): void;
}

/**
 * The client, with every `listPools` (the read that starts each cluster's reconcile) reported to `observer`; every
 * other member is the client's own. Observers must not throw.
 */
export function observeReads(client: NodePoolClient, observer: ReadObserver): NodePoolClient {
  const listPools: NodePoolClient['listPools'] = async (cluster, options) => {
    try {
      const pools = await client.listPools(cluster, options);
      observer.onRead(cluster, pools);
      return pools;
    } catch (error) {
      const safe = toSafeError(error);
      observer.onReadFailed(cluster, { code: safe.code, message: safe.message });
      throw error;
    }
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'listPools') return listPools;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
