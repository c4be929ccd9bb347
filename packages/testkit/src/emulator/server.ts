import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessTokenAuthority } from './access-tokens.js';
import { type ArmContext, handleArm } from './arm.js';
import { gatewayError } from './arm-errors.js';
import { type ArmRoute, isArmPath, parseArmPath } from './arm-routes.js';
import type { Entra } from './entra.js';
import type { EmulatorTarget, FaultController, FaultSpec } from './faults.js';
import { type EmulatorResponse, readBody, sendEmpty, sendJson } from './http.js';
import { METADATA_PATH, metadataEndpoints } from './metadata-endpoints.js';
import type { OidcIssuer } from './oidc-issuer.js';
import type { RequestLogEntry } from './request-log.js';

/** Everything a request handler needs. */
export interface ServerParts {
  arm: ArmContext;
  entra: Entra;
  issuer: OidcIssuer;
  tokens: AccessTokenAuthority;
  faults: FaultController;
  requests: RequestLogEntry[];
  /** The most entries kept in `requests` (the oldest are dropped). */
  requestLogLimit: number;
}

const STATUS_FAULTS = new Set(['throttle', 'server-error', 'unavailable', 'token-endpoint-down']);

/** Creates the `(req, res)` listener serving ARM, Entra and the OIDC issuer on one port. */
export function createRequestListener(parts: ServerParts) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(parts, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 500, {
          error: { code: 'InternalServerError', message: `Emulator error: ${(error as Error).message}` },
        });
      } else {
        res.destroy();
      }
    });
  };
}

async function handle(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { arm } = parts;
  // Not `new URL(req.url, base)`: a path starting with `//` would be read as a host.
  const url = new URL(`https://emulator.invalid${req.url?.startsWith('/') ? req.url : '/'}`);
  const method = (req.method ?? 'GET').toUpperCase();
  // `az cloud register --endpoint-resource-manager https://host:port/` makes paths such as `//metadata/endpoints`.
  const path = url.pathname.replace(/\/{2,}/g, '/');
  const entry: RequestLogEntry = { at: arm.clock.now(), method, path, target: 'unknown', status: 0 };
  const apiVersion = url.searchParams.get('api-version');
  if (apiVersion) entry.apiVersion = apiVersion;
  parts.requests.push(entry);
  if (parts.requests.length > parts.requestLogLimit)
    parts.requests.splice(0, parts.requests.length - parts.requestLogLimit);

  const route = isArmPath(path) ? parseArmPath(path) : undefined;
  const target: EmulatorTarget | 'unknown' =
    route || path === METADATA_PATH
      ? 'arm'
      : path.startsWith(parts.issuer.pathPrefix)
        ? 'issuer'
        : /^\/[^/]+\/(v2\.0|oauth2|discovery)\//.test(path) || /^\/adfs\//i.test(path)
          ? 'entra'
          : 'unknown';
  entry.target = target;
  const pool = route ? poolOf(parts, route) : undefined;
  if (pool) entry.pool = pool;
  const ifMatch = header(req, 'if-match');
  const ifNoneMatch = header(req, 'if-none-match');
  if (ifMatch !== undefined) entry.ifMatch = ifMatch;
  if (ifNoneMatch !== undefined) entry.ifNoneMatch = ifNoneMatch;

  const hits =
    target === 'unknown' ? [] : parts.faults.take({ target, method, path, ...(pool ? { pool } : {}) });
  for (const hit of hits) {
    if (hit.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, hit.delayInMs ?? 100));
  }
  if (hits.some((hit) => hit.kind === 'reset')) {
    req.socket.destroy();
    return;
  }
  const statusFault = hits.find((hit) => STATUS_FAULTS.has(hit.kind));
  let bodyText: string | undefined;
  const body = async () => {
    bodyText ??= await readBody(req);
    return bodyText;
  };

  let response: EmulatorResponse;
  if (statusFault) {
    response = faultResponse(statusFault);
  } else if (route) {
    const result = await handleArm(arm, {
      method,
      path,
      route,
      query: url.searchParams,
      ...optional('authorization', header(req, 'authorization')),
      ...optional('ifMatch', ifMatch),
      ...optional('ifNoneMatch', ifNoneMatch),
      body,
      faults: hits,
    });
    if (result.principal) entry.principal = result.principal.clientId;
    if (route.kind === 'pool' && method === 'PUT' && bodyText !== undefined) {
      entry.bodyFieldsSent = fieldsOf(bodyText);
    }
    response = result;
  } else if (target === 'arm' && path === METADATA_PATH) {
    response = method === 'GET' ? metadataEndpoints(arm.origin) : notFound(path);
  } else if (target === 'issuer') {
    response = parts.issuer.handle(method, path) ?? notFound(path);
  } else if (target === 'entra') {
    const result = await parts.entra.handle(method, path, async () => new URLSearchParams(await body()));
    if (result?.clientId) entry.principal = result.clientId;
    response = result ?? notFound(path);
  } else {
    response = notFound(path);
  }

  if (!bodyText && req.readable) req.resume();
  entry.status = response.status;
  const retryAfter = response.headers?.['retry-after'];
  if (retryAfter !== undefined) entry.retryAfterSent = Number(retryAfter);
  const errorCode = errorCodeOf(response.body);
  if (errorCode) entry.errorCode = errorCode;
  const headers: Record<string, string> = { 'x-ms-request-id': randomUUID(), ...response.headers };
  if (target === 'arm') {
    // ARM echoes the client's correlation id (azure-cli and the SDKs send one) and makes one up otherwise.
    headers['x-ms-correlation-request-id'] = header(req, 'x-ms-correlation-request-id') ?? randomUUID();
  }
  if (response.body === undefined && (response.status === 202 || response.status === 204)) {
    sendEmpty(res, response.status, headers);
  } else {
    sendJson(res, response.status, response.body ?? {}, headers);
  }
}

