import { randomUUID } from 'node:crypto';

/** Status of an asynchronous ARM operation. */
export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';

/** One agent-pool operation the emulator ran or is running. */
export interface EmulatorOperation {
  /** The id in the `Azure-AsyncOperation` URL. */
  id: string;
  /** The `name` the status body carries (the id with .NET byte order in its first three groups, as real AKS). */
  name: string;
  /** The subscription of the cluster. */
  subscriptionId: string;
  /** The cluster's region, as in the operation URL. */
  location: string;
  /** The resource group of the cluster. */
  resourceGroup: string;
  /** The cluster's name. */
  clusterName: string;
  /** The pool the operation acts on (`''` for a cluster-level operation). */
  pool: string;
  /** Whether it is an agent-pool operation or a cluster-level one. */
  scope: 'pool' | 'cluster';
  /** The provisioning state the pool shows while it runs: `Creating`, `Scaling`, `Updating`, `Starting`, `Stopping`. */
  kind: string;
  /** `InProgress` until it ends. */
  status: OperationStatus;
  /** Emulator-clock epoch ms. */
  startedAt: number;
  /** When it is due to end; undefined for an operation that never ends (a fault). */
  endsAt?: number | undefined;
  /** When it ended. */
  endedAt?: number | undefined;
  /** The failure of a `Failed` or `Canceled` operation. */
  error?: { code: string; message: string } | undefined;
  /** The outcome it will end with when due. @default 'Succeeded' */
  plannedStatus: Exclude<OperationStatus, 'InProgress'>;
  /** True when started by a fault (someone else's operation), not by a PUT. */
  foreign: boolean;
}

/** A new running operation on a cluster or one of its pools. */
export function newOperation(
  cluster: { subscriptionId: string; location: string; resourceGroup: string; name: string },
  fields: Pick<EmulatorOperation, 'pool' | 'scope' | 'kind' | 'startedAt' | 'plannedStatus' | 'foreign'>,
): EmulatorOperation {
  return {
    ...newOperationIds(),
    subscriptionId: cluster.subscriptionId,
    location: cluster.location,
    resourceGroup: cluster.resourceGroup,
    clusterName: cluster.name,
    status: 'InProgress',
    ...fields,
  };
}

/** Returns a fresh operation id and its status-body name. */
export function newOperationIds(): { id: string; name: string } {
  const id = randomUUID();
  return { id, name: dotNetGuidName(id) };
}

/** Byte-swaps the first three GUID groups, as a .NET `Guid` printed from its little-endian bytes. */
export function dotNetGuidName(id: string): string {
  const [a = '', b = '', c = '', ...rest] = id.split('-');
  const swap = (hex: string) => hex.match(/../g)?.reverse().join('') ?? hex;
  return [swap(a), swap(b), swap(c), ...rest].join('-');
}

/** The ARM async-operation status body. */
export function operationStatusBody(operation: EmulatorOperation): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: operation.name,
    status: operation.status,
    startTime: new Date(operation.startedAt).toISOString(),
  };
  if (operation.endedAt !== undefined) body.endTime = new Date(operation.endedAt).toISOString();
  if (operation.error) body.error = operation.error;
  return body;
}
