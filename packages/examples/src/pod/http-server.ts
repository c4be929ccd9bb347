import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { DEFAULT_HTTP_HOST } from './defaults.js';

/** What the read-only HTTP server asks the pod. */
export interface HealthState {
  /** Whether the reconcile loop is alive (`/healthz`). */
  isAlive(): boolean;
  /** Whether the last reconcile reached ARM (`/readyz`). */
  isReady(): boolean;
  /** Why (or why not), as the body of `/readyz`. @default 'ready' or 'not ready' */
  readiness?(): string;
}

/** Options of {@link startHttpServer}. */
export interface StartHttpServerOptions {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Bind address. @default '0.0.0.0' */
  host?: string;
  /** Served on `/metrics`. */
  registry: Registry;
  /** Answers `/healthz` and `/readyz`. */
  health: HealthState;
}

/** A running server. */
export interface RunningHttpServer {
  /** The port it listens on (the real one when 0 was asked). */
  readonly port: number;
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

/**
 * Starts the pod's read-only HTTP server: `GET`/`HEAD` `/healthz`, `/readyz` and `/metrics`. Every other method
 * is 405 and every other path 404. Nothing it serves changes state, so it needs no authentication.
 */
export async function startHttpServer(options: StartHttpServerOptions): Promise<RunningHttpServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const known = path === '/healthz' || path === '/readyz' || path === '/metrics';
    const send = (status: number, body: string, contentType = 'text/plain; charset=utf-8') => {
      response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (!known) return send(404, 'not found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(405, 'method not allowed: this server is read-only\n');
    }
    if (path === '/healthz') {
      return options.health.isAlive() ? send(200, 'ok\n') : send(503, 'reconcile loop stopped\n');
    }
    if (path === '/readyz') {
      const ready = options.health.isReady();
      const body = options.health.readiness?.() ?? (ready ? 'ready' : 'not ready');
      return send(ready ? 200 : 503, `${body}\n`);
    }
    options.registry.metrics().then(
      (text) => send(200, text, options.registry.contentType),
      () => send(500, 'metrics unavailable\n'),
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? DEFAULT_HTTP_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
