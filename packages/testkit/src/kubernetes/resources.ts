import type { KubernetesObject, KubernetesResource } from './objects.js';

/** How the API server describes and serves one resource. */
export interface ResourceType {
  /** The plural name, as in paths and RBAC rules. */
  resource: KubernetesResource;
  singularName: string;
  kind: string;
  listKind: string;
  /** `''` for the core group. */
  group: string;
  version: string;
  /** `v1` or `coordination.k8s.io/v1`. */
  apiVersion: string;
  shortNames: string[];
  /** The verbs this emulator serves (watch and deletecollection are not). */
  verbs: string[];
  /** The field selectors the real API server supports for the resource, and how to read each field. */
  fields: Record<string, (object: KubernetesObject) => string>;
}

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update'];

const metadataFields = {
  'metadata.name': (object: KubernetesObject) => object.metadata?.name ?? '',
  'metadata.namespace': (object: KubernetesObject) => object.metadata?.namespace ?? '',
};

function field(object: KubernetesObject, ...path: string[]): string {
  let value: unknown = object;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return value === undefined || value === null ? '' : String(value);
}

/** The resources served, by plural name. */
export const RESOURCE_TYPES: Record<KubernetesResource, ResourceType> = {
  configmaps: {
    resource: 'configmaps',
    singularName: 'configmap',
    kind: 'ConfigMap',
    listKind: 'ConfigMapList',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    shortNames: ['cm'],
    verbs: VERBS,
    fields: metadataFields,
  },
  events: {
    resource: 'events',
    singularName: 'event',
    kind: 'Event',
    listKind: 'EventList',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    shortNames: ['ev'],
    verbs: VERBS,
    fields: {
      ...metadataFields,
      'involvedObject.kind': (object) => field(object, 'involvedObject', 'kind'),
      'involvedObject.namespace': (object) => field(object, 'involvedObject', 'namespace'),
      'involvedObject.name': (object) => field(object, 'involvedObject', 'name'),
      'involvedObject.uid': (object) => field(object, 'involvedObject', 'uid'),
      'involvedObject.apiVersion': (object) => field(object, 'involvedObject', 'apiVersion'),
      'involvedObject.resourceVersion': (object) => field(object, 'involvedObject', 'resourceVersion'),
      'involvedObject.fieldPath': (object) => field(object, 'involvedObject', 'fieldPath'),
      reason: (object) => field(object, 'reason'),
      reportingComponent: (object) => field(object, 'reportingComponent'),
      source: (object) => field(object, 'source', 'component'),
      type: (object) => field(object, 'type'),
    },
  },
  leases: {
    resource: 'leases',
    singularName: 'lease',
    kind: 'Lease',
    listKind: 'LeaseList',
    group: 'coordination.k8s.io',
    version: 'v1',
    apiVersion: 'coordination.k8s.io/v1',
    shortNames: [],
    verbs: VERBS,
    fields: metadataFields,
  },
};

/** The resource type addressed by a path's group, version and plural name, if served. */
export function resourceTypeAt(group: string, version: string, resource: string): ResourceType | undefined {
  const type = (RESOURCE_TYPES as Record<string, ResourceType | undefined>)[resource];
  return type && type.group === group && type.version === version ? type : undefined;
}

/** The resource type of an object, by its `apiVersion` and `kind`. */
export function resourceTypeOf(object: KubernetesObject): ResourceType | undefined {
  return Object.values(RESOURCE_TYPES).find(
    (type) => type.apiVersion === object.apiVersion && type.kind === object.kind,
  );
}

/** `configmaps` or `leases.coordination.k8s.io`: how messages name a resource. */
export function qualifiedResource(type: ResourceType): string {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}
