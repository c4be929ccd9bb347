import { readFile } from 'node:fs/promises';
import type { Policy } from '@aks-scaler/core';
import { parseScalerConfig, policyFromConfig, type TokenCredentialLike } from '@aks-scaler/policies';

/**
 * Reads a SCALER_CONFIG file into its clusters, its selectors and its policy; every problem is in one ConfigError.
 * A selector's clusters are found with `discoverClusters` at each reconcile (see "Fleets by tag").
 */
export async function loadConfig(path: string, credential?: TokenCredentialLike) {
  const config = parseScalerConfig(await readFile(path, 'utf8'), { source: path });
  const policy: Policy = policyFromConfig(config, { credential }); // bounds and limits applied
  const clusters = config.clusters.flatMap((entry) =>
    entry.selector === undefined
      ? [
          {
            cluster: {
              subscriptionId: entry.subscription,
              resourceGroup: entry.resourceGroup,
              clusterName: entry.name,
            },
            autoscalerPools: entry.autoscalerPools ?? 'skip',
          },
        ]
      : [],
  );
  const selectors = config.clusters.flatMap((entry) =>
    entry.selector === undefined
      ? []
      : [
          {
            scope: { subscriptionId: entry.subscription, resourceGroup: entry.resourceGroup },
            tags: entry.selector.tags,
          },
        ],
  );
  return { clusters, selectors, policy, concurrency: config.limits?.concurrency };
}
