import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { REQUIRED_ARM_ACTIONS } from '@aks-scaler/core';
import { type Emulator, startEmulator } from '@aks-scaler/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundles, buildPodBundles } from './bundle.js';

// What ships: the loop-mode HTTP server of the bundled pod answers only GET/HEAD on its three paths and binds only
// where it is told; the custom role grants exactly the actions the scaler needs, no wildcard. (The rendered
// manifests' hardening is asserted by packages/examples/test/deploy.test.ts.)
const HOST = '127.0.0.2'; // a loopback address other than 127.0.0.1, to see that the bind address is honoured
let emulator: Emulator;
let pod: ChildProcess;
let port: number;

function send(
  host: string,
  method: string,
  path: string,
): Promise<{ status: number; allow?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, method, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
    });
    req.on('error', reject);
    req.end(method === 'GET' || method === 'HEAD' ? undefined : '{"count": 1000}');
  });
}

let bundles: Bundles | undefined;

beforeAll(async () => {
  bundles = await buildPodBundles();
  const bundle = bundles.pod;
  emulator = await startEmulator({ operationDurationInMs: 5 });
  const env = {
    ...(await emulator.workloadIdentityEnv()),
    NODE_POOLS_AMOUNT: '{ "manualpool2": 2 }',
    SCALER_MODE: 'loop',
    SCALER_INTERVAL: '1h',
    SCALER_HTTP_PORT: '0',
    SCALER_HTTP_HOST: HOST,
    SCALER_POLL_INTERVAL: '10ms',
  };
  pod = spawn(process.execPath, [bundle], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: pod.stdout! });
  let listening = false;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the pod did not finish its first reconcile')), 30_000);
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === 'http server listening') {
        port = entry.port ?? 0;
        listening = true;
      }
      if (listening && entry.msg === 'reconcile finished') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}, 120_000);

afterAll(async () => {
  pod?.kill('SIGTERM');
  await emulator?.close();
  await bundles?.remove();
});

describe('loop-mode HTTP server of the shipped pod', () => {
  it('answers GET and HEAD on /healthz, /readyz and /metrics', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      expect((await send(HOST, 'GET', path)).status, path).toBe(200);
      expect((await send(HOST, 'HEAD', path)).status, path).toBe(200);
    }
    expect((await send(HOST, 'GET', '/metrics')).body).toContain('# TYPE');
  });

  it('refuses every other method with 405 and every other path with 404, and none of it reaches Azure', async () => {
    const before = emulator.requests.length;
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE']) {
        const answer = await send(HOST, method, path);
        expect(answer.status, `${method} ${path}`).toBe(405);
        expect(answer.allow).toBe('GET, HEAD');
      }
    }
    for (const path of [
      '/',
      '/admin',
      '/scale',
      '/healthz/',
      '/HEALTHZ',
      '/metrics/../healthz/x',
      '//metrics',
      '/readyz.json',
    ]) {
      expect((await send(HOST, 'GET', path)).status, path).toBe(404);
      expect((await send(HOST, 'POST', path)).status, `POST ${path}`).toBe(404);
    }
    expect(emulator.requests.length).toBe(before);
  });

  it('binds only to SCALER_HTTP_HOST', async () => {
    await expect(send('127.0.0.1', 'GET', '/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('the custom role', () => {
  it('grants exactly the actions the scaler needs: no wildcard, no delete, no data actions', async () => {
    const role = JSON.parse(
      await readFile(
        new URL('../packages/examples/deploy/azure/aks-scaler-role.json', import.meta.url),
        'utf8',
      ),
    ) as { Actions: string[]; NotActions: string[]; DataActions: string[]; AssignableScopes: string[] };
    for (const action of role.Actions) {
      expect(action).not.toContain('*');
      expect(action.toLowerCase()).not.toMatch(/delete|listclusteradmincredential|action$/);
    }
    expect([...role.Actions].sort()).toEqual([...REQUIRED_ARM_ACTIONS].sort());
    expect(role.DataActions).toEqual([]);
    for (const scope of role.AssignableScopes)
      expect(scope).toMatch(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/);
  });
});
