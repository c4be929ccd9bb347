import { type ResourceType, resourceTypeAt } from './resources.js';

/** A request for a served resource. */
export interface ResourceRoute {
  type: ResourceType;
  /** Undefined for a request across namespaces (`/api/v1/events`). */
  namespace?: string;
  name?: string;
  /** A subresource (`status`, ...), which the emulator does not serve. */
  subresource?: string;
  /** The API verb, as RBAC and audit logs name it. */
  verb: string;
}

/** What a resource-shaped path addresses that the emulator does not serve (for a 404 naming it). */
export interface UnknownResource {
  unknown: string;
}

const CORE = /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/;
const GROUPED = /^\/apis\/([^/]+)\/([^/]+)\/(?:namespaces\/([^/]+)\/)?([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/;

/** The API verb of a request: get, list, watch, create, update, patch, delete or deletecollection. */
export function verbOf(method: string, named: boolean, query: URLSearchParams): string {
  switch (method) {
    case 'GET':
    case 'HEAD': {
      const watch = query.get('watch');
      if (!named && watch !== null && watch !== 'false' && watch !== '0') return 'watch';
      return named ? 'get' : 'list';
    }
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

/**
 * Parses `/api/v1/[namespaces/<ns>/]<resource>[/<name>[/<subresource>]]` and the same under
 * `/apis/<group>/<version>/`. Undefined when the path has neither shape.
 */
export function parseResourcePath(
  method: string,
  path: string,
  query: URLSearchParams,
): ResourceRoute | UnknownResource | undefined {
  let group = '';
  let version = 'v1';
  let parts: (string | undefined)[];
  const core = CORE.exec(path);
  if (core) {
    parts = core.slice(1);
  } else {
    const grouped = GROUPED.exec(path);
    if (!grouped) return undefined;
    group = grouped[1] as string;
    version = grouped[2] as string;
    parts = grouped.slice(3);
  }
  const [namespace, resource = '', name, subresource] = parts.map((part) =>
    part === undefined ? undefined : decodeURIComponent(part),
  );
  const type = resourceTypeAt(group, version, resource);
  if (!type) return { unknown: group ? `${resource}.${group}` : resource };
  return {
    type,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
    verb: verbOf(method, name !== undefined, query),
  };
}
