import type { EmulatorClusterSpec } from './types.js';

/**
 * The demo cluster of the seed workflow: `myManagedCluster` in `myResourceGroup` (westeurope) with the System pool
 * `nodepool1` and the User pools `manualpool2` and `manualpool3`, one node each.
 */
export const DEMO_CLUSTER: EmulatorClusterSpec = {
  resourceGroup: 'myResourceGroup',
  name: 'myManagedCluster',
  location: 'westeurope',
  pools: [
    {
      name: 'nodepool1',
      mode: 'System',
      count: 1,
      vmSize: 'Standard_D2s_v5',
      nodeLabels: { 'kubernetes.azure.com/mode': 'system' },
      tags: { environment: 'demo' },
      upgradeSettings: { maxSurge: '10%' },
    },
    {
      name: 'manualpool2',
      mode: 'User',
      count: 1,
      vmSize: 'Standard_D2s_v5',
      nodeLabels: { workload: 'web', team: 'shop' },
      nodeTaints: ['dedicated=web:NoSchedule'],
      tags: { environment: 'demo', costCenter: '4711' },
      upgradeSettings: { maxSurge: '33%', drainTimeoutInMinutes: 30 },
    },
    {
      name: 'manualpool3',
      mode: 'User',
      count: 1,
      vmSize: 'Standard_D2s_v5',
      nodeLabels: { workload: 'batch' },
      nodeTaints: ['dedicated=batch:NoSchedule'],
      tags: { environment: 'demo' },
      scaleDownMode: 'Delete',
    },
  ],
};
