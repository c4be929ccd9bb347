/** The resources the Kubernetes emulator serves, by their plural names. */
export type KubernetesResource = 'configmaps' | 'events' | 'leases';

/** An object's `metadata`, as the API server keeps it. */
export interface KubernetesObjectMeta {
  /** The object's name. */
  name?: string | undefined;
  /** A prefix the server completes with five random characters when `name` is empty (create only). */
  generateName?: string | undefined;
  /** The namespace. */
  namespace?: string | undefined;
  /** Set by the server at create; never changes. */
  uid?: string | undefined;
  /** Opaque; changes on every write that changes the object. Compare for equality only. */
  resourceVersion?: string | undefined;
  /** Set by the server at create (RFC 3339, seconds). */
  creationTimestamp?: string | undefined;
  /** Labels. */
  labels?: Record<string, string> | undefined;
  /** Annotations. */
  annotations?: Record<string, string> | undefined;
  /** Any other metadata field is kept as sent. */
  [field: string]: unknown;
}

/** A Kubernetes object as JSON: a ConfigMap, an Event or a Lease here. */
export interface KubernetesObject {
  /** `v1` for ConfigMaps and Events, `coordination.k8s.io/v1` for Leases. */
  apiVersion?: string | undefined;
  /** `ConfigMap`, `Event` or `Lease`. */
  kind?: string | undefined;
  /** The metadata. */
  metadata?: KubernetesObjectMeta | undefined;
  /** The kind's own fields (`data`, `involvedObject`, `spec`, ...). */
  [field: string]: unknown;
}

/** A stored object: metadata always has its name, namespace, uid, resourceVersion and creationTimestamp. */
export interface StoredObject extends KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: KubernetesObjectMeta & {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
  };
}

/** A stored ConfigMap. */
export interface StoredConfigMap extends StoredObject {
  /** String values by key. */
  data?: Record<string, string> | undefined;
  /** Base64 values by key. */
  binaryData?: Record<string, string> | undefined;
  /** Whether the data may no longer change. */
  immutable?: boolean | undefined;
}

/** A stored core/v1 Event. */
export interface StoredEvent extends StoredObject {
  /** The object the event is about. */
  involvedObject?:
    | {
        apiVersion?: string | undefined;
        kind?: string | undefined;
        name?: string | undefined;
        namespace?: string | undefined;
        uid?: string | undefined;
        fieldPath?: string | undefined;
      }
    | undefined;
  /** `ScaledUp`, `ScaleFailed`, ... */
  reason?: string | undefined;
  /** What happened. */
  message?: string | undefined;
  /** `Normal` or `Warning`. */
  type?: string | undefined;
  /** How often it happened (raised for repeats). */
  count?: number | undefined;
  /** Time (RFC 3339, seconds). */
  firstTimestamp?: string | undefined;
  /** Time (RFC 3339, seconds). */
  lastTimestamp?: string | undefined;
  /** MicroTime (six fractional digits). */
  eventTime?: string | undefined;
  /** The reporting component. */
  source?: { component?: string | undefined; host?: string | undefined } | undefined;
  /** The reporting controller of new-style events. */
  reportingComponent?: string | undefined;
  /** The reporting instance of new-style events. */
  reportingInstance?: string | undefined;
  /** What was done. */
  action?: string | undefined;
}

/** A stored coordination.k8s.io/v1 Lease. */
export interface StoredLease extends StoredObject {
  /** The lease's holder and timings (the times are MicroTime strings). */
  spec?:
    | {
        holderIdentity?: string | undefined;
        leaseDurationSeconds?: number | undefined;
        acquireTime?: string | undefined;
        renewTime?: string | undefined;
        leaseTransitions?: number | undefined;
      }
    | undefined;
}

/** The stored object type of a resource. */
export type StoredObjectOf<R extends KubernetesResource> = R extends 'configmaps'
  ? StoredConfigMap
  : R extends 'events'
    ? StoredEvent
    : StoredLease;

/** A JSON value's deep copy (objects here are always plain JSON). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Whether a value is a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
