import { providerError } from './arm-errors.js';
import type { EmulatorResponse } from './http.js';
import type { PoolProperties } from './pool-model.js';
import type { ManualScaleProfile } from './types.js';

/** The pool type whose size is `virtualMachinesProfile.scale.manual[]` instead of `count`. */
export const VIRTUAL_MACHINES = 'VirtualMachines';

/** The most VM sizes a `VirtualMachines` pool may have. */
export const MAX_MANUAL_PROFILES = 5;

const SCALE_PATH = 'properties.virtualMachinesProfile.scale';

/** Whether stored or sent properties describe a `VirtualMachines` pool. */
export function isVirtualMachines(properties: PoolProperties | undefined): boolean {
  return properties?.type === VIRTUAL_MACHINES;
}

/** The manual scale profiles of a `VirtualMachines` pool (as stored; unchecked). */
export function manualOf(properties: PoolProperties | undefined): unknown {
  const profile = properties?.virtualMachinesProfile as { scale?: { manual?: unknown } } | undefined;
  return profile?.scale?.manual;
}

/** The node count of a `VirtualMachines` pool: the sum of its manual profiles. */
export function manualTotal(properties: PoolProperties | undefined): number {
  const manual = manualOf(properties);
  return Array.isArray(manual)
    ? manual.reduce((sum: number, entry) => sum + Number((entry as ManualScaleProfile)?.count ?? 0), 0)
    : 0;
}

/** The `virtualMachinesProfile` a spec's manual profiles make. */
export function virtualMachinesProfile(manual: ManualScaleProfile[]): PoolProperties {
  return { scale: { manual: manual.map(({ size, count }) => ({ size, count })) } };
}

const invalid = (message: string, target: string) =>
  providerError(400, 'InvalidParameter', message, { target });

/**
 * Validates a write of a `VirtualMachines` pool as AKS requires: the whole `scale` field is sent (a count-only PUT
 * is refused), with 1 to 5 distinct sizes of 0..1000 nodes each (a System pool keeps at least one node).
 */
export function virtualMachinesProblem(
  name: string,
  body: PoolProperties,
  after: PoolProperties,
  mode: unknown,
): EmulatorResponse | undefined {
  const sentScale = (body.virtualMachinesProfile as { scale?: unknown } | undefined)?.scale;
  const sentCount = body.count !== undefined && body.count !== null;
  if (sentScale === undefined || sentScale === null) {
    return invalid(
      sentCount
        ? `Agent pool '${name}' is of type VirtualMachines: its size is set in ${SCALE_PATH}.manual ([{ size, count }]), not in properties.count. Send the whole ${SCALE_PATH} field with the count of every size instead of properties.count.`
        : `Agent pool '${name}' is of type VirtualMachines: an update must send the whole ${SCALE_PATH} field (every manual { size, count } profile). Get the agent pool and send its virtualMachinesProfile back with the changed counts.`,
      SCALE_PATH,
    );
  }
  const manual = manualOf(after);
  if (!Array.isArray(manual) || manual.length === 0 || manual.length > MAX_MANUAL_PROFILES) {
    return invalid(
      `The value of parameter ${SCALE_PATH}.manual is invalid: a VirtualMachines agent pool needs 1 to ${MAX_MANUAL_PROFILES} manual scale profiles ({ size, count }), got ${Array.isArray(manual) ? manual.length : JSON.stringify(manual ?? null)}.`,
      `${SCALE_PATH}.manual`,
    );
  }
  const sizes = new Set<string>();
  for (const [index, entry] of manual.entries()) {
    const { size, count } = (entry ?? {}) as Partial<ManualScaleProfile>;
    const target = `${SCALE_PATH}.manual[${index}]`;
    if (typeof size !== 'string' || size.trim() === '') {
      return invalid(
        `The value of parameter ${target}.size is invalid: a VM size such as 'Standard_D4s_v5' is required.`,
        `${target}.size`,
      );
    }
    if (sizes.has(size.toLowerCase())) {
      return invalid(
        `The VM size '${size}' appears more than once in ${SCALE_PATH}.manual; give each size once with its total count.`,
        `${target}.size`,
      );
    }
    sizes.add(size.toLowerCase());
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 1000) {
      return invalid(
        `The value of parameter ${target}.count is invalid: '${String(count)}'. It must be an integer from 0 to 1000.`,
        `${target}.count`,
      );
    }
  }
  const total = manualTotal(after);
  if (total > 1000 || (mode === 'System' && total < 1)) {
    const range = mode === 'System' ? '1 to 1000' : '0 to 1000';
    return invalid(
      `The total node count of agent pool '${name}' (${total}, the sum of ${SCALE_PATH}.manual[].count) must be from ${range}.`,
      `${SCALE_PATH}.manual`,
    );
  }
  if (sentCount && body.count !== total) {
    return invalid(
      `Agent pool '${name}' is of type VirtualMachines: properties.count (${String(body.count)}) is not used; its size is the sum of ${SCALE_PATH}.manual[].count (${total}). Leave properties.count out.`,
      'properties.count',
    );
  }
  return undefined;
}
