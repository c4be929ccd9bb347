import { isRecord, type KubernetesObject } from './objects.js';
import type { ResourceType } from './resources.js';
import { badRequest } from './status.js';
import { parseMicroTime, parseTime } from './times.js';

type FieldType =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'stringMap'
  | 'base64Map'
  | 'microTime'
  | 'time';

const GO_TYPES: Record<FieldType, string> = {
  string: 'string',
  integer: 'int32',
  boolean: 'bool',
  object: 'struct',
  stringMap: 'map[string]string',
  base64Map: 'map[string][]uint8',
  microTime: 'v1.MicroTime',
  time: 'v1.Time',
};

const METADATA: Record<string, FieldType> = {
  metadata: 'object',
  'metadata.name': 'string',
  'metadata.generateName': 'string',
  'metadata.namespace': 'string',
  'metadata.uid': 'string',
  'metadata.resourceVersion': 'string',
  'metadata.creationTimestamp': 'time',
  'metadata.labels': 'stringMap',
  'metadata.annotations': 'stringMap',
};

/** The typed fields of each kind: a body whose field has another JSON type cannot be decoded (400). */
const SCHEMAS: Record<string, Record<string, FieldType>> = {
  ConfigMap: { ...METADATA, data: 'stringMap', binaryData: 'base64Map', immutable: 'boolean' },
  Event: {
    ...METADATA,
    involvedObject: 'object',
    'involvedObject.kind': 'string',
    'involvedObject.namespace': 'string',
    'involvedObject.name': 'string',
    'involvedObject.uid': 'string',
    'involvedObject.apiVersion': 'string',
    reason: 'string',
    message: 'string',
    type: 'string',
    count: 'integer',
    source: 'object',
    'source.component': 'string',
    'source.host': 'string',
    firstTimestamp: 'time',
    lastTimestamp: 'time',
    eventTime: 'microTime',
    series: 'object',
    'series.count': 'integer',
    'series.lastObservedTime': 'microTime',
    action: 'string',
    reportingComponent: 'string',
    reportingInstance: 'string',
  },
  Lease: {
    ...METADATA,
    spec: 'object',
    'spec.holderIdentity': 'string',
    'spec.leaseDurationSeconds': 'integer',
    'spec.acquireTime': 'microTime',
    'spec.renewTime': 'microTime',
    'spec.leaseTransitions': 'integer',
  },
};

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/**
 * Decodes a request body into an object of `type`, as the API server's JSON decoder would: the body must be a JSON
 * object of that kind, typed fields must have their JSON type, and time fields must parse (MicroTime with exactly
 * six fractional digits). Time fields come back normalized to UTC. Throws a 400 BadRequest Status otherwise.
 */
export function decodeObject(type: ResourceType, body: unknown): KubernetesObject {
  const cannot = (detail: string) =>
    badRequest(`${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: ${detail}`);
  if (!isRecord(body))
    throw cannot(`json: cannot unmarshal ${jsonType(body)} into Go value of type ${type.kind}`);
  if (body.apiVersion !== undefined && body.apiVersion !== type.apiVersion) {
    throw badRequest(
      `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${type.apiVersion})`,
    );
  }
  if (body.kind !== undefined && body.kind !== type.kind) {
    throw badRequest(
      `the kind in the data (${String(body.kind)}) does not match the expected kind (${type.kind})`,
    );
  }
  const object = structuredClone(body) as KubernetesObject;
  for (const [path, fieldType] of Object.entries(SCHEMAS[type.kind] ?? {})) {
    const keys = path.split('.');
    const parent = keys
      .slice(0, -1)
      .reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), object);
    const key = keys.at(-1) as string;
    if (!isRecord(parent) || parent[key] === undefined || parent[key] === null) continue;
    const problem = check(fieldType, parent[key]);
    if (typeof problem === 'string') throw cannot(`${path}: ${problem}`);
    if (problem !== true) {
      throw cannot(
        `json: cannot unmarshal ${jsonType(problem.value)} into Go struct field ${type.kind}.${path} of type ${problem.goType}`,
      );
    }
    if (fieldType === 'time' || fieldType === 'microTime') {
      const parsed = (fieldType === 'time' ? parseTime : parseMicroTime)(parent[key] as string);
      if (parsed.ok) parent[key] = parsed.value;
    }
  }
  return { ...object, apiVersion: type.apiVersion, kind: type.kind };
}

/** A JSON type mismatch: the offending value and the Go type it should have had. */
interface Mismatch {
  value: unknown;
  goType: string;
}

/** `true` when the value fits, a {@link Mismatch}, or a parse problem's text. */
function check(fieldType: FieldType, value: unknown): true | Mismatch | string {
  const mismatch = { value, goType: GO_TYPES[fieldType] };
  switch (fieldType) {
    case 'string':
      return typeof value === 'string' || mismatch;
    case 'integer':
      return Number.isInteger(value) || mismatch;
    case 'boolean':
      return typeof value === 'boolean' || mismatch;
    case 'object':
      return isRecord(value) || mismatch;
    case 'stringMap':
    case 'base64Map': {
      if (!isRecord(value)) return mismatch;
      const entry = Object.values(value).find((candidate) => typeof candidate !== 'string');
      if (entry !== undefined)
        return { value: entry, goType: fieldType === 'stringMap' ? 'string' : '[]uint8' };
      if (fieldType === 'stringMap') return true;
      return Object.values(value).every((text) => /^[A-Za-z0-9+/]*={0,2}$/.test(text as string))
        ? true
        : 'illegal base64 data';
    }
    case 'microTime':
    case 'time': {
      if (typeof value !== 'string') return mismatch;
      const parsed = (fieldType === 'time' ? parseTime : parseMicroTime)(value);
      return parsed.ok ? true : parsed.problem;
    }
  }
}
