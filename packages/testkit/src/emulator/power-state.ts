import { providerError } from './arm-errors.js';
import type { EmulatorResponse } from './http.js';
import type { PoolProperties } from './pool-model.js';
import { isVirtualMachines } from './virtual-machines.js';

/**
 * What a stopped pool gets back when it starts. AKS's stop shows `count: 0` with the autoscaler off
 * (`AgentPools_Stop.json`), and a start brings back the count and the autoscaler range (`AgentPools_Start.json`).
 */
export interface StoppedSettings {
  /** The node count before the stop (absent for a `VirtualMachines` pool, whose profiles are kept). */
  count?: number;
  /** Whether the autoscaler was on before the stop. */
  enableAutoScaling?: boolean;
  /** The autoscaler's lower bound before the stop. */
  minCount?: number;
  /** The autoscaler's upper bound before the stop. */
  maxCount?: number;
}

/** Puts a stopping pool's count and autoscaler aside and shows it as AKS does: count 0, autoscaler paused. */
export function applyStop(properties: PoolProperties): StoppedSettings {
  const kept: StoppedSettings = {};
  if (typeof properties.count === 'number') kept.count = properties.count;
  if (properties.enableAutoScaling === true) {
    kept.enableAutoScaling = true;
    if (typeof properties.minCount === 'number') kept.minCount = properties.minCount;
    if (typeof properties.maxCount === 'number') kept.maxCount = properties.maxCount;
  }
  if (!isVirtualMachines(properties)) {
    properties.count = 0;
    properties.enableAutoScaling = false;
  }
  delete properties.minCount;
  delete properties.maxCount;
  return kept;
}

/** Gives a starting pool back what its stop put aside (a range the start body sends itself wins). */
export function applyStart(properties: PoolProperties, kept: StoppedSettings | undefined): void {
  if (isVirtualMachines(properties) || !kept) return;
  if (kept.count !== undefined) properties.count = kept.count;
  if (kept.enableAutoScaling && properties.enableAutoScaling !== true) {
    properties.enableAutoScaling = true;
    if (kept.minCount !== undefined) properties.minCount = kept.minCount;
    if (kept.maxCount !== undefined) properties.maxCount = kept.maxCount;
  }
}

const notAllowed = (message: string) => providerError(400, 'OperationNotAllowed', message);

/**
 * AKS's refusals of a power-state change: a System pool cannot be stopped; a pool is stopped or started only from
 * provisioning state `Succeeded`; a start does not change the count in the same operation.
 */
export function powerChangeProblem(
  name: string,
  to: 'Running' | 'Stopped',
  body: PoolProperties,
  mode: unknown,
  provisioningState: string | undefined,
  kept: StoppedSettings | undefined,
): EmulatorResponse | undefined {
  if (to === 'Stopped') {
    if (mode === 'System') {
      return providerError(
        400,
        'InvalidParameter',
        `Agent pool '${name}' is a System pool and cannot be stopped. Only User agent pools can be stopped; keep at least one System pool running.`,
        { target: 'agentPoolProfile.powerState' },
      );
    }
    if (provisioningState !== undefined && provisioningState !== 'Succeeded') {
      return notAllowed(
        `An Agent Pool can only be stopped if it is Running and provisioning state is Succeeded. Agent pool '${name}' is in provisioning state '${provisioningState}'.`,
      );
    }
    return undefined;
  }
  if (provisioningState !== undefined && provisioningState !== 'Succeeded') {
    return notAllowed(
      `An Agent Pool can only be started if it is Stopped and provisioning state is Succeeded. Agent pool '${name}' is in provisioning state '${provisioningState}'.`,
    );
  }
  const sent = body.count;
  if (typeof sent === 'number' && sent !== 0 && kept?.count !== undefined && sent !== kept.count) {
    return notAllowed(
      `Agent pool '${name}' starts with the ${kept.count} nodes it had when it was stopped; its count cannot change in the same operation (${sent} was sent). Start the pool first (powerState Running, count left as read), then scale it.`,
    );
  }
  return undefined;
}
