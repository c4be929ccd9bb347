import type { IncomingMessage } from 'node:http';
import {
  createObject,
  deleteObject,
  getObject,
  listObjects,
  patchObject,
  type ResourceRequest,
  type ResourceResponse,
  replaceObject,
} from './handlers.js';
import { checkBodyType, contentTypeOf, negotiate, readRequestBody } from './media-types.js';
import type { StoredObject } from './objects.js';
import type { ResourceRoute } from './routes.js';
import type { KubernetesServerParts } from './server.js';
import { badRequest, conflict, forbidden, methodNotAllowed, notFound, pathNotFound } from './status.js';
import { type IncludeObject, toTable } from './tables.js';
import { authorize, type TokenGrant } from './tokens.js';

/** One authenticated request for a served resource. */
export interface ResourceCall {
  parts: KubernetesServerParts;
  req: IncomingMessage;
  route: ResourceRoute;
  query: URLSearchParams;
  grant: TokenGrant;
  /** Whether an injected `conflict` fault hit this request. */
  conflictFault: boolean;
}

const HANDLERS: Record<string, (request: ResourceRequest) => ResourceResponse> = {
  get: getObject,
  list: listObjects,
  create: createObject,
  update: replaceObject,
  patch: patchObject,
  delete: deleteObject,
};

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`couldn't decode the ${what} as JSON: ${(error as Error).message}`);
  }
}

/**
 * Authorizes, decodes and serves a resource request in the API server's order: RBAC first (403), then the verb
 * (405 for watch and deletecollection), the media types (406, 415), the body, and the handler.
 */
export async function respondToResource(
  call: ResourceCall,
): Promise<{ status: number; body: unknown; name?: string }> {
  const { parts, req, route, query, grant } = call;
  const { type, verb, namespace, name } = route;
  const allowed = authorize(grant, { verb, group: type.group, resource: type.resource, namespace, name });
  if (!allowed) throw forbidden(type, { identity: grant.identity, verb, namespace, name });
  if (route.subresource !== undefined) throw pathNotFound();
  if (!HANDLERS[verb]) {
    throw methodNotAllowed(
      `the Kubernetes emulator does not serve ${verb} requests on ${type.resource}: use get, list, create, update, patch or delete`,
    );
  }
  if (namespace === undefined && verb !== 'list') throw pathNotFound();
  const format = negotiate(req.headers.accept, verb === 'get' || verb === 'list');

  const request: ResourceRequest = { store: parts.store, type, namespace, name, query };
  if (verb === 'create' || verb === 'update' || verb === 'patch') {
    const patchType = checkBodyType(verb, contentTypeOf(req));
    const text = await readRequestBody(req);
    if (patchType) {
      request.patchType = patchType;
      request.bodyText = text;
    } else {
      request.body = parseJson(text, 'request body');
    }
  } else if (verb === 'delete') {
    const text = await readRequestBody(req);
    if (text.trim()) request.body = parseJson(text, 'DeleteOptions');
  }
  if (call.conflictFault && namespace !== undefined && name !== undefined) {
    if (!parts.store.find(type, namespace, name)) throw notFound(type, name);
    parts.store.bumpResourceVersion(type.resource, namespace, name);
    throw conflict(type, name);
  }

  const result = (HANDLERS[verb] as (request: ResourceRequest) => ResourceResponse)(request);
  const nowMs = parts.clock.now();
  const includeObject = (query.get('includeObject') ?? 'PartialObjectMetadata') as IncludeObject;
  if (result.list) {
    const { items, continueToken, remaining } = result.list;
    if (format === 'table') {
      return {
        status: 200,
        body: toTable(type, items, {
          nowMs,
          resourceVersion: parts.store.resourceVersion,
          includeObject,
          ...(continueToken ? { continueToken } : {}),
        }),
      };
    }
    return {
      status: 200,
      body: {
        kind: type.listKind,
        apiVersion: type.apiVersion,
        metadata: {
          resourceVersion: parts.store.resourceVersion,
          ...(continueToken ? { continue: continueToken, remainingItemCount: remaining } : {}),
        },
        items: items.map(({ apiVersion: _apiVersion, kind: _kind, ...item }) => item),
      },
    };
  }
  const object = result.object as StoredObject;
  if (format === 'table' && verb === 'get') {
    return {
      status: 200,
      body: toTable(type, [object], {
        nowMs,
        resourceVersion: object.metadata.resourceVersion,
        includeObject,
      }),
    };
  }
  return { status: result.status, body: object, ...(result.name ? { name: result.name } : {}) };
}
