import { qualifiedResource, type ResourceType } from './resources.js';

/** A `Status` object, the body of every error the API server sends. */
export interface KubernetesStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

/** One field problem of an `Invalid` Status. */
export interface StatusCause {
  reason: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueForbidden' | 'FieldValueTooLong';
  message: string;
  field: string;
}

/** An error a handler throws to answer with a Status. */
export class StatusError extends Error {
  readonly status: KubernetesStatus;

  constructor(status: KubernetesStatus) {
    super(status.message);
    this.status = status;
  }
}

function failure(
  code: number,
  reason: string,
  message: string,
  details?: KubernetesStatus['details'],
): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });
}

function resourceDetails(type: ResourceType, name: string | undefined) {
  return {
    ...(name ? { name } : {}),
    ...(type.group ? { group: type.group } : {}),
    kind: type.resource,
  };
}

/** 404 `configmaps "x" not found`. */
export function notFound(type: ResourceType, name: string): StatusError {
  return failure(
    404,
    'NotFound',
    `${qualifiedResource(type)} "${name}" not found`,
    resourceDetails(type, name),
  );
}

/** 404 for a namespace that does not exist (writes into it). */
export function namespaceNotFound(namespace: string): StatusError {
  return failure(404, 'NotFound', `namespaces "${namespace}" not found`, {
    name: namespace,
    kind: 'namespaces',
  });
}

/** 404 for a path the emulator does not serve. */
export function pathNotFound(): StatusError {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** 409 AlreadyExists for a create of a taken name. */
export function alreadyExists(type: ResourceType, name: string): StatusError {
  return failure(
    409,
    'AlreadyExists',
    `${qualifiedResource(type)} "${name}" already exists`,
    resourceDetails(type, name),
  );
}

/** 409 Conflict: the object changed since the client read it (or a precondition failed). */
export function conflict(type: ResourceType, name: string, detail?: string): StatusError {
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(type)} "${name}": ${
      detail ?? 'the object has been modified; please apply your changes to the latest version and try again'
    }`,
    resourceDetails(type, name),
  );
}

/** 422 Invalid with one cause per field problem. */
export function invalid(type: ResourceType, name: string, causes: StatusCause[]): StatusError {
  const list = causes.map((cause) => `${cause.field}: ${cause.message}`);
  const summary = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  const kind = type.group ? `${type.kind}.${type.group}` : type.kind;
  return failure(422, 'Invalid', `${kind} "${name}" is invalid: ${summary}`, {
    name,
    ...(type.group ? { group: type.group } : {}),
    kind: type.kind,
    causes,
  });
}

/** 422 Invalid without field causes (a JSON patch that cannot be applied). */
export function unprocessable(message: string): StatusError {
  return failure(422, 'Invalid', message);
}

/** 400 BadRequest. */
export function badRequest(message: string): StatusError {
  return failure(400, 'BadRequest', message);
}

/** 401 Unauthorized (no token, or one the emulator did not mint). */
export function unauthorized(): StatusError {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

/** 403 Forbidden, naming what the identity lacks the way the real authorizer does. */
export function forbidden(
  type: ResourceType,
  attributes: { identity: string; verb: string; namespace?: string | undefined; name?: string | undefined },
): StatusError {
  const { identity, verb, namespace, name } = attributes;
  const subject = name ? `${qualifiedResource(type)} "${name}"` : qualifiedResource(type);
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  return failure(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${identity}" cannot ${verb} resource "${type.resource}" in API group "${type.group}" ${scope}`,
    resourceDetails(type, name),
  );
}

/** 405 for a verb the resource does not serve here (watch, deletecollection). */
export function methodNotAllowed(message: string): StatusError {
  return failure(405, 'MethodNotAllowed', message);
}

/** 406 when the client accepts no media type the emulator can send. */
export function notAcceptable(): StatusError {
  return failure(
    406,
    'NotAcceptable',
    'only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io',
  );
}

/** 413 for a request body over the API server's 3 MiB limit. */
export function tooLarge(limitInBytes: number): StatusError {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limitInBytes}`);
}

/** 415 for a body the emulator cannot decode (protobuf, YAML, unknown patch types). */
export function unsupportedMediaType(contentType: string, accepted: string[]): StatusError {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format (${contentType || 'no Content-Type'}) - accepted media types include: ${accepted.join(', ')}`,
  );
}

/** A Status for an injected server fault (429, 500, 503). */
export function serverFault(code: number, message: string, retryAfterSeconds?: number): StatusError {
  const reason = code === 429 ? 'TooManyRequests' : code === 503 ? 'ServiceUnavailable' : 'InternalError';
  return failure(code, reason, message, retryAfterSeconds !== undefined ? { retryAfterSeconds } : undefined);
}

/** The `Status` a successful DELETE answers with. */
export function deleted(type: ResourceType, name: string, uid: string): KubernetesStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { ...resourceDetails(type, name), uid },
    code: 200,
  };
}
