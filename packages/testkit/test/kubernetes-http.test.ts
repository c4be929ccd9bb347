// What a client library never sends on its own: discovery documents, media-type negotiation, bodies the API
// server refuses, and verbs the emulator does not serve. Raw HTTPS requests trusting the emulator's CA.
import { afterAll, describe, expect, test } from 'vitest';
import { startKubernetesEmulator } from '../src/index.js';
import { NS, rawRequest, STATUS } from './kubernetes-clients.js';

const NOW = Date.parse('2026-12-01T07:30:00Z');
const emulator = await startKubernetesEmulator({ clock: { now: () => NOW } });
afterAll(() => emulator.close());
const auth = { authorization: `Bearer ${emulator.adminToken}` };
const get = (path: string, headers: Record<string, string> = {}) =>
  rawRequest(emulator, { path, headers: { ...auth, ...headers } });
const send = (method: string, path: string, body: string, contentType?: string) =>
  rawRequest(emulator, {
    method,
    path,
    body,
    headers: { ...auth, ...(contentType ? { 'content-type': contentType } : {}) },
  });
const MAPS = `/api/v1/namespaces/${NS}/configmaps`;

describe('discovery', () => {
  test('/api, /api/v1, /apis and /apis/coordination.k8s.io/v1 in their legacy shapes', async () => {
    expect((await get('/api')).json).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${emulator.port}` }],
    });
    const core = (await get('/api/v1')).json as { resources: { name: string }[] };
    expect(core).toMatchObject({ kind: 'APIResourceList', groupVersion: 'v1' });
    expect(core.resources).toEqual([
      {
        name: 'configmaps',
        singularName: 'configmap',
        namespaced: true,
        kind: 'ConfigMap',
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'],
        shortNames: ['cm'],
      },
      expect.objectContaining({ name: 'events', kind: 'Event', shortNames: ['ev'] }),
    ]);
    expect((await get('/apis')).json).toEqual({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [
        {
          name: 'coordination.k8s.io',
          versions: [{ groupVersion: 'coordination.k8s.io/v1', version: 'v1' }],
          preferredVersion: { groupVersion: 'coordination.k8s.io/v1', version: 'v1' },
        },
      ],
    });
    expect((await get('/apis/coordination.k8s.io/v1')).json).toEqual({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'coordination.k8s.io/v1',
      resources: [
        {
          name: 'leases',
          singularName: 'lease',
          namespaced: true,
          kind: 'Lease',
          verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'],
        },
      ],
    });
  });

  test('aggregated discovery is not offered: kubectl’s Accept list falls back to the plain document', async () => {
    const response = await get('/apis', {
      accept:
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
    });
    expect([response.status, (response.json as { kind: string }).kind]).toEqual([200, 'APIGroupList']);
    expect((await get('/apis/events.k8s.io/v1')).status).toBe(404);
  });
});

describe('media types', () => {
  test('a protobuf body is 415 (as kubectl 1.32 and later send for `create configmap`), naming what is accepted', async () => {
    const response = await send(
      'POST',
      MAPS,
      '\u006b\u0038\u0073\u0000',
      'application/vnd.kubernetes.protobuf',
    );
    expect(response.status).toBe(415);
    expect(response.json).toMatchObject({
      kind: 'Status',
      reason: 'UnsupportedMediaType',
      code: 415,
      message:
        'the body of the request was in an unknown format (application/vnd.kubernetes.protobuf) - accepted media types include: application/json',
    });
    const patch = await send('PATCH', `${MAPS}/${STATUS}`, '{}', 'application/apply-patch+yaml');
    expect(patch.status).toBe(415);
    expect((patch.json as { message: string }).message).toContain(
      'application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json',
    );
  });

  test('a body without Content-Type is read as JSON (Debian’s kubectl 1.20 sends none)', async () => {
    const response = await send('POST', MAPS, JSON.stringify({ metadata: { name: 'no-type' } }));
    expect(response.status).toBe(201);
    expect(emulator.state.get('configmaps', NS, 'no-type')).toBeDefined();
  });

  test('Accept: protobuf alone is 406; with a JSON fallback it gets JSON', async () => {
    expect((await get(MAPS, { accept: 'application/vnd.kubernetes.protobuf' })).status).toBe(406);
    const fallback = await get(MAPS, { accept: 'application/vnd.kubernetes.protobuf,application/json' });
    expect([fallback.status, fallback.headers['content-type']]).toEqual([200, 'application/json']);
  });

  test('a Table for kubectl get: columns, cells with ages by the emulator clock, row objects as asked', async () => {
    emulator.state.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: STATUS, namespace: NS, creationTimestamp: '2026-12-01T07:26:40Z' },
      data: { a: '1', b: '2' },
      binaryData: { c: 'AA==' },
    });
    const table = await get(`${MAPS}/${STATUS}`, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    expect(table.json).toMatchObject({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      columnDefinitions: [
        { name: 'Name', type: 'string', format: 'name' },
        { name: 'Data', type: 'integer' },
        { name: 'Age', type: 'string' },
      ],
      rows: [
        {
          cells: [STATUS, 3, '3m20s'],
          object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: STATUS } },
        },
      ],
    });
    const full = await get(`${MAPS}?includeObject=Object`, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
    });
    const rows = (full.json as { rows: { object: { kind: string; data?: object } }[] }).rows;
    expect(rows.find((row) => row.object.data)?.object).toMatchObject({
      kind: 'ConfigMap',
      data: { a: '1', b: '2' },
    });
  });

  test('list items carry no apiVersion and kind, like the API server’s lists', async () => {
    const list = (await get(MAPS)).json as {
      kind: string;
      apiVersion: string;
      items: Record<string, unknown>[];
    };
    expect([list.kind, list.apiVersion]).toEqual(['ConfigMapList', 'v1']);
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((item) => !('kind' in item) && !('apiVersion' in item))).toBe(true);
  });

  test('a body over the API server’s 3 MiB limit is 413', async () => {
    const response = await send('POST', MAPS, 'x'.repeat(3 * 1024 * 1024 + 1), 'application/json');
    expect(response.json).toMatchObject({ code: 413, reason: 'RequestEntityTooLarge' });
  });
});

describe('bodies and verbs the API server refuses', () => {
  test('400 BadRequest for bodies that cannot be decoded or do not fit the path', async () => {
    const cases: [string, string, string, string][] = [
      ['POST', MAPS, '{not json', "couldn't decode the request body as JSON"],
      [
        'POST',
        MAPS,
        JSON.stringify({ kind: 'Secret', metadata: { name: 'x' } }),
        'the kind in the data (Secret)',
      ],
      ['POST', MAPS, JSON.stringify({ data: { a: 1 }, metadata: { name: 'x' } }), 'cannot unmarshal number'],
      [
        'POST',
        MAPS,
        JSON.stringify({ metadata: { name: 'x', namespace: 'kube-system' } }),
        'the namespace of the provided object does not match the namespace sent on the request',
      ],
      [
        'PUT',
        `${MAPS}/${STATUS}`,
        JSON.stringify({ metadata: { name: 'other' } }),
        'the name of the object (other) does not match the name on the URL (aks-scaler-status)',
      ],
    ];
    for (const [method, path, body, message] of cases) {
      const response = await send(method, path, body, 'application/json');
      expect([response.status, (response.json as { reason: string }).reason]).toEqual([400, 'BadRequest']);
      expect((response.json as { message: string }).message).toContain(message);
    }
  });

  test('DeleteOptions preconditions: a stale resourceVersion is 409 and nothing is deleted', async () => {
    const stored = emulator.state.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'keep', namespace: NS },
    });
    const response = await send(
      'DELETE',
      `${MAPS}/keep`,
      JSON.stringify({ preconditions: { resourceVersion: '1' } }),
      'application/json',
    );
    expect(response.json).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: `Operation cannot be fulfilled on configmaps "keep": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${stored.metadata.resourceVersion}`,
    });
    expect(emulator.state.get('configmaps', NS, 'keep')).toBeDefined();
  });

  test('watch and deletecollection are 405; unknown resources and subresources are 404', async () => {
    expect((await get(`${MAPS}?watch=true`)).json).toMatchObject({ code: 405, reason: 'MethodNotAllowed' });
    expect((await rawRequest(emulator, { method: 'DELETE', path: MAPS, headers: auth })).status).toBe(405);
    expect((await get(`/api/v1/namespaces/${NS}/secrets`)).json).toMatchObject({
      code: 404,
      reason: 'NotFound',
    });
    expect((await get(`${MAPS}/${STATUS}/status`)).status).toBe(404);
    expect((await get('/openapi/v2')).status).toBe(404);
  });
});
