// ConfigMaps through @kubernetes/client-node: CRUD, optimistic concurrency, patches, validation, lists.
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { describe, expect, test } from 'vitest';
import { kubernetesEmulatorForFile } from './emulator-fixture.js';
import { clientsFor, NS, STATUS, statusMap, statusOf } from './kubernetes-clients.js';

const { emulator, clock } = await kubernetesEmulatorForFile(Date.parse('2026-12-01T07:30:00.250Z'));
const { core } = await clientsFor(emulator);

const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const strategic = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);
const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

describe('configmaps through @kubernetes/client-node', () => {
  test('create, get, replace, patch and delete, with server fields set and a new resourceVersion per change', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: NS, body: statusMap() });
    expect(created).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: STATUS, namespace: NS, creationTimestamp: new Date('2026-12-01T07:30:00Z') },
      data: { 'status.txt': 'ok' },
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    const read = await core.readNamespacedConfigMap({ name: STATUS, namespace: NS });
    expect(read.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);

    clock.nowInMs += 60_000;
    const replaced = await core.replaceNamespacedConfigMap({
      name: STATUS,
      namespace: NS,
      body: { ...read, data: { 'status.txt': 'changed' } },
    });
    expect(replaced.metadata?.resourceVersion).not.toBe(read.metadata?.resourceVersion);
    expect(replaced.metadata?.uid).toBe(created.metadata?.uid);
    expect(replaced.metadata?.creationTimestamp).toEqual(created.metadata?.creationTimestamp);

    const patched = await core.patchNamespacedConfigMap(
      { name: STATUS, namespace: NS, body: { data: { 'state.json': '{"version":1}' } } },
      merge,
    );
    expect(patched.data).toEqual({ 'status.txt': 'changed', 'state.json': '{"version":1}' });
    expect(patched.metadata?.resourceVersion).not.toBe(replaced.metadata?.resourceVersion);

    const deleted = await core.deleteNamespacedConfigMap({ name: STATUS, namespace: NS });
    expect(deleted).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: STATUS, kind: 'configmaps' },
    });
    expect(emulator.state.get('configmaps', NS, STATUS)).toBeUndefined();
  });

  test('a write that changes nothing keeps the resourceVersion, as the API server does', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: NS, body: statusMap() });
    const same = await core.replaceNamespacedConfigMap({ name: STATUS, namespace: NS, body: created });
    expect(same.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
  });

  test('optimistic concurrency: a stale resourceVersion meets 409 Conflict, a taken name 409 AlreadyExists', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: NS, body: statusMap() });
    await core.patchNamespacedConfigMap({ name: STATUS, namespace: NS, body: { data: { a: 'b' } } }, merge);
    const stale = await statusOf(
      core.replaceNamespacedConfigMap({
        name: STATUS,
        namespace: NS,
        body: { ...created, data: { x: 'y' } },
      }),
    );
    expect(stale).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Operation cannot be fulfilled on configmaps "aks-scaler-status": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: STATUS, kind: 'configmaps' },
      code: 409,
    });
    const taken = await statusOf(core.createNamespacedConfigMap({ namespace: NS, body: statusMap() }));
    expect(taken).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
      message: 'configmaps "aks-scaler-status" already exists',
      details: { name: STATUS, kind: 'configmaps' },
    });
    const patchWithOldVersion = await statusOf(
      core.patchNamespacedConfigMap(
        {
          name: STATUS,
          namespace: NS,
          body: { metadata: { resourceVersion: created.metadata?.resourceVersion }, data: { c: 'd' } },
        },
        merge,
      ),
    );
    expect(patchWithOldVersion).toMatchObject({ code: 409, reason: 'Conflict' });
  });

  test('a create carrying a resourceVersion is refused', async () => {
    const refused = await statusOf(
      core.createNamespacedConfigMap({
        namespace: NS,
        body: { metadata: { name: STATUS, resourceVersion: '5' } },
      }),
    );
    expect(refused).toMatchObject({
      code: 500,
      message: 'resourceVersion should not be set on objects to be created',
    });
    expect(emulator.state.get('configmaps', NS, STATUS)).toBeUndefined();
  });

  test('strategic merge and JSON patches', async () => {
    await core.createNamespacedConfigMap({ namespace: NS, body: statusMap({ a: '1', b: '2' }) });
    const strategicPatched = await core.patchNamespacedConfigMap(
      { name: STATUS, namespace: NS, body: { data: { a: null, c: '3' } } },
      strategic,
    );
    expect(strategicPatched.data).toEqual({ b: '2', c: '3' });
    const jsonPatched = await core.patchNamespacedConfigMap(
      {
        name: STATUS,
        namespace: NS,
        body: [
          { op: 'test', path: '/data/b', value: '2' },
          { op: 'replace', path: '/data/b', value: 'two' },
          { op: 'remove', path: '/data/c' },
        ],
      },
      jsonPatch,
    );
    expect(jsonPatched.data).toEqual({ b: 'two' });
    const failedTest = await statusOf(
      core.patchNamespacedConfigMap(
        { name: STATUS, namespace: NS, body: [{ op: 'test', path: '/data/b', value: '2' }] },
        jsonPatch,
      ),
    );
    expect(failedTest).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(emulator.state.get('configmaps', NS, STATUS)?.data).toEqual({ b: 'two' });
  });

  test('404 NotFound for get, replace, patch and delete of a missing object', async () => {
    const expected = {
      code: 404,
      reason: 'NotFound',
      message: 'configmaps "missing" not found',
      details: { name: 'missing', kind: 'configmaps' },
    };
    expect(await statusOf(core.readNamespacedConfigMap({ name: 'missing', namespace: NS }))).toMatchObject(
      expected,
    );
    expect(
      await statusOf(
        core.replaceNamespacedConfigMap({ name: 'missing', namespace: NS, body: statusMap({}, 'missing') }),
      ),
    ).toMatchObject(expected);
    expect(
      await statusOf(
        core.patchNamespacedConfigMap({ name: 'missing', namespace: NS, body: { data: {} } }, merge),
      ),
    ).toMatchObject(expected);
    expect(await statusOf(core.deleteNamespacedConfigMap({ name: 'missing', namespace: NS }))).toMatchObject(
      expected,
    );
    expect(
      await statusOf(core.createNamespacedConfigMap({ namespace: 'nowhere', body: statusMap() })),
    ).toMatchObject({ code: 404, message: 'namespaces "nowhere" not found' });
  });

  test('422 Invalid for bad keys and for data over 1 MiB, naming the field', async () => {
    const badKey = await statusOf(
      core.createNamespacedConfigMap({ namespace: NS, body: statusMap({ 'status txt': 'x' }) }),
    );
    expect(badKey.code).toBe(422);
    expect(badKey.reason).toBe('Invalid');
    expect(badKey.message).toContain(
      'ConfigMap "aks-scaler-status" is invalid: data[status txt]: Invalid value',
    );
    expect(badKey.details?.causes?.[0]?.field).toBe('data[status txt]');
    const big = await statusOf(
      core.createNamespacedConfigMap({
        namespace: NS,
        body: statusMap({ 'status.json': 'x'.repeat(1024 * 1024) }),
      }),
    );
    expect(big).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(big.message).toContain('Too long: must have at most 1048576 bytes');
    const justUnder = 'x'.repeat(1024 * 1024 - 'status.json'.length);
    await core.createNamespacedConfigMap({ namespace: NS, body: statusMap({ 'status.json': justUnder }) });
    expect(emulator.state.get('configmaps', NS, STATUS)?.data?.['status.json']).toHaveLength(
      justUnder.length,
    );
  });

  test('an immutable ConfigMap keeps its data', async () => {
    await core.createNamespacedConfigMap({ namespace: NS, body: { ...statusMap(), immutable: true } });
    const refused = await statusOf(
      core.patchNamespacedConfigMap(
        { name: STATUS, namespace: NS, body: { data: { 'status.txt': 'no' } } },
        merge,
      ),
    );
    expect(refused).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(refused.message).toContain('data: Forbidden: field is immutable when `immutable` is set');
  });

  test('lists filter by labelSelector and fieldSelector and page with limit and continue', async () => {
    for (const [name, shard] of [
      ['aks-scaler-status-0', '0'],
      ['aks-scaler-status-1', '1'],
      ['other', undefined],
    ] as const) {
      await core.createNamespacedConfigMap({
        namespace: NS,
        body: { metadata: { name, labels: shard ? { app: 'aks-scaler', shard } : {} } },
      });
    }
    const names = async (options: Parameters<typeof core.listNamespacedConfigMap>[0]) =>
      (await core.listNamespacedConfigMap(options)).items.map((item) => item.metadata?.name);
    expect(await names({ namespace: NS, labelSelector: 'app=aks-scaler' })).toEqual([
      'aks-scaler-status-0',
      'aks-scaler-status-1',
    ]);
    expect(await names({ namespace: NS, labelSelector: 'app=aks-scaler,shard notin (0)' })).toEqual([
      'aks-scaler-status-1',
    ]);
    expect(await names({ namespace: NS, labelSelector: '!app' })).toEqual(['other']);
    expect(await names({ namespace: NS, fieldSelector: 'metadata.name=other' })).toEqual(['other']);
    const first = await core.listNamespacedConfigMap({ namespace: NS, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.metadata?.remainingItemCount).toBe(1);
    const rest = await core.listNamespacedConfigMap({
      namespace: NS,
      limit: 2,
      _continue: first.metadata?._continue,
    });
    expect(rest.items.map((item) => item.metadata?.name)).toEqual(['other']);
    expect(rest.metadata?._continue).toBeUndefined();
    expect(
      await statusOf(core.listNamespacedConfigMap({ namespace: NS, fieldSelector: 'data.x=1' })),
    ).toMatchObject({ code: 400, reason: 'BadRequest', message: 'field label not supported: data.x' });
  });
});
