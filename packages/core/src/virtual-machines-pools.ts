import { describeSizes } from './agent-pool-mapping.js';
import type { NodePool } from './types.js';

/**
 * Why a `VirtualMachines` pool cannot be planned, or undefined when it can. Such a pool keeps its size per VM size
 * (`virtualMachinesProfile.scale`): one manual profile is scaled by writing it; several sizes give no single count
 * to set, and an autoscaled one keeps its range per size, which aks-scaler does not write.
 */
export function virtualMachinesRefusal(
  pool: NodePool,
  autoscalerMode: 'skip' | 'bounds',
): string | undefined {
  if (pool.type !== 'VirtualMachines') return undefined;
  const sizes = pool.manualScaleProfiles ?? [];
  if (pool.enableAutoScaling) {
    return autoscalerMode === 'bounds'
      ? "skipped: this VirtualMachines pool keeps its autoscaler range per VM size (virtualMachinesProfile.scale.autoscale), which aks-scaler does not write; set it with 'az aks nodepool update', or choose autoscalerPools 'skip' for it"
      : undefined;
  }
  if (sizes.length > 1) {
    return `skipped: this VirtualMachines pool has ${sizes.length} VM sizes (${describeSizes(sizes)}), so no single count can be written to it; scale each size with 'az aks nodepool manual-scale update', or keep one VM size per pool`;
  }
  if (sizes.length === 0) {
    return "skipped: this VirtualMachines pool has no manual scale profile to write; add one with 'az aks nodepool manual-scale add'";
  }
  return undefined;
}
