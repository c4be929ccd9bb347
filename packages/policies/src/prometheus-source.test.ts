import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PolicyContext } from '@aks-scaler/core';
import { AbortedError, ConfigError } from '@aks-scaler/core/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricSourceError } from './metric-source.js';
import { prometheusSource } from './prometheus-source.js';

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' };
const now = new Date('2026-11-30T10:00:00.250Z');
const ctx: PolicyContext = { now, cluster, pools: [] };

/** A scripted Prometheus HTTP API on loopback that records requests. */
let server: Server;
let base: string;
const requests: Array<{ url: URL; headers: IncomingMessage['headers'] }> = [];
let reply: (url: URL) => { status: number; body: unknown } | 'hang' = () => ({ status: 200, body: {} });

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({ url, headers: req.headers });
    const answer = reply(url);
    if (answer === 'hang') return;
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const vector = (...values: string[]) => ({
  status: 200,
  body: {
    status: 'success',
    data: {
      resultType: 'vector',
      result: values.map((v, i) => ({ metric: { i: String(i) }, value: [1, v] })),
    },
  },
});

describe('prometheusSource', () => {
  it('runs an instant query at ctx.now and returns the single sample', async () => {
    reply = () => vector('523');
    const source = prometheusSource({ url: `${base}/prom/`, query: 'sum(queue_depth)' });
    expect(source.name).toBe("prometheus 'sum(queue_depth)'");
    expect(await source.read(ctx)).toBe(523);
    const { url } = requests.at(-1)!;
    expect(url.pathname).toBe('/prom/api/v1/query');
    expect(url.searchParams.get('query')).toBe('sum(queue_depth)');
    expect(url.searchParams.get('time')).toBe('1796032800.250');
  });

  it('accepts scalar results', async () => {
    reply = () => ({
      status: 200,
      body: { status: 'success', data: { resultType: 'scalar', result: [1, '0.75'] } },
    });
    expect(await prometheusSource({ url: base, query: 'scalar(x)' }).read(ctx)).toBe(0.75);
  });

  it.each([
    ['no sample', () => vector(), 'returned no sample'],
    ['several samples', () => vector('1', '2'), 'returned 2 samples'],
    ['NaN', () => vector('NaN'), 'not a finite number'],
    ['+Inf', () => vector('+Inf'), 'not a finite number'],
    [
      'a matrix',
      () => ({ status: 200, body: { status: 'success', data: { resultType: 'matrix', result: [] } } }),
      'matrix result',
    ],
    [
      'a PromQL error',
      () => ({ status: 400, body: { status: 'error', errorType: 'bad_data', error: 'parse error' } }),
      'bad_data: parse error',
    ],
    ['a 500 with HTML', () => ({ status: 500, body: '<html>oops</html>' }), 'HTTP 500'],
    ['a 401', () => ({ status: 401, body: 'Unauthorized' }), 'check the bearer token'],
  ])('names the query when it gets %s', async (_name, answer, message) => {
    reply = answer as typeof reply;
    const read = prometheusSource({ url: base, query: 'my_query' }).read(ctx);
    await expect(read).rejects.toBeInstanceOf(MetricSourceError);
    await expect(prometheusSource({ url: base, query: 'my_query' }).read(ctx)).rejects.toThrow(/my_query/);
    await expect(prometheusSource({ url: base, query: 'my_query' }).read(ctx)).rejects.toThrow(message);
  });

  it('sends a bearer token (static or from a function) and never puts it in errors', async () => {
    reply = () => ({ status: 403, body: 'forbidden' });
    const secret = 'sekret-token-value';
    const error = await prometheusSource({ url: base, query: 'q', bearerToken: () => `${secret}\n` })
      .read(ctx)
      .catch((e: unknown) => e as Error);
    expect(requests.at(-1)?.headers.authorization).toBe(`Bearer ${secret}`);
    expect(String(error)).not.toContain(secret);
    reply = () => vector('1');
    await prometheusSource({ url: base, query: 'q', bearerToken: secret }).read(ctx);
    expect(requests.at(-1)?.headers.authorization).toBe(`Bearer ${secret}`);
  });

  it('sends basic credentials, also when they are in the URL, and extra headers', async () => {
    reply = () => vector('1');
    await prometheusSource({
      url: base,
      query: 'q',
      basicAuth: { username: 'u', password: 'p w' },
      headers: { 'x-scope-orgid': 't1' },
    }).read(ctx);
    expect(requests.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('u:p w').toString('base64')}`);
    expect(requests.at(-1)?.headers['x-scope-orgid']).toBe('t1');
    const inUrl = prometheusSource({ url: base.replace('http://', 'http://user:pa%40ss@'), query: 'q' });
    await inUrl.read(ctx);
    expect(requests.at(-1)?.headers.authorization).toBe(
      `Basic ${Buffer.from('user:pa@ss').toString('base64')}`,
    );
  });

  it('times out with a clear error', async () => {
    reply = () => 'hang';
    await expect(prometheusSource({ url: base, query: 'q', timeoutInMs: 50 }).read(ctx)).rejects.toThrow(
      'did not answer within 50 ms',
    );
  });

  it('honours the abort signal', async () => {
    reply = () => 'hang';
    const controller = new AbortController();
    const read = prometheusSource({ url: base, query: 'q' }).read({ ...ctx, abortSignal: controller.signal });
    controller.abort();
    await expect(read).rejects.toBeInstanceOf(AbortedError);
  });

  it('reports an unreachable server', async () => {
    await expect(prometheusSource({ url: 'http://127.0.0.1:1', query: 'q' }).read(ctx)).rejects.toThrow(
      'could not be reached',
    );
  });

  it.each([
    [{ url: 'not a url', query: 'q' }],
    [{ url: 'ftp://host', query: 'q' }],
    [{ url: base, query: '  ' }],
  ])('rejects bad options %j at construction', (options) => {
    expect(() => prometheusSource(options)).toThrow(ConfigError);
  });
});
