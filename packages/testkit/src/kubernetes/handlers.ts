import { randomBytes } from 'node:crypto';
import { decodeObject } from './decode.js';
import { isRecord, type KubernetesObject, type StoredObject } from './objects.js';
import { applyPatch, type PatchType } from './patch.js';
import type { ResourceType } from './resources.js';
import { fieldSelector, labelSelector } from './selectors.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  deleted,
  invalid,
  namespaceNotFound,
  notFound,
  StatusError,
} from './status.js';
import type { KubernetesStore } from './store.js';
import { validateObject } from './validation.js';

/** What a resource request handler needs. */
export interface ResourceRequest {
  store: KubernetesStore;
  type: ResourceType;
  /** Undefined for a list across namespaces. */
  namespace?: string | undefined;
  name?: string | undefined;
  query: URLSearchParams;
  /** The body, parsed as JSON (create, update, delete options). */
  body?: unknown;
  /** The raw body (patches). */
  bodyText?: string;
  patchType?: PatchType;
}

/** The outcome of a handler: a status and the objects or Status to send. */
export interface ResourceResponse {
  status: number;
  /** A single object, or a Status. */
  object?: unknown;
  /** The objects of a list, with its paging. */
  list?: { items: StoredObject[]; continueToken?: string; remaining?: number };
  /** The name the request concerned (for the request log of a create). */
  name?: string;
}

/** Five characters from the alphabet the API server completes `generateName` with. */
function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...randomBytes(5)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function required(value: string | undefined): string {
  if (value === undefined) throw badRequest('the request path names no object');
  return value;
}

/** GET of one object. */
export function getObject(request: ResourceRequest): ResourceResponse {
  const name = required(request.name);
  const found = request.store.find(request.type, required(request.namespace), name);
  if (!found) throw notFound(request.type, name);
  return { status: 200, object: found };
}

/** GET of a collection: selectors, then `limit` and `continue` paging. */
export function listObjects(request: ResourceRequest): ResourceResponse {
  const byField = fieldSelector(request.type, request.query.get('fieldSelector'));
  const byLabel = labelSelector(request.query.get('labelSelector'));
  const all = request.store
    .all(request.type, request.namespace)
    .filter((object) => byField(object) && byLabel(object));
  const start = request.query.get('continue') ? decodeContinue(request.query.get('continue') as string) : 0;
  const limit = Number(request.query.get('limit') ?? 0);
  if (!Number.isInteger(limit) || limit < 0)
    throw badRequest(`limit must be a non-negative integer, not ${limit}`);
  const end = limit > 0 ? Math.min(all.length, start + limit) : all.length;
  const items = all.slice(start, end);
  return {
    status: 200,
    list: {
      items,
      ...(end < all.length ? { continueToken: encodeContinue(end), remaining: all.length - end } : {}),
    },
  };
}

function encodeContinue(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeContinue(token: string): number {
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown })
      .offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw badRequest('continue key is not valid: pass the metadata.continue of the previous page');
}

/** Checks the body's namespace against the path's and sets it; decodes and validates like a write. */
function prepare(request: ResourceRequest, body: unknown, previous?: StoredObject): KubernetesObject {
  const object = decodeObject(request.type, body);
  const namespace = required(request.namespace);
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  if (metadata.namespace && metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  object.metadata = { ...metadata, namespace };
  const causes = validateObject(request.type, object, previous);
  if (causes.length > 0) throw invalid(request.type, object.metadata.name ?? '', causes);
  return object;
}

/** POST: creates an object (201); a taken name is 409 AlreadyExists, a resourceVersion in the body is refused. */
export function createObject(request: ResourceRequest): ResourceResponse {
  const namespace = required(request.namespace);
  const body = isRecord(request.body) ? { ...request.body } : request.body;
  if (isRecord(body) && isRecord(body.metadata)) {
    const metadata = { ...body.metadata };
    if (metadata.resourceVersion) {
      throw new StatusError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'resourceVersion should not be set on objects to be created',
        reason: 'InternalError',
        code: 500,
      });
    }
    if (!metadata.name && typeof metadata.generateName === 'string' && metadata.generateName) {
      metadata.name = `${metadata.generateName}${randomSuffix()}`;
    }
    body.metadata = metadata;
  }
  const object = prepare(request, body);
  if (!request.store.hasNamespace(namespace)) throw namespaceNotFound(namespace);
  const name = object.metadata?.name as string;
  if (request.store.find(request.type, namespace, name)) throw alreadyExists(request.type, name);
  return { status: 201, object: request.store.write(request.type, object, undefined), name };
}

/** Checks a write's resourceVersion and uid preconditions against the stored object. */
function checkPreconditions(type: ResourceType, object: KubernetesObject, current: StoredObject): void {
  const name = current.metadata.name;
  const resourceVersion = object.metadata?.resourceVersion;
  if (resourceVersion && resourceVersion !== current.metadata.resourceVersion) throw conflict(type, name);
  const uid = object.metadata?.uid;
  if (uid && uid !== current.metadata.uid) {
    throw conflict(
      type,
      name,
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`,
    );
  }
}

/** PUT: replaces an object; a resourceVersion other than the stored one is 409 Conflict. */
export function replaceObject(request: ResourceRequest): ResourceResponse {
  const name = required(request.name);
  const current = request.store.find(request.type, required(request.namespace), name);
  const bodyName =
    isRecord(request.body) && isRecord(request.body.metadata) ? request.body.metadata.name : undefined;
  if (bodyName !== undefined && bodyName !== name) {
    throw badRequest(
      `the name of the object (${String(bodyName)}) does not match the name on the URL (${name})`,
    );
  }
  if (!current) throw notFound(request.type, name);
  const object = prepare(request, request.body, current);
  checkPreconditions(request.type, object, current);
  return { status: 200, object: request.store.write(request.type, object, current) };
}

/** PATCH: applies a merge, strategic merge or JSON patch; a resourceVersion in the patch must match. */
export function patchObject(request: ResourceRequest): ResourceResponse {
  const name = required(request.name);
  const current = request.store.find(request.type, required(request.namespace), name);
  if (!current) throw notFound(request.type, name);
  const patched = applyPatch(current, request.patchType as PatchType, request.bodyText ?? '');
  const patchedName = isRecord(patched) && isRecord(patched.metadata) ? patched.metadata.name : undefined;
  if (patchedName !== name) {
    throw badRequest(
      `the name of the object (${String(patchedName)}) does not match the name on the URL (${name})`,
    );
  }
  const object = prepare(request, patched, current);
  checkPreconditions(request.type, object, current);
  return { status: 200, object: request.store.write(request.type, object, current) };
}

/** DELETE: removes an object and answers a Success Status; DeleteOptions preconditions are honoured. */
export function deleteObject(request: ResourceRequest): ResourceResponse {
  const name = required(request.name);
  const namespace = required(request.namespace);
  const current = request.store.find(request.type, namespace, name);
  if (!current) throw notFound(request.type, name);
  const preconditions = isRecord(request.body) ? request.body.preconditions : undefined;
  if (isRecord(preconditions)) {
    const { resourceVersion, uid } = preconditions;
    if (typeof resourceVersion === 'string' && resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(
        request.type,
        name,
        `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
    if (typeof uid === 'string' && uid !== current.metadata.uid) {
      throw conflict(
        request.type,
        name,
        `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
  }
  request.store.remove(request.type, namespace, name);
  return { status: 200, object: deleted(request.type, name, current.metadata.uid) };
}
