import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorClock } from '../emulator/types.js';
import { discoveryDocument, versionInfo } from './discovery.js';
import type { KubernetesFaultController, KubernetesFaultSpec } from './faults.js';
import type { KubernetesRequestLogEntry } from './request-log.js';
import { respondToResource } from './resource-requests.js';
import { parseResourcePath } from './routes.js';
import { pathNotFound, StatusError, serverFault, unauthorized } from './status.js';
import type { KubernetesStore } from './store.js';
import type { TokenRegistry } from './tokens.js';

/** Everything the request listener needs. */
export interface KubernetesServerParts {
  store: KubernetesStore;
  tokens: TokenRegistry;
  faults: KubernetesFaultController;
  requests: KubernetesRequestLogEntry[];
  /** The most entries kept in `requests`. */
  requestLogLimit: number;
  clock: EmulatorClock;
  /** The Kubernetes version `/version` reports, e.g. `1.33.2`. */
  kubernetesVersion: string;
  /** `127.0.0.1:PORT`, for `/api`'s serverAddressByClientCIDRs. */
  serverAddress: string;
}

const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz']);
const STATUS_FAULTS: Record<string, number> = { 'server-error': 500, unavailable: 503, throttle: 429 };
const LEASE_WRITES = new Set(['create', 'update', 'patch']);

/** Creates the `(req, res)` listener of the Kubernetes API emulator. */
export function createKubernetesListener(parts: KubernetesServerParts) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(parts, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status =
        error instanceof StatusError
          ? error.status
          : serverFault(500, `emulator error: ${String(error)}`).status;
      send(res, status.code, status);
    });
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-cache, private',
    'audit-id': randomUUID(),
    ...headers,
  });
  res.end(text);
}

async function handle(
  parts: KubernetesServerParts,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://kubernetes.invalid');
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  const entry: KubernetesRequestLogEntry = { at: parts.clock.now(), method, path, status: 0 };
  parts.requests.push(entry);
  if (parts.requests.length > parts.requestLogLimit) {
    parts.requests.splice(0, parts.requests.length - parts.requestLogLimit);
  }
  const route = parseResourcePath(method, path, url.searchParams);
  const resource = route && 'type' in route ? route : undefined;
  if (resource) {
    entry.verb = resource.verb;
    entry.resource = resource.type.resource;
    if (resource.namespace !== undefined) entry.namespace = resource.namespace;
    if (resource.name !== undefined) entry.name = resource.name;
  }
  for (const [key, param] of [
    ['fieldSelector', 'fieldSelector'],
    ['labelSelector', 'labelSelector'],
  ] as const) {
    const value = url.searchParams.get(param);
    if (value) entry[key] = value;
  }
  const contentType = req.headers['content-type'];
  if (contentType && method !== 'GET') entry.contentType = contentType.split(';')[0]?.trim() ?? contentType;
  const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
    entry.status = status;
    const reason = (body as { reason?: unknown } | undefined)?.reason;
    if (status >= 400 && typeof reason === 'string') entry.reason = reason;
    if (req.readable) req.resume();
    send(res, status, body, headers);
  };

  const faultRequest = {
    method,
    path,
    verb: resource?.verb,
    resource: resource?.type.resource,
    namespace: resource?.namespace,
    name: resource?.name,
  };
  const outage = parts.faults.outage(faultRequest);
  if (outage === 'reset') {
    req.socket.destroy();
    return;
  }
  if (outage === 'unavailable') {
    const status = serverFault(503, 'the API server is shutting down or not ready').status;
    reply(503, status, { 'retry-after': '1' });
    return;
  }
  const hits = parts.faults.take(faultRequest);
  for (const hit of hits) {
    if (hit.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, hit.delayInMs ?? 100));
  }
  if (hits.some((hit) => hit.kind === 'reset')) {
    req.socket.destroy();
    return;
  }
  const statusFault = hits.find((hit) => hit.kind in STATUS_FAULTS);
  if (statusFault) {
    const { status, headers } = faultStatus(statusFault);
    reply(status.code, status, headers);
    return;
  }
  for (const hit of hits) {
    if (hit.kind === 'lease-takeover' && resource?.namespace && resource.name) {
      parts.store.takeOverLease(resource.namespace, resource.name, hit.holderIdentity ?? 'another-holder');
    }
  }

  if (path === '/version') {
    reply(200, versionInfo(parts.kubernetesVersion));
    return;
  }
  if (PUBLIC_PATHS.has(path)) {
    reply(200, 'ok');
    return;
  }
  const grant = parts.tokens.authenticate(req.headers.authorization);
  if (!grant) {
    const status = unauthorized().status;
    reply(401, status);
    return;
  }
  entry.identity = grant.identity;
  const document = method === 'GET' ? discoveryDocument(path, parts.serverAddress) : undefined;
  if (document) {
    reply(200, document);
    return;
  }
  if (!resource) {
    const status = pathNotFound().status;
    reply(404, status);
    return;
  }
  try {
    const result = await respondToResource({
      parts,
      req,
      route: resource,
      query: url.searchParams,
      grant,
      conflictFault: hits.some((hit) => hit.kind === 'conflict'),
    });
    if (result.name && !entry.name) entry.name = result.name;
    if (resource.type.resource === 'leases' && LEASE_WRITES.has(resource.verb) && result.status < 300) {
      const { spec } = result.body as { spec?: { holderIdentity?: string; leaseDurationSeconds?: number } };
      entry.holderIdentity = spec?.holderIdentity ?? '';
      if (spec?.leaseDurationSeconds !== undefined) entry.leaseDurationSeconds = spec.leaseDurationSeconds;
    }
    reply(result.status, result.body);
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
    reply(error.status.code, error.status);
  }
}

function faultStatus(fault: KubernetesFaultSpec) {
  const code = STATUS_FAULTS[fault.kind] as number;
  const retryAfter = fault.retryAfterInSeconds ?? (fault.kind === 'throttle' ? 1 : undefined);
  const message =
    fault.message ??
    (code === 429
      ? 'Too many requests, please try again later.'
      : code === 503
        ? 'the server is currently unable to handle the request'
        : 'Internal error occurred: injected fault');
  return {
    status: serverFault(code, message, retryAfter).status,
    headers: retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : undefined,
  };
}
