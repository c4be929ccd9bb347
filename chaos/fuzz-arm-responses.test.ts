import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  type ClusterRef,
  createNodePoolClient,
  isScalerError,
  type NodePool,
  type NodePoolClient,
} from '@aks-scaler/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificates } from '../packages/testkit/src/emulator/certs.js';

// The node-pool client against an ARM-like TLS server that answers with malformed bodies, missing fields, odd
// statuses and huge pages. Every call ends in a valid result or a typed ScalerError: never a crash, never a hang,
// and reads never write.
interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}
type Responder = (method: string, path: string) => Answer;

let server: Server;
let origin: string;
let ca: string;
let respond: Responder = () => ({ status: 500, body: '' });
const seen: Array<{ method: string; path: string; ifMatch?: string }> = [];

const cluster: ClusterRef = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'rg',
  clusterName: 'aks',
};
const base = `/subscriptions/${cluster.subscriptionId}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/agentPools`;

beforeAll(async () => {
  const certificates = await generateCertificates();
  ca = certificates.caCert;
  server = createServer({ key: certificates.key, cert: certificates.cert }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const ifMatch = req.headers['if-match'];
    seen.push({ method: req.method ?? '', path, ...(typeof ifMatch === 'string' && { ifMatch }) });
    req.resume();
    const answer = respond(req.method ?? 'GET', path);
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

function client(): NodePoolClient {
  return createNodePoolClient({
    credential: {
      getToken: async () => ({ token: 'fuzz-access-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
    },
    endpoint: origin,
    ca,
    pollIntervalInMs: 1,
    operationTimeoutInMs: 400,
    retry: { maxRetries: 0, retryDelayInMs: 1, maxRetryDelayInMs: 1 },
  });
}

function expectValidPool(pool: NodePool): void {
  expect(typeof pool.name).toBe('string');
  expect(Number.isInteger(pool.count) && pool.count >= 0).toBe(true);
  expect(typeof pool.mode).toBe('string');
  expect(typeof pool.enableAutoScaling).toBe('boolean');
  expect(['Running', 'Stopped']).toContain(pool.powerState);
  expect(typeof pool.provisioningState).toBe('string');
  if (pool.eTag !== undefined) expect(typeof pool.eTag).toBe('string');
}

async function expectTypedOutcome<T>(call: () => Promise<T>, check: (value: T) => void): Promise<void> {
  let value: T;
  try {
    value = await call();
  } catch (error) {
    expect(isScalerError(error), String(error)).toBe(true);
    return;
  }
  check(value);
}

const odd = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 2000 }),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.constant({}),
  fc.constant([]),
);
const agentPool = fc.record(
  {
    name: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/), odd),
    eTag: fc.oneof(fc.constant('"abc"'), odd),
    properties: fc.oneof(
      fc.record(
        {
          count: fc.oneof(fc.integer({ min: 0, max: 1000 }), odd),
          mode: fc.oneof(fc.constantFrom('System', 'User', 'Gateway'), odd),
          enableAutoScaling: odd,
          minCount: odd,
          maxCount: odd,
          powerState: fc.oneof(
            fc.record({ code: fc.oneof(fc.constantFrom('Running', 'Stopped'), odd) }),
            odd,
          ),
          provisioningState: fc.oneof(fc.constantFrom('Succeeded', 'Scaling', 'Failed', 'Canceled'), odd),
          vmSize: odd,
        },
        { requiredKeys: [] },
      ),
      odd,
    ),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc
    .record({ value: fc.oneof(fc.array(agentPool, { maxLength: 4 }), odd) }, { requiredKeys: [] })
    .map((v) => JSON.stringify(v)),
  agentPool.map((v) => JSON.stringify(v)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.constantFrom(
    '',
    '{',
    'null',
    '[]',
    '{"error":{"code":"X"}}',
    '{"code":"OperationNotAllowed","message":"busy"}',
  ),
);
const status = fc.constantFrom(200, 200, 200, 201, 202, 204, 400, 401, 403, 404, 409, 412, 429, 500, 503);

describe('fuzz: ARM responses to the node-pool client', () => {
  it('listPools and getPool: a valid result or a ScalerError, and never a write', async () => {
    await fc.assert(
      fc.asyncProperty(status, body, async (code, text) => {
        respond = () => ({ status: code, body: text });
        seen.length = 0;
        const c = client();
        await expectTypedOutcome(
          () => c.listPools(cluster),
          (pools) => pools.forEach(expectValidPool),
        );
        await expectTypedOutcome(() => c.getPool(cluster, 'pool1'), expectValidPool);
        expect(seen.filter((r) => r.method !== 'GET')).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('scalePool: whatever the pool read, the PUT and the operation answer, a valid pool or a ScalerError', async () => {
    const pool: NodePool = {
      cluster,
      name: 'pool1',
      count: 1,
      mode: 'User',
      enableAutoScaling: false,
      powerState: 'Running',
      provisioningState: 'Succeeded',
      eTag: '"abc"',
    };
    const operation = fc.record({
      status: fc.oneof(fc.constantFrom('InProgress', 'Succeeded', 'Failed', 'Canceled'), odd),
      error: fc.oneof(fc.record({ code: odd, message: odd }), odd),
    });
    await fc.assert(
      fc.asyncProperty(
        status,
        body,
        status,
        body,
        operation,
        async (getStatus, getBody, putStatus, putBody, op) => {
          respond = (method, path) => {
            if (path.includes('/operations/')) return { status: 200, body: JSON.stringify(op) };
            if (method === 'PUT') {
              return {
                status: putStatus,
                body: putBody,
                headers: {
                  'azure-asyncoperation': `${origin}/subscriptions/${cluster.subscriptionId}/providers/Microsoft.ContainerService/locations/westeurope/operations/op1?api-version=2016-03-30`,
                },
              };
            }
            return { status: getStatus, body: getBody };
          };
          seen.length = 0;
          await expectTypedOutcome(() => client().scalePool(pool, 3), expectValidPool);
          for (const put of seen.filter((r) => r.method === 'PUT')) expect(put.ifMatch).toBe('"abc"');
        },
      ),
      { numRuns: 120 },
    );
  }, 60_000);

  it('huge lists: 1,200 pools over three pages are all read and valid', async () => {
    const page = (offset: number) =>
      Array.from({ length: 400 }, (_, i) => ({
        name: `p${offset + i}`,
        eTag: `"${offset + i}"`,
        properties: {
          count: (offset + i) % 1001,
          mode: 'User',
          provisioningState: 'Succeeded',
          powerState: { code: 'Running' },
        },
      }));
    respond = (_method, path) => {
      const offset = Number(/\/page(\d+)$/.exec(path)?.[1] ?? 0);
      const next =
        offset + 400 < 1200 ? `${origin}${base}/page${offset + 400}?api-version=2026-06-01` : undefined;
      return { status: 200, body: JSON.stringify({ value: page(offset), ...(next && { nextLink: next }) }) };
    };
    const pools = await client().listPools(cluster);
    expect(pools).toHaveLength(1200);
    pools.forEach(expectValidPool);
  });

  it('a nextLink chain that never ends is stopped by the abort signal with a typed error', async () => {
    // The server gives up after 300 pages so a client that ignores the abort ends the test quickly (and fails it).
    let pages = 0;
    respond = () => {
      pages++;
      const next = pages < 300 ? { nextLink: `${origin}${base}?api-version=2026-06-01&page=${pages}` } : {};
      return { status: 200, body: JSON.stringify({ value: [], ...next }) };
    };
    const abort = new AbortController();
    const listing = client().listPools(cluster, { abortSignal: abort.signal });
    while (pages < 5) await new Promise((resolve) => setTimeout(resolve, 1));
    abort.abort();
    const pagesAtAbort = pages;
    await expect(listing).rejects.toSatisfy(isScalerError);
    expect(pages - pagesAtAbort).toBeLessThanOrEqual(2);
  });
});
