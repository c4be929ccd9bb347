import type { ClusterRef } from '@aks-scaler/core';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/core-auth';

/** One pool the baseline scales. */
export interface BaselineTarget {
  cluster: ClusterRef;
  pool: string;
  count: number;
}

/** Options of {@link runSequentialBaseline}. */
export interface SequentialBaselineOptions {
  credential: TokenCredential;
  endpoint: string;
  targets: readonly BaselineTarget[];
  /**
   * The SDK's polling interval in real milliseconds. The SDK's default is 2000; a compressed clock divides it.
   * @default 2000
   */
  updateIntervalInMs?: number;
  /** Called when a pool's operation has finished. */
  onPoolDone?: (target: BaselineTarget) => void;
  abortSignal?: AbortSignal;
}

/**
 * What users do today (the predecessor scaler, `az aks nodepool scale` in a loop): for each pool in turn, GET it,
 * PUT the full body back with the new count via `agentPools.createOrUpdate`, wait with `pollUntilDone` at the
 * SDK's default polling, then go on with the next pool. Straight SDK calls, no aks-scaler code.
 */
export async function runSequentialBaseline(options: SequentialBaselineOptions): Promise<void> {
  const clients = new Map<string, ContainerServiceClient>();
  const clientFor = (subscriptionId: string) => {
    let client = clients.get(subscriptionId);
    if (!client) {
      client = new ContainerServiceClient(options.credential, subscriptionId, {
        endpoint: options.endpoint,
        credentials: { scopes: ['https://management.azure.com/.default'] },
      });
      clients.set(subscriptionId, client);
    }
    return client;
  };
  for (const target of options.targets) {
    const { subscriptionId, resourceGroup, clusterName } = target.cluster;
    const agentPools = clientFor(subscriptionId).agentPools;
    const requestOptions = options.abortSignal ? { abortSignal: options.abortSignal } : {};
    const current = await agentPools.get(resourceGroup, clusterName, target.pool, requestOptions);
    if (current.count === target.count) {
      options.onPoolDone?.(target);
      continue;
    }
    const poller = agentPools.createOrUpdate(
      resourceGroup,
      clusterName,
      target.pool,
      { ...current, count: target.count },
      {
        ...requestOptions,
        ...(options.updateIntervalInMs !== undefined && { updateIntervalInMs: options.updateIntervalInMs }),
      },
    );
    await poller.pollUntilDone(requestOptions);
    options.onPoolDone?.(target);
  }
}
