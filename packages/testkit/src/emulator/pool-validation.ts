import { providerError } from './arm-errors.js';
import type { EmulatorResponse } from './http.js';
import { type PoolProperties, powerStateOf, sameJson } from './pool-model.js';
import { powerChangeProblem } from './power-state.js';
import type { ClusterRecord, PoolRecord } from './resources.js';
import { isVirtualMachines, manualOf, virtualMachinesProblem } from './virtual-machines.js';

/** The agent-pool name pattern. */
export const POOL_NAME_PATTERN = /^[a-z][a-z0-9]{0,11}$/;

const invalid = (message: string, target: string) =>
  providerError(400, 'InvalidParameter', message, { target });

/** The 400 for a pool name that breaks the naming rules. */
export function invalidPoolName(name: string): EmulatorResponse {
  return invalid(
    `The value of parameter agentPoolProfile.name is invalid: '${name}'. Agent pool names must start with a lowercase letter and contain at most 12 lowercase letters and digits. Please see https://aka.ms/aks-naming-rules for more details.`,
    'agentPoolProfile.name',
  );
}

/** The 409 for a PUT that meets another operation on the pool. */
export function operationInProgress(kind: string): EmulatorResponse {
  return providerError(
    409,
    'OperationNotAllowed',
    `Operation is not allowed: Another operation (${kind}) is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation for more details`,
  );
}

