import { readFile } from 'node:fs/promises';
import type { Policy } from '@aks-scaler/core';
import { parseScalerConfig, policyFromConfig, type TokenCredentialLike } from '@aks-scaler/policies';

/** Reads a SCALER_CONFIG file into its clusters and its policy; every problem is in one ConfigError. */
export async function loadConfig(path: string, credential?: TokenCredentialLike) {
  const config = parseScalerConfig(await readFile(path, 'utf8'), { source: path });
  const policy: Policy = policyFromConfig(config, { credential }); // bounds and limits applied
  const clusters = config.clusters.map((cluster) => ({
    cluster: {
      subscriptionId: cluster.subscription,
      resourceGroup: cluster.resourceGroup,
      clusterName: cluster.name,
    },
    autoscalerPools: cluster.autoscalerPools ?? 'skip',
  }));
  return { clusters, policy, concurrency: config.limits?.concurrency };
}
