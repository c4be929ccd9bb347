import { objectIdFor } from './identities.js';
import { type ClusterRecord, clusterId, poolProperties } from './resources.js';

/** What a managed-cluster body needs besides the stored cluster. */
export interface ClusterBodyContext {
  /** The tenant of the cluster's managed identities. */
  tenantId: string;
  /** The cluster OIDC issuer URL. */
  issuerUrl: string;
  /** The provisioning state of a cluster-level operation running on it, if any. */
  clusterOperationKind?: string | undefined;
}

/**
 * The managed cluster resource as ARM returns it for a managed-identity cluster with workload identity: what
 * azure-cli's `az aks show` and `az aks list` read (`servicePrincipalProfile: { clientId: 'msi' }`, the identity
 * and kubelet identity, the network profile) and the agent pools' profiles.
 */
export function clusterBody(cluster: ClusterRecord, context: ClusterBodyContext): Record<string, unknown> {
  const pools = [...cluster.pools.values()];
  const busy = pools.find((pool) => pool.operationId !== undefined);
  const id = clusterId(cluster);
  const nodeResourceGroup = `MC_${cluster.resourceGroup}_${cluster.name}_${cluster.location}`;
  const dnsPrefix = `${cluster.name}-dns`;
  const host = `${dnsPrefix.toLowerCase()}-00000000.hcp.${cluster.location}.azmk8s.io`;
  return {
    id,
    location: cluster.location,
    name: cluster.name,
    // ARM leaves `tags` out of a resource that has none.
    ...(Object.keys(cluster.tags).length > 0 ? { tags: { ...cluster.tags } } : {}),
    type: 'Microsoft.ContainerService/ManagedClusters',
    kind: 'Base',
    eTag: cluster.eTag,
    sku: { name: 'Base', tier: 'Free' },
    identity: {
      type: 'SystemAssigned',
      principalId: objectIdFor(`${id}/identity`),
      tenantId: context.tenantId,
    },
    properties: {
      provisioningState: context.clusterOperationKind ?? (busy ? busy.provisioningState : 'Succeeded'),
      powerState: { code: 'Running' },
      kubernetesVersion: cluster.kubernetesVersion,
      currentKubernetesVersion: cluster.kubernetesVersion,
      dnsPrefix,
      fqdn: host,
      azurePortalFqdn: host.replace('.hcp.', '.portal.hcp.'),
      agentPoolProfiles: pools.map((pool) => ({ name: pool.name, ...poolProperties(cluster, pool) })),
      servicePrincipalProfile: { clientId: 'msi' },
      nodeResourceGroup,
      enableRBAC: true,
      supportPlan: 'KubernetesOfficial',
      maxAgentPools: 100,
      disableLocalAccounts: false,
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkDataplane: 'azure',
        loadBalancerSku: 'standard',
        outboundType: 'loadBalancer',
        podCidr: '10.244.0.0/16',
        serviceCidr: '10.0.0.0/16',
        dnsServiceIP: '10.0.0.10',
        podCidrs: ['10.244.0.0/16'],
        serviceCidrs: ['10.0.0.0/16'],
        ipFamilies: ['IPv4'],
        loadBalancerProfile: { managedOutboundIPs: { count: 1 }, backendPoolType: 'nodeIPConfiguration' },
      },
      identityProfile: {
        kubeletidentity: {
          resourceId: `/subscriptions/${cluster.subscriptionId}/resourcegroups/${nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${cluster.name}-agentpool`,
          clientId: objectIdFor(`${id}/kubelet/client`),
          objectId: objectIdFor(`${id}/kubelet/object`),
        },
      },
      autoUpgradeProfile: { nodeOSUpgradeChannel: 'NodeImage' },
      oidcIssuerProfile: { enabled: true, issuerURL: context.issuerUrl },
      securityProfile: { workloadIdentity: { enabled: true } },
      storageProfile: {
        diskCSIDriver: { enabled: true },
        fileCSIDriver: { enabled: true },
        snapshotController: { enabled: true },
      },
    },
  };
}
