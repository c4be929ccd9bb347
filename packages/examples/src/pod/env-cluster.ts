import type { ClusterRef } from '@aks-scaler/core';
import type { ValueReader } from './env-values.js';
import { SUBSCRIPTION_VARIABLES } from './env-variables.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE_GROUP = /^[-\w._()]{1,90}$/;
const CLUSTER_NAME = /^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$/;

/** What {@link readClusterSource} found. */
export interface ClusterSource {
  /** The cluster named by `SUBSCRIPTION`, `RESOURCE_GROUP` and `CLUSTER_NAME`, when all three are set. */
  cluster?: ClusterRef;
  /** `SCALER_CONFIG`. */
  configPath?: string;
  /** `NODE_POOLS_AMOUNT`, as given. */
  nodePoolsAmount?: string;
}

/**
 * Reads the cluster's variables and the policy's source (`NODE_POOLS_AMOUNT` or `SCALER_CONFIG`). Without a config
 * file the three cluster variables are required, and so is a policy when `requirePolicy` is set.
 */
export function readClusterSource(read: ValueReader, requirePolicy: boolean): ClusterSource {
  const { names } = read;
  const subscriptions = SUBSCRIPTION_VARIABLES.map((name) => [name, read.text(name)] as const).filter(
    (entry): entry is readonly [(typeof SUBSCRIPTION_VARIABLES)[number], string] => entry[1] !== undefined,
  );
  const subscriptionId = subscriptions[0]?.[1];
  if (new Set(subscriptions.map(([, id]) => id.toLowerCase())).size > 1) {
    read.issue(
      names.nameOf('SUBSCRIPTION'),
      `${subscriptions.map(([name, id]) => `${names.nameOf(name)}=${id}`).join(', ')} disagree; set one subscription id.`,
    );
  }
  if (subscriptionId !== undefined && !UUID.test(subscriptionId)) {
    read.issue(
      names.nameOf(subscriptions[0]![0]),
      `${JSON.stringify(subscriptionId)} is not a subscription id (a UUID).`,
    );
  }
  const resourceGroup = read.text('RESOURCE_GROUP');
  if (resourceGroup !== undefined && !RESOURCE_GROUP.test(resourceGroup)) {
    read.issue(
      names.nameOf('RESOURCE_GROUP'),
      `${JSON.stringify(resourceGroup)} is not a valid resource group name.`,
    );
  }
  const clusterName = read.text('CLUSTER_NAME');
  if (clusterName !== undefined && !CLUSTER_NAME.test(clusterName)) {
    read.issue(
      names.nameOf('CLUSTER_NAME'),
      `${JSON.stringify(clusterName)} is not a valid AKS cluster name.`,
    );
  }
  const configPath = read.text('SCALER_CONFIG');
  const nodePoolsAmount = read.text('NODE_POOLS_AMOUNT');
  const configFlag = names.flagOf('SCALER_CONFIG');
  const orConfig = `or list the clusters in ${configFlag ? `a config file (${configFlag} <file>)` : 'SCALER_CONFIG'}`;
  if (configPath === undefined) {
    if (subscriptionId === undefined) {
      read.issue(
        names.missingPath('SUBSCRIPTION'),
        `is not set; ${
          names.flagOf('SUBSCRIPTION') === undefined
            ? 'set SUBSCRIPTION (or SUBSCRIPTION_ID / AZURE_SUBSCRIPTION_ID) to the subscription id'
            : names.howToGive('SUBSCRIPTION', '<id>', 'the subscription id')
        }, ${orConfig}.`,
      );
    }
    if (resourceGroup === undefined) {
      read.issue(
        names.missingPath('RESOURCE_GROUP'),
        `is not set; ${names.howToGive('RESOURCE_GROUP', '<name>', "the cluster's resource group")}, ${orConfig}.`,
      );
    }
    if (clusterName === undefined) {
      read.issue(
        names.missingPath('CLUSTER_NAME'),
        `is not set; ${names.howToGive('CLUSTER_NAME', '<name>', "the cluster's name")}, ${orConfig}.`,
      );
    }
  }
  if (requirePolicy && configPath === undefined && nodePoolsAmount === undefined) {
    read.issue(names.missingPath('NODE_POOLS_AMOUNT'), missingPolicyMessage(read));
  }
  return {
    ...(subscriptionId &&
      resourceGroup &&
      clusterName && {
        cluster: { subscriptionId, resourceGroup, clusterName },
      }),
    ...(configPath !== undefined && { configPath }),
    ...(nodePoolsAmount !== undefined && { nodePoolsAmount }),
  };
}

function missingPolicyMessage(read: ValueReader): string {
  const example = '{ "manualpool2": 5, "manualpool3": 5 }';
  const flag = read.names.flagOf('NODE_POOLS_AMOUNT');
  if (flag !== undefined) {
    // A flag is typed in a shell, where single quotes keep the JSON whole.
    const config = read.names.flagOf('SCALER_CONFIG') ?? 'SCALER_CONFIG';
    return `is not set; give ${flag} '${example}' (pool name -> node count) or ${config} <file> (or set NODE_POOLS_AMOUNT or SCALER_CONFIG).`;
  }
  return `is not set; set it to a JSON object of pool name -> node count, quoted in a Pod spec: value: '${example}' (or set SCALER_CONFIG to a config file).`;
}
