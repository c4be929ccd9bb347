import { ApiException, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startKubernetesEmulator } from '../src/index.js';
import { clientsFor, NS, rawRequest, STATUS, statusMap, statusOf } from './kubernetes-clients.js';

const START = Date.parse('2026-12-01T07:30:00Z');
let now = START;
const emulator = await startKubernetesEmulator({ clock: { now: () => now } });
const { core, coordination } = await clientsFor(emulator);
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
afterAll(() => emulator.close());
beforeEach(() => {
  now = START;
  emulator.state.put({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: STATUS, namespace: NS },
    data: {},
  });
});
afterEach(() => {
  emulator.faults.clear();
  emulator.requests.length = 0;
  emulator.faults.triggered.length = 0;
});

async function networkError(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiException) throw new Error(`expected a network error, got HTTP ${error.code}`);
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('Kubernetes faults', () => {
  test('5xx and 429 for matching requests, with Status bodies and Retry-After, then normal service', async () => {
    emulator.faults.inject({ kind: 'server-error', verb: 'patch', resource: 'configmaps', name: STATUS });
    emulator.faults.inject({ kind: 'throttle', verb: 'get', retryAfterInSeconds: 3 });
    emulator.faults.inject({ kind: 'unavailable', resource: 'leases', times: 2 });
    const patch = () =>
      core.patchNamespacedConfigMap({ name: STATUS, namespace: NS, body: { data: { a: 'b' } } }, merge);
    expect(await statusOf(patch())).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      code: 500,
      reason: 'InternalError',
    });
    expect(emulator.state.get('configmaps', NS, STATUS)?.data).toEqual({});
    expect((await patch()).data).toEqual({ a: 'b' });
    const throttled = await rawRequest(emulator, {
      path: `/api/v1/namespaces/${NS}/configmaps/${STATUS}`,
      headers: { authorization: `Bearer ${emulator.adminToken}` },
    });
    expect([throttled.status, throttled.headers['retry-after']]).toEqual([429, '3']);
    expect(throttled.json).toMatchObject({ reason: 'TooManyRequests', details: { retryAfterSeconds: 3 } });
    const lease = () => coordination.readNamespacedLease({ name: 'aks-scaler-leader', namespace: NS });
    expect((await statusOf(lease())).code).toBe(503);
    expect((await statusOf(lease())).code).toBe(503);
    expect((await statusOf(lease())).code).toBe(404);
    expect(emulator.faults.triggered.map((hit) => hit.kind)).toEqual([
      'server-error',
      'throttle',
      'unavailable',
      'unavailable',
    ]);
  });

  test('reset drops the connection without an answer; delay answers late', async () => {
    emulator.faults.inject({ kind: 'reset', verb: 'get', name: STATUS });
    const error = await networkError(core.readNamespacedConfigMap({ name: STATUS, namespace: NS }));
    expect(error.message).toMatch(/socket|ECONNRESET|fetch failed|other side closed/i);
    emulator.faults.inject({ kind: 'delay', delayInMs: 1 });
    expect((await core.readNamespacedConfigMap({ name: STATUS, namespace: NS })).metadata?.name).toBe(STATUS);
    expect(emulator.requests.map((entry) => [entry.verb, entry.status])).toEqual([
      ['get', 0],
      ['get', 200],
    ]);
  });

  test('the API is down for a while by the emulator clock: resets (or 503s), discovery included', async () => {
    const outage = emulator.faults.down({ forInMs: 30_000 });
    await networkError(core.readNamespacedConfigMap({ name: STATUS, namespace: NS }));
    expect(
      (await rawRequest(emulator, { path: '/version' }).catch((error: Error) => error)) instanceof Error,
    ).toBe(true);
    now += 29_999;
    expect(outage.remaining).toBe(1);
    await networkError(core.createNamespacedConfigMap({ namespace: NS, body: statusMap({}, 'during') }));
    expect(emulator.state.get('configmaps', NS, 'during')).toBeUndefined();
    now += 1;
    expect(outage.remaining).toBe(0);
    expect((await core.readNamespacedConfigMap({ name: STATUS, namespace: NS })).metadata?.name).toBe(STATUS);

    const unavailable = emulator.faults.down({ mode: 'unavailable' });
    expect(await statusOf(core.readNamespacedConfigMap({ name: STATUS, namespace: NS }))).toMatchObject({
      code: 503,
      reason: 'ServiceUnavailable',
    });
    unavailable.cancel();
    expect((await core.readNamespacedConfigMap({ name: STATUS, namespace: NS })).metadata?.name).toBe(STATUS);
    expect(emulator.faults.triggered.map((hit) => hit.kind)).toEqual(['down', 'down', 'down', 'down']);
  });

  test('conflict: the next write of the named object meets 409 as if another writer had changed it', async () => {
    const read = await core.readNamespacedConfigMap({ name: STATUS, namespace: NS });
    emulator.faults.inject({ kind: 'conflict', resource: 'configmaps', name: STATUS });
    const conflict = await statusOf(
      core.replaceNamespacedConfigMap({ name: STATUS, namespace: NS, body: { ...read, data: { a: '1' } } }),
    );
    expect(conflict).toMatchObject({
      code: 409,
      reason: 'Conflict',
      details: { name: STATUS, kind: 'configmaps' },
    });
    const again = await core.readNamespacedConfigMap({ name: STATUS, namespace: NS });
    expect(again.metadata?.resourceVersion).not.toBe(read.metadata?.resourceVersion);
    expect(again.data).toEqual({});
    const stale = await statusOf(
      core.replaceNamespacedConfigMap({ name: STATUS, namespace: NS, body: { ...read, data: { a: '1' } } }),
    );
    expect(stale.code).toBe(409);
    await core.replaceNamespacedConfigMap({
      name: STATUS,
      namespace: NS,
      body: { ...again, data: { a: '1' } },
    });
    expect(emulator.state.get('configmaps', NS, STATUS)?.data).toEqual({ a: '1' });
  });

  test('lease-takeover: another holder takes the Lease just before the renewal, which then meets 409', async () => {
    emulator.state.put({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'aks-scaler-leader', namespace: NS },
      spec: { holderIdentity: 'pod-a', leaseDurationSeconds: 15, leaseTransitions: 0 },
    });
    const read = await coordination.readNamespacedLease({ name: 'aks-scaler-leader', namespace: NS });
    emulator.faults.inject({ kind: 'lease-takeover', verb: 'update', holderIdentity: 'pod-b' });
    now += 2_000;
    const renewal = await statusOf(
      coordination.replaceNamespacedLease({ name: 'aks-scaler-leader', namespace: NS, body: read }),
    );
    expect(renewal).toMatchObject({ code: 409, reason: 'Conflict' });
    expect(emulator.state.get('leases', NS, 'aks-scaler-leader')?.spec).toEqual({
      holderIdentity: 'pod-b',
      leaseDurationSeconds: 15,
      acquireTime: '2026-12-01T07:30:02.000000Z',
      renewTime: '2026-12-01T07:30:02.000000Z',
      leaseTransitions: 1,
    });
    const direct = emulator.state.takeOverLease(NS, 'aks-scaler-leader', 'pod-c', {
      leaseDurationSeconds: 30,
    });
    expect(direct.spec).toMatchObject({
      holderIdentity: 'pod-c',
      leaseDurationSeconds: 30,
      leaseTransitions: 2,
    });
  });

  test('seeded random faults repeat with the same seed', async () => {
    const sequence = async (seed: number) => {
      const other = await startKubernetesEmulator({ seed });
      try {
        other.faults.random({
          rate: 0.5,
          faults: [{ kind: 'server-error' }, { kind: 'unavailable' }],
          verb: 'get',
        });
        const { core: client } = await clientsFor(other);
        const codes: number[] = [];
        for (let i = 0; i < 12; i++) {
          codes.push((await statusOf(client.readNamespacedConfigMap({ name: 'x', namespace: NS }))).code);
        }
        return codes;
      } finally {
        await other.close();
      }
    };
    const first = await sequence(7);
    expect(await sequence(7)).toEqual(first);
    expect(new Set(first)).toEqual(new Set([404, 500, 503]));
  });
});

