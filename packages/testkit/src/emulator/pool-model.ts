import type { EmulatorPoolSpec } from './types.js';
import { VIRTUAL_MACHINES, virtualMachinesProfile } from './virtual-machines.js';

/** ARM agent-pool `properties` as stored by the emulator (JSON, `powerState` as `{code}`). */
export type PoolProperties = Record<string, unknown>;

/** Properties ARM computes; a PUT body's values for them are ignored. */
export const READ_ONLY_PROPERTIES = new Set([
  'provisioningState',
  'currentOrchestratorVersion',
  'nodeImageVersion',
  'status',
  'eTag',
]);

/**
 * Properties a PUT keeps when its body omits them (immutable or identity-like settings). Every other property a
 * PUT omits is reset to its default: that is how a careless client loses labels, taints and tags.
 */
export const KEPT_WHEN_OMITTED = new Set([
  'vmSize',
  'osDiskSizeGB',
  'osDiskType',
  'kubeletDiskType',
  'maxPods',
  'type',
  'mode',
  'orchestratorVersion',
  'osType',
  'osSKU',
  'availabilityZones',
  'powerState',
  'vnetSubnetID',
  'podSubnetID',
  'enableFIPS',
  'enableEncryptionAtHost',
  'enableUltraSSD',
  'enableNodePublicIP',
  'nodePublicIPPrefixID',
  'scaleSetPriority',
  'scaleSetEvictionPolicy',
  'spotMaxPrice',
  'kubeletConfig',
  'linuxOSConfig',
]);

/** Defaults of resettable properties; properties not listed default to absent. */
export const RESET_DEFAULTS: PoolProperties = { enableAutoScaling: false, scaleDownMode: 'Delete' };

/** Builds stored properties from a pool spec (before a `Stopped` spec's count is put aside, see power-state.ts). */
export function propertiesFromSpec(spec: EmulatorPoolSpec, kubernetesVersion: string): PoolProperties {
  const virtualMachines = spec.type === VIRTUAL_MACHINES;
  const properties: PoolProperties = {
    ...(virtualMachines ? {} : { count: spec.count ?? 1 }),
    vmSize: virtualMachines ? '' : (spec.vmSize ?? 'Standard_D2s_v5'),
    osDiskSizeGB: 128,
    osDiskType: 'Managed',
    kubeletDiskType: 'OS',
    maxPods: 110,
    type: spec.type ?? 'VirtualMachineScaleSets',
    ...(virtualMachines ? {} : { enableAutoScaling: spec.enableAutoScaling ?? false }),
    scaleDownMode: spec.scaleDownMode ?? 'Delete',
    powerState: { code: spec.powerState ?? 'Running' },
    orchestratorVersion: spec.orchestratorVersion ?? kubernetesVersion,
    enableNodePublicIP: false,
    mode: spec.mode ?? 'User',
    osType: 'Linux',
    osSKU: 'Ubuntu',
    enableFIPS: false,
  };
  if (virtualMachines) {
    properties.virtualMachinesProfile = virtualMachinesProfile(
      spec.manualScale ?? [{ size: spec.vmSize ?? 'Standard_D2s_v5', count: spec.count ?? 1 }],
    );
  }
  if (spec.enableAutoScaling) {
    properties.minCount = spec.minCount ?? 1;
    properties.maxCount = spec.maxCount ?? Math.max(spec.count ?? 1, 3);
  }
  if (spec.nodeLabels) properties.nodeLabels = { ...spec.nodeLabels };
  if (spec.nodeTaints) properties.nodeTaints = [...spec.nodeTaints];
  if (spec.tags) properties.tags = { ...spec.tags };
  if (spec.upgradeSettings) properties.upgradeSettings = { ...spec.upgradeSettings };
  return properties;
}

/** The outcome of applying a PUT body to the stored properties. */
export interface ReplaceResult {
  after: PoolProperties;
  sentFields: string[];
  droppedFields: string[];
}

/** Applies PUT-replace semantics: body properties win, kept ones survive, every other property resets. */
export function replaceProperties(before: PoolProperties | undefined, body: PoolProperties): ReplaceResult {
  const sent: PoolProperties = {};
  for (const [key, value] of Object.entries(body)) {
    if (!READ_ONLY_PROPERTIES.has(key) && value !== undefined && value !== null) sent[key] = value;
  }
  const after: PoolProperties = { ...RESET_DEFAULTS };
  if (before) {
    for (const key of KEPT_WHEN_OMITTED) if (before[key] !== undefined) after[key] = before[key];
  }
  Object.assign(after, sent);
  // AKS returns no autoscaler flag for VirtualMachines pools (their size is the manual profiles).
  if (after.type === VIRTUAL_MACHINES && !('enableAutoScaling' in sent)) delete after.enableAutoScaling;
  if (after.enableAutoScaling !== true) {
    delete after.minCount;
    delete after.maxCount;
  }
  const autoscalerTurnedOff = sent.enableAutoScaling === false;
  const droppedFields = before
    ? Object.keys(before).filter(
        (key) =>
          !(key in sent) &&
          !sameJson(before[key], after[key]) &&
          !(autoscalerTurnedOff && (key === 'minCount' || key === 'maxCount')),
      )
    : [];
  return { after, sentFields: Object.keys(sent).sort(), droppedFields: droppedFields.sort() };
}

/** Compares two JSON values structurally. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Deep-copies a JSON value. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The pool's power state code. */
export function powerStateOf(properties: PoolProperties): 'Running' | 'Stopped' {
  const code = (properties.powerState as { code?: string } | undefined)?.code;
  return code === 'Stopped' ? 'Stopped' : 'Running';
}