/** The 409 for a PUT during a cluster-level operation (the current AKS wording). */
export function clusterOperationInProgress(operationId: string, startedAt: number): EmulatorResponse {
  const started = new Date(startedAt).toISOString().replace(/\.\d+Z$/, 'Z');
  return providerError(
    409,
    'OperationNotAllowed',
    `Operation is not allowed because there's an in progress update managed cluster operation (operation ID: ${operationId}) on the managed cluster started on UTC ${started}. Please wait for it to finish before starting a new operation. You can also use 'az aks operation-abort ...' to abort the ongoing operation.`,
  );
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** The power state a write moves a pool to, or undefined when it keeps its power state. */
export function powerTransition(
  before: PoolProperties | undefined,
  after: PoolProperties,
): 'Running' | 'Stopped' | undefined {
  const to = powerStateOf(after);
  if (!before) return to === 'Stopped' ? 'Stopped' : undefined;
  return powerStateOf(before) === to ? undefined : to;
}

/**
 * Validates a PUT's stored-to-be properties as AKS does. `body` is what the client sent, `after` the properties
 * after PUT-replace semantics (adjusted here: a power change keeps the stored count, which AKS manages), `existing`
 * the pool before (undefined for a create).
 */
export function validatePoolWrite(
  cluster: ClusterRecord,
  name: string,
  body: PoolProperties,
  after: PoolProperties,
  existing: PoolRecord | undefined,
): EmulatorResponse | undefined {
  const before = existing?.properties;
  const mode = after.mode ?? 'User';
  if (mode !== 'System' && mode !== 'User' && mode !== 'Gateway') {
    return invalid(
      `The value of parameter agentPoolProfile.mode is invalid: '${String(mode)}'.`,
      'agentPoolProfile.mode',
    );
  }
  const powerState = (after.powerState as { code?: unknown } | undefined)?.code ?? 'Running';
  if (powerState !== 'Running' && powerState !== 'Stopped') {
    return invalid(
      `The value of parameter agentPoolProfile.powerState.code is invalid: '${String(powerState)}'. Allowed values are 'Running' and 'Stopped'.`,
      'agentPoolProfile.powerState.code',
    );
  }
  for (const property of ['type', 'vmSize'] as const) {
    if (before && after[property] !== before[property]) {
      return providerError(
        400,
        'PropertyChangeNotAllowed',
        `Changing property 'agentPoolProfile.${property}' is not allowed.`,
        { target: `agentPoolProfile.${property}` },
      );
    }
  }
  const transition = powerTransition(before, after);
  if (transition) {
    const refused = powerChangeProblem(
      name,
      transition,
      body,
      mode,
      existing?.provisioningState,
      existing?.stoppedWith,
    );
    if (refused) return refused;
    if (before && !isVirtualMachines(after)) after.count = before.count;
  }
  const sizeProblem = isVirtualMachines(after)
    ? virtualMachinesProblem(name, body, after, mode)
    : countProblem(body, after, mode, transition !== undefined && before !== undefined);
  if (sizeProblem) return sizeProblem;
  if (before?.mode === 'System' && mode !== 'System') {
    const otherSystem = [...cluster.pools.values()].some(
      (pool) => pool.name !== name && pool.properties.mode === 'System',
    );
    if (!otherSystem)
      return invalid('There has to be at least one system agent pool.', 'agentPoolProfile.mode');
  }
  if (before && !transition && powerState === 'Stopped') {
    const stoppedProblem = stoppedPoolProblem(name, before, after);
    if (stoppedProblem) return stoppedProblem;
  }
  return autoscalerProblem(name, after, before, mode === 'System' ? 1 : 0);
}

function countProblem(
  body: PoolProperties,
  after: PoolProperties,
  mode: unknown,
  powerChangeOfExisting: boolean,
): EmulatorResponse | undefined {
  if ((body.count === undefined || body.count === null) && !powerChangeOfExisting) {
    return invalid('Required parameter properties.count is missing (null).', 'properties.count');
  }
  const count = after.count;
  const minAllowed = mode === 'System' ? 1 : 0;
  if (!isCount(count) || count < minAllowed || count > 1000) {
    const suffix =
      minAllowed === 1
        ? ' If allowedMinCount was expected to be 0 but is 1: 1) The nodepool is a VMAS pool. 2) api Version is less than 2020-03-01. 3) The node is a system pool.'
        : '';
    return invalid(
      `agentPoolProfile.count was ${String(count)}. It must be greater or equal to minCount:${minAllowed} and less than or equal to maxCount:1000.${suffix}`,
      'agentPoolProfile.count',
    );
  }
  return undefined;
}

/** A stopped pool takes settings and tags, but no new size and no autoscaler until it is started. */
function stoppedPoolProblem(
  name: string,
  before: PoolProperties,
  after: PoolProperties,
): EmulatorResponse | undefined {
  const resized = isVirtualMachines(after)
    ? !sameJson(manualOf(before), manualOf(after))
    : after.count !== before.count;
  if (resized) {
    return providerError(
      400,
      'OperationNotAllowed',
      `Agent pool '${name}' is stopped and cannot be scaled. Start it (powerState Running) before changing its count.`,
    );
  }
  if (after.enableAutoScaling === true) {
    return providerError(
      400,
      'OperationNotAllowed',
      `Agent pool '${name}' is stopped, which pauses the cluster autoscaler. Start it (powerState Running) before changing its autoscaler settings.`,
    );
  }
  return undefined;
}

function autoscalerProblem(
  name: string,
  after: PoolProperties,
  before: PoolProperties | undefined,
  minAllowed: number,
): EmulatorResponse | undefined {
  if (after.enableAutoScaling !== true) return undefined;
  const { minCount, maxCount } = after;
  if (!isCount(minCount) || minCount < minAllowed || minCount > 1000) {
    return invalid(
      'The value of parameter agentPoolProfile.minCount is invalid. Please see https://aka.ms/aks-naming-rules for more details.',
      'agentPoolProfile.minCount',
    );
  }
  if (!isCount(maxCount) || maxCount < minCount || maxCount > 1000) {
    return invalid(
      'The value of parameter agentPoolProfile.maxCount is invalid. Please see https://aka.ms/aks-naming-rules for more details.',
      'agentPoolProfile.maxCount',
    );
  }
  if (before && after.count !== before.count) {
    if (before.enableAutoScaling === true) {
      return invalid(
        `Cannot manually scale AgentPool '${name}' of an AKS cluster with cluster autoscaler enabled. Please disable cluster autoscaler in the cluster to manually scale.`,
        'agentPoolProfile.count',
      );
    }
    return invalid(
      `Cannot manually scale and enable cluster autoscaler in the same update operation on VMSS Agentpool '${name}'.`,
      'agentPoolProfile.count',
    );
  }
  return undefined;
}
