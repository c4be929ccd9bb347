/** ARM actions the emulator checks. */
export const ACTIONS = {
  clusterRead: 'Microsoft.ContainerService/managedClusters/read',
  poolRead: 'Microsoft.ContainerService/managedClusters/agentPools/read',
  poolWrite: 'Microsoft.ContainerService/managedClusters/agentPools/write',
  poolDelete: 'Microsoft.ContainerService/managedClusters/agentPools/delete',
  operationRead: 'Microsoft.ContainerService/locations/operations/read',
  operationResultRead: 'Microsoft.ContainerService/locations/operationresults/read',
  metricsRead: 'Microsoft.Insights/metrics/read',
  resourceGroupRead: 'Microsoft.Resources/subscriptions/resourceGroups/read',
} as const;

/** Per-client allowed actions; a client without an entry may do anything. */
export class Rbac {
  readonly #grants = new Map<string, string[]>();

  constructor(grants: Record<string, string[]>) {
    for (const [clientId, actions] of Object.entries(grants))
      this.#grants.set(clientId.toLowerCase(), actions);
  }

  /** Whether `clientId` may perform `action`. Grants may end with `*` (prefix match), case-insensitive. */
  allows(clientId: string, action: string): boolean {
    const grants = this.#grants.get(clientId.toLowerCase());
    if (!grants) return true;
    const wanted = action.toLowerCase();
    return grants.some((grant) => {
      const lower = grant.toLowerCase();
      return lower.endsWith('*') ? wanted.startsWith(lower.slice(0, -1)) : wanted === lower;
    });
  }

  /** Replaces a client's grants (undefined removes the entry, allowing everything). */
  set(clientId: string, actions: string[] | undefined): void {
    if (actions) this.#grants.set(clientId.toLowerCase(), actions);
    else this.#grants.delete(clientId.toLowerCase());
  }
}
