import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningHttpServer, startHttpServer } from './http-server.js';
import { createPodMetrics } from './metrics.js';

function call(
  port: number,
  method: string,
  path: string,
): Promise<{ status: number; body: string; allow?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          ...(res.headers.allow && { allow: res.headers.allow }),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the read-only HTTP server', () => {
  let server: RunningHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers health, readiness and metrics, and nothing else', async () => {
    const metrics = createPodMetrics({ defaultMetrics: false });
    let ready = false;
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      registry: metrics.registry,
      health: { isAlive: () => true, isReady: () => ready },
    });
    expect(await call(server.port, 'GET', '/healthz')).toMatchObject({ status: 200 });
    expect(await call(server.port, 'GET', '/readyz')).toMatchObject({ status: 503 });
    ready = true;
    expect(await call(server.port, 'GET', '/readyz')).toMatchObject({ status: 200 });
    expect(await call(server.port, 'HEAD', '/readyz')).toMatchObject({ status: 200, body: '' });
    const scrape = await call(server.port, 'GET', '/metrics?x=1');
    expect(scrape.status).toBe(200);
    expect(scrape.body).toContain('aks_scaler_operations_in_flight');
    expect(await call(server.port, 'GET', '/')).toMatchObject({ status: 404 });
    expect(await call(server.port, 'GET', '/scale')).toMatchObject({ status: 404 });
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      expect(await call(server.port, method, '/metrics')).toMatchObject({ status: 405, allow: 'GET, HEAD' });
    }
  });

  it('reports a stopped loop as unhealthy', async () => {
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      registry: createPodMetrics({ defaultMetrics: false }).registry,
      health: { isAlive: () => false, isReady: () => false },
    });
    expect(await call(server.port, 'GET', '/healthz')).toMatchObject({ status: 503 });
  });

  it('says in the body of /readyz why the pod is or is not ready', async () => {
    let state = {
      ready: false,
      reason: 'not ready: the last reconcile could not read the pools of rg/aks: AUTHENTICATION: m',
    };
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      registry: createPodMetrics({ defaultMetrics: false }).registry,
      health: { isAlive: () => true, isReady: () => state.ready, readiness: () => state.reason },
    });
    expect(await call(server.port, 'GET', '/readyz')).toMatchObject({
      status: 503,
      body: `${state.reason}\n`,
    });
    state = { ready: true, reason: 'ready: the last reconcile read the pools of every cluster from ARM' };
    expect(await call(server.port, 'GET', '/readyz')).toMatchObject({
      status: 200,
      body: `${state.reason}\n`,
    });
  });
});
