// The demo cluster (myResourceGroup/myManagedCluster) an emulator serves, with the pools a test gives it.
import type { EmulatorClusterSpec, EmulatorPoolSpec } from '@aks-scaler/testkit';

/** The demo cluster with `pools` (and anything else of `extra`, e.g. its location). */
export function demoCluster(
  pools: EmulatorPoolSpec[],
  extra: Partial<Omit<EmulatorClusterSpec, 'pools'>> = {},
): EmulatorClusterSpec {
  return { resourceGroup: 'myResourceGroup', name: 'myManagedCluster', ...extra, pools };
}
