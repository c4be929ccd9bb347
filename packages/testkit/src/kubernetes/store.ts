import { randomUUID } from 'node:crypto';
import type { EmulatorClock } from '../emulator/types.js';
import { decodeObject } from './decode.js';
import {
  clone,
  isRecord,
  type KubernetesObject,
  type KubernetesResource,
  type StoredLease,
  type StoredObject,
  type StoredObjectOf,
} from './objects.js';
import { RESOURCE_TYPES, type ResourceType, resourceTypeOf } from './resources.js';
import { invalid, StatusError } from './status.js';
import { formatMicroTime, formatTime } from './times.js';
import { validateObject } from './validation.js';

/** Options of {@link KubernetesState.takeOverLease}. */
export interface LeaseTakeoverOptions {
  /** The new holder's lease duration. @default the Lease's current one, else 15 */
  leaseDurationSeconds?: number | undefined;
}

/** Inspection and direct changes of the emulator's objects, bypassing tokens, permissions and faults. */
export interface KubernetesState {
  /** The namespaces that exist; a create in another namespace is a 404, as on a real cluster. */
  readonly namespaces: readonly string[];
  /** Adds a namespace (seeding an object adds its namespace too). */
  addNamespace(name: string): void;
  /** A copy of the object, or undefined. */
  get<R extends KubernetesResource>(
    resource: R,
    namespace: string,
    name: string,
  ): StoredObjectOf<R> | undefined;
  /** Copies of a resource's objects in `namespace` (or all namespaces), sorted by namespace and name. */
  list<R extends KubernetesResource>(resource: R, namespace?: string): StoredObjectOf<R>[];
  /**
   * Seeds or replaces an object (its `apiVersion` and `kind` say which resource), validated like a write: the
   * server fields (`uid`, `resourceVersion`, `creationTimestamp`) are set as the API server would.
   *
   * @example
   * ```ts
   * emulator.state.put({
   *   apiVersion: 'coordination.k8s.io/v1',
   *   kind: 'Lease',
   *   metadata: { name: 'aks-scaler-leader', namespace: 'default' },
   *   spec: { holderIdentity: 'other-pod', leaseDurationSeconds: 15, renewTime: '2026-12-01T07:30:00.000000Z' },
   * });
   * ```
   */
  put(object: KubernetesObject): StoredObject;
  /** Removes an object; whether it existed. */
  delete(resource: KubernetesResource, namespace: string, name: string): boolean;
  /** Another writer changed the object: it gets a new `resourceVersion`, so a write with the old one meets 409. */
  bumpResourceVersion(resource: KubernetesResource, namespace: string, name: string): StoredObject;
  /**
   * Another holder takes the Lease (created when missing): `holderIdentity`, `acquireTime` and `renewTime` (now,
   * by the emulator clock) change, `leaseTransitions` grows by one, and so does the `resourceVersion`.
   */
  takeOverLease(
    namespace: string,
    name: string,
    holderIdentity: string,
    options?: LeaseTakeoverOptions,
  ): StoredObject;
  /** The latest resourceVersion handed out (lists report it). */
  readonly resourceVersion: string;
}

const key = (type: ResourceType, namespace: string, name: string) => `${type.resource}/${namespace}/${name}`;

/** Serializes JSON with sorted keys, so equal objects compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .filter((name) => value[name] !== undefined)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${canonical(value[name])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The emulator's object store: one resourceVersion sequence for every write, like etcd's revision. */
export class KubernetesStore implements KubernetesState {
  readonly #objects = new Map<string, StoredObject>();
  readonly #namespaces: Set<string>;
  readonly #clock: EmulatorClock;
  #revision = 1000;

  constructor(clock: EmulatorClock, namespaces: readonly string[]) {
    this.#clock = clock;
    this.#namespaces = new Set(namespaces);
  }