function faultResponse(fault: FaultSpec): EmulatorResponse {
  const headers: Record<string, string> = {};
  if (fault.retryAfterInSeconds !== undefined || fault.kind === 'throttle') {
    headers['retry-after'] = String(fault.retryAfterInSeconds ?? 1);
  }
  switch (fault.kind) {
    case 'throttle':
      return gatewayError(
        429,
        fault.code ?? 'TooManyRequests',
        fault.message ??
          `The request is being throttled. Please try again after '${headers['retry-after']}' seconds.`,
        headers,
      );
    case 'server-error':
      return gatewayError(
        500,
        fault.code ?? 'InternalServerError',
        fault.message ?? 'Encountered internal server error. Please try again.',
        headers,
      );
    case 'token-endpoint-down':
      return {
        status: 503,
        body: {
          error: 'temporarily_unavailable',
          error_description: 'The service is temporarily unavailable.',
        },
        headers,
      };
    default:
      return gatewayError(
        503,
        fault.code ?? 'ServiceUnavailable',
        fault.message ?? 'The service is temporarily unavailable. Please retry.',
        headers,
      );
  }
}

function poolOf(parts: ServerParts, route: ArmRoute): string | undefined {
  if (route.kind === 'pool') return route.pool;
  if (route.kind === 'operation' || route.kind === 'operationResult') {
    return parts.arm.state.findOperation(route.operationId)?.pool || undefined;
  }
  return undefined;
}

function fieldsOf(text: string): string[] | undefined {
  try {
    const properties = (JSON.parse(text) as { properties?: Record<string, unknown> }).properties;
    return properties && typeof properties === 'object' ? Object.keys(properties).sort() : [];
  } catch {
    return undefined;
  }
}

function errorCodeOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as { error?: unknown; code?: unknown };
  if (typeof record.error === 'string') return record.error;
  if (record.error && typeof record.error === 'object')
    return String((record.error as { code?: unknown }).code);
  return typeof record.code === 'string' ? record.code : undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function notFound(path: string): EmulatorResponse {
  return {
    status: 404,
    body: { error: { code: 'NotFound', message: `The emulator does not serve '${path}'.` } },
  };
}