describe('state, request log and clock', () => {
  test('timestamps come from the virtual clock; seeded objects get server fields', async () => {
    now = Date.parse('2026-12-24T18:00:00.999Z');
    const created = await core.createNamespacedConfigMap({ namespace: NS, body: statusMap({}, 'xmas') });
    expect(created.metadata?.creationTimestamp).toEqual(new Date('2026-12-24T18:00:00Z'));
    const seeded = await startKubernetesEmulator({
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'seeded', namespace: 'team-a' } }],
    });
    try {
      expect(seeded.state.namespaces).toContain('team-a');
      expect(seeded.state.get('configmaps', 'team-a', 'seeded')?.metadata).toMatchObject({
        name: 'seeded',
        namespace: 'team-a',
        uid: expect.any(String),
        resourceVersion: expect.any(String),
      });
      expect(() =>
        seeded.state.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad Name' } }),
      ).toThrow(/^state\.put: ConfigMap "Bad Name" is invalid: metadata\.name: Invalid value: "Bad Name"/);
    } finally {
      await seeded.close();
    }
  });

  test('the request log names verb, resource, object, selector, media type, status and identity, never the token', async () => {
    const token = emulator.mintToken({
      identity: 'system:serviceaccount:default:aks-scaler',
      rules: { [NS]: [{ apiGroups: [''], resources: ['configmaps', 'events'], verbs: ['*'] }] },
    });
    const { core: scaler } = await clientsFor(emulator, { token });
    await scaler.patchNamespacedConfigMap({ name: STATUS, namespace: NS, body: { data: { a: 'b' } } }, merge);
    await scaler.listNamespacedEvent({ namespace: NS, fieldSelector: `involvedObject.name=${STATUS}` });
    await statusOf(scaler.createNamespacedConfigMap({ namespace: NS, body: statusMap() }));
    expect(emulator.requests).toEqual([
      {
        at: START,
        method: 'PATCH',
        path: `/api/v1/namespaces/${NS}/configmaps/${STATUS}`,
        verb: 'patch',
        resource: 'configmaps',
        namespace: NS,
        name: STATUS,
        contentType: 'application/merge-patch+json',
        status: 200,
        identity: 'system:serviceaccount:default:aks-scaler',
      },
      {
        at: START,
        method: 'GET',
        path: `/api/v1/namespaces/${NS}/events`,
        verb: 'list',
        resource: 'events',
        namespace: NS,
        fieldSelector: `involvedObject.name=${STATUS}`,
        status: 200,
        identity: 'system:serviceaccount:default:aks-scaler',
      },
      {
        at: START,
        method: 'POST',
        path: `/api/v1/namespaces/${NS}/configmaps`,
        verb: 'create',
        resource: 'configmaps',
        namespace: NS,
        contentType: 'application/json',
        status: 409,
        reason: 'AlreadyExists',
        identity: 'system:serviceaccount:default:aks-scaler',
      },
    ]);
    expect(JSON.stringify(emulator.requests)).not.toContain(token);
  });

  test('requestLogLimit keeps the newest entries', async () => {
    const small = await startKubernetesEmulator({ requestLogLimit: 2 });
    try {
      for (const path of ['/version', '/healthz', '/readyz']) await rawRequest(small, { path });
      expect(small.requests.map((entry) => entry.path)).toEqual(['/healthz', '/readyz']);
    } finally {
      await small.close();
    }
  });
});