  get namespaces(): readonly string[] {
    return [...this.#namespaces].sort();
  }

  get resourceVersion(): string {
    return String(this.#revision);
  }

  addNamespace(name: string): void {
    this.#namespaces.add(name);
  }

  hasNamespace(name: string): boolean {
    return this.#namespaces.has(name);
  }

  get<R extends KubernetesResource>(
    resource: R,
    namespace: string,
    name: string,
  ): StoredObjectOf<R> | undefined {
    const found = this.find(RESOURCE_TYPES[resource], namespace, name);
    return found && (clone(found) as StoredObjectOf<R>);
  }

  list<R extends KubernetesResource>(resource: R, namespace?: string): StoredObjectOf<R>[] {
    return this.all(RESOURCE_TYPES[resource], namespace).map((object) => clone(object) as StoredObjectOf<R>);
  }

  put(object: KubernetesObject): StoredObject {
    const type = resourceTypeOf(object);
    if (!type) {
      throw new Error(
        `state.put: apiVersion ${JSON.stringify(object.apiVersion)} and kind ${JSON.stringify(object.kind)} name no served resource; use v1 ConfigMap, v1 Event or coordination.k8s.io/v1 Lease`,
      );
    }
    const namespace = object.metadata?.namespace ?? 'default';
    const name = object.metadata?.name ?? '';
    try {
      const decoded = decodeObject(type, {
        ...object,
        metadata: { ...object.metadata, namespace, resourceVersion: undefined },
      });
      const previous = this.find(type, namespace, name);
      const causes = validateObject(type, decoded);
      if (causes.length > 0) throw invalid(type, name, causes);
      this.#namespaces.add(namespace);
      return clone(this.write(type, decoded, previous, { keepCreation: decoded.metadata }));
    } catch (error) {
      if (error instanceof StatusError) throw new Error(`state.put: ${error.message}`);
      throw error;
    }
  }

  delete(resource: KubernetesResource, namespace: string, name: string): boolean {
    return this.#objects.delete(key(RESOURCE_TYPES[resource], namespace, name));
  }

  bumpResourceVersion(resource: KubernetesResource, namespace: string, name: string): StoredObject {
    const found = this.find(RESOURCE_TYPES[resource], namespace, name);
    if (!found)
      throw new Error(`state.bumpResourceVersion: no ${resource} "${name}" in namespace "${namespace}"`);
    found.metadata.resourceVersion = this.#next();
    return clone(found);
  }

  takeOverLease(
    namespace: string,
    name: string,
    holderIdentity: string,
    options: LeaseTakeoverOptions = {},
  ): StoredLease {
    const type = RESOURCE_TYPES.leases;
    const previous = this.find(type, namespace, name);
    const spec = isRecord(previous?.spec) ? previous.spec : {};
    const now = formatMicroTime(this.#clock.now());
    const next: KubernetesObject = {
      ...(previous ? clone(previous) : { apiVersion: type.apiVersion, kind: type.kind }),
      metadata: { ...previous?.metadata, name, namespace },
      spec: {
        ...spec,
        holderIdentity,
        leaseDurationSeconds: options.leaseDurationSeconds ?? (spec.leaseDurationSeconds as number) ?? 15,
        acquireTime: now,
        renewTime: now,
        leaseTransitions: ((spec.leaseTransitions as number | undefined) ?? -1) + 1,
      },
    };
    this.#namespaces.add(namespace);
    return clone(this.write(type, next, previous)) as StoredLease;
  }

  /** The stored object itself (not a copy), for the request handlers. */
  find(type: ResourceType, namespace: string, name: string): StoredObject | undefined {
    return this.#objects.get(key(type, namespace, name));
  }

  /** The stored objects of a type (not copies), sorted by namespace and name. */
  all(type: ResourceType, namespace?: string): StoredObject[] {
    return [...this.#objects.values()]
      .filter((object) => object.kind === type.kind && object.apiVersion === type.apiVersion)
      .filter((object) => namespace === undefined || object.metadata.namespace === namespace)
      .sort((a, b) =>
        a.metadata.namespace === b.metadata.namespace
          ? a.metadata.name.localeCompare(b.metadata.name)
          : a.metadata.namespace.localeCompare(b.metadata.namespace),
      );
  }

  /**
   * Stores a decoded, validated object: a create when `previous` is undefined, else a replace that keeps the uid
   * and creationTimestamp. A write that changes nothing keeps the resourceVersion, as the API server does.
   */
  write(
    type: ResourceType,
    object: KubernetesObject,
    previous: StoredObject | undefined,
    options: { keepCreation?: KubernetesObject['metadata'] } = {},
  ): StoredObject {
    const metadata = object.metadata ?? {};
    const name = metadata.name as string;
    const namespace = metadata.namespace as string;
    const stored: StoredObject = {
      ...object,
      apiVersion: type.apiVersion,
      kind: type.kind,
      metadata: {
        ...metadata,
        name,
        namespace,
        uid: previous?.metadata.uid ?? options.keepCreation?.uid ?? randomUUID(),
        resourceVersion: previous?.metadata.resourceVersion ?? '',
        creationTimestamp:
          previous?.metadata.creationTimestamp ??
          options.keepCreation?.creationTimestamp ??
          formatTime(this.#clock.now()),
      },
    };
    if (previous && canonical(stored) === canonical(previous)) return previous;
    stored.metadata.resourceVersion = this.#next();
    this.#objects.set(key(type, namespace, name), stored);
    return stored;
  }

  remove(type: ResourceType, namespace: string, name: string): void {
    this.#objects.delete(key(type, namespace, name));
  }

  #next(): string {
    this.#revision += 1;
    return String(this.#revision);
  }
}
