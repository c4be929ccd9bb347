import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { afterAll, describe, expect, test } from 'vitest';
import { type KubernetesRoleManifest, startKubernetesEmulator } from '../src/index.js';
import { clientsFor, NS, rawRequest, STATUS, statusMap, statusOf } from './kubernetes-clients.js';

/** The namespaced Role of the loop variant, as the manifests ship it. */
const SCALER_ROLE: KubernetesRoleManifest = {
  kind: 'Role',
  metadata: { name: 'aks-scaler', namespace: NS },
  rules: [
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
    { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
    {
      apiGroups: [''],
      resources: ['configmaps'],
      resourceNames: [STATUS],
      verbs: ['get', 'update', 'patch'],
    },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
    {
      apiGroups: ['coordination.k8s.io'],
      resources: ['leases'],
      resourceNames: ['aks-scaler-leader'],
      verbs: ['get', 'update'],
    },
  ],
};
const SCALER = 'system:serviceaccount:default:aks-scaler';
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

const emulator = await startKubernetesEmulator();
afterAll(() => emulator.close());

describe('tokens and Role-shaped permissions', () => {
  test('the shipped Role allows exactly the scaler’s writes; anything outside it is 403 Forbidden, naming what is missing', async () => {
    const token = emulator.mintToken({ identity: SCALER, roles: [SCALER_ROLE] });
    const { core, coordination } = await clientsFor(emulator, { token });
    const map = await core.createNamespacedConfigMap({ namespace: NS, body: statusMap() });
    await core.readNamespacedConfigMap({ name: STATUS, namespace: NS });
    await core.patchNamespacedConfigMap({ name: STATUS, namespace: NS, body: { data: { a: 'b' } } }, merge);
    const event = await core.createNamespacedEvent({
      namespace: NS,
      body: {
        metadata: { name: 'aks-scaler-status.1' },
        involvedObject: { kind: 'ConfigMap', name: STATUS, namespace: NS, uid: map.metadata?.uid },
        reason: 'ScaledUp',
        count: 1,
      },
    });
    await core.patchNamespacedEvent(
      { name: event.metadata?.name as string, namespace: NS, body: { count: 2 } },
      merge,
    );
    const lease = await coordination.createNamespacedLease({
      namespace: NS,
      body: { metadata: { name: 'aks-scaler-leader' }, spec: { holderIdentity: 'pod-a' } },
    });
    await coordination.replaceNamespacedLease({ name: 'aks-scaler-leader', namespace: NS, body: lease });

    const other = await statusOf(core.readNamespacedConfigMap({ name: 'kube-root-ca.crt', namespace: NS }));
    expect(other).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `configmaps "kube-root-ca.crt" is forbidden: User "${SCALER}" cannot get resource "configmaps" in API group "" in the namespace "default"`,
      reason: 'Forbidden',
      details: { name: 'kube-root-ca.crt', kind: 'configmaps' },
      code: 403,
    });
    expect((await statusOf(core.listNamespacedConfigMap({ namespace: NS }))).message).toBe(
      `configmaps is forbidden: User "${SCALER}" cannot list resource "configmaps" in API group "" in the namespace "default"`,
    );
    expect((await statusOf(core.deleteNamespacedConfigMap({ name: STATUS, namespace: NS }))).code).toBe(403);
    const patchLease = await statusOf(
      coordination.patchNamespacedLease(
        { name: 'aks-scaler-leader', namespace: NS, body: { spec: { holderIdentity: 'x' } } },
        merge,
      ),
    );
    expect(patchLease).toMatchObject({
      code: 403,
      message: `leases.coordination.k8s.io "aks-scaler-leader" is forbidden: User "${SCALER}" cannot patch resource "leases" in API group "coordination.k8s.io" in the namespace "default"`,
      details: { name: 'aks-scaler-leader', group: 'coordination.k8s.io', kind: 'leases' },
    });
    expect((await statusOf(core.listEventForAllNamespaces({}))).message).toBe(
      `events is forbidden: User "${SCALER}" cannot list resource "events" in API group "" at the cluster scope`,
    );
    // Nothing refused was written.
    expect(emulator.state.get('leases', NS, 'aks-scaler-leader')?.spec?.holderIdentity).toBe('pod-a');
    expect(emulator.state.get('configmaps', NS, STATUS)).toBeDefined();
    const refused = emulator.requests.filter((entry) => entry.status === 403);
    expect(
      refused.map((entry) => [entry.verb, entry.resource, entry.name, entry.identity, entry.reason]),
    ).toEqual([
      ['get', 'configmaps', 'kube-root-ca.crt', SCALER, 'Forbidden'],
      ['list', 'configmaps', undefined, SCALER, 'Forbidden'],
      ['delete', 'configmaps', STATUS, SCALER, 'Forbidden'],
      ['patch', 'leases', 'aks-scaler-leader', SCALER, 'Forbidden'],
      ['list', 'events', undefined, SCALER, 'Forbidden'],
    ]);
    expect(JSON.stringify(emulator.requests)).not.toContain(token);
  });

  test('a token with no rules for a namespace gets 403 there; a ClusterRole applies everywhere', async () => {
    const token = emulator.mintToken({ identity: SCALER, roles: [SCALER_ROLE] });
    const { core } = await clientsFor(emulator, { token });
    const elsewhere = await statusOf(
      core.createNamespacedConfigMap({ namespace: 'kube-system', body: statusMap() }),
    );
    expect(elsewhere).toMatchObject({
      code: 403,
      message: `configmaps is forbidden: User "${SCALER}" cannot create resource "configmaps" in API group "" in the namespace "kube-system"`,
    });
    const reader = emulator.mintToken({
      identity: 'viewer',
      roles: [
        {
          kind: 'ClusterRole',
          rules: [{ apiGroups: [''], resources: ['events', 'configmaps'], verbs: ['get', 'list'] }],
        },
      ],
    });
    const { core: viewer } = await clientsFor(emulator, { token: reader });
    expect((await viewer.listNamespacedConfigMap({ namespace: 'kube-system' })).items).toEqual([]);
    expect((await viewer.listEventForAllNamespaces({})).kind).toBe('EventList');
    expect(
      (await statusOf(viewer.createNamespacedConfigMap({ namespace: NS, body: statusMap() }))).code,
    ).toBe(403);
  });

  test('no token, an unknown token or a revoked one is 401 Unauthorized; /version needs none', async () => {
    const unauthorized = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    };
    const none = await rawRequest(emulator, { path: `/api/v1/namespaces/${NS}/configmaps` });
    expect([none.status, none.json]).toEqual([401, unauthorized]);
    const unknown = await rawRequest(emulator, {
      path: '/api/v1',
      headers: { authorization: 'Bearer not-a-minted-token' },
    });
    expect(unknown.status).toBe(401);
    const token = emulator.mintToken({ identity: 'short-lived', rules: { [NS]: SCALER_ROLE.rules ?? [] } });
    const { core } = await clientsFor(emulator, { token });
    await core.createNamespacedConfigMap({ namespace: NS, body: statusMap({}, 'short-lived') });
    emulator.revokeToken(token);
    const revoked = await statusOf(
      core.createNamespacedConfigMap({ namespace: NS, body: statusMap({}, 'later') }),
    );
    expect(revoked.code).toBe(401); // the client drops a 401's body; the raw request above shows it
    expect(emulator.state.get('configmaps', NS, 'later')).toBeUndefined();
    const version = await rawRequest(emulator, { path: '/version' });
    expect(version.json).toMatchObject({ major: '1', minor: '33', gitVersion: 'v1.33.2' });
  });
});

describe('client configuration both ways', () => {
  test('KubeConfig.loadFromFile: server, CA data, token and the context namespace', async () => {
    emulator.state.put({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'aks-scaler-leader', namespace: NS },
      spec: { holderIdentity: 'pod-a' },
    });
    const token = emulator.mintToken({ identity: SCALER, roles: [SCALER_ROLE] });
    const config = new KubeConfig();
    config.loadFromFile(await emulator.writeKubeconfig({ token, namespace: 'kube-system' }));
    expect(config.getCurrentCluster()?.server).toBe(emulator.server);
    expect(config.getContextObject(config.getCurrentContext())?.namespace).toBe('kube-system');
    const lease = await config.makeApiClient(CoordinationV1Api).readNamespacedLease({
      name: 'aks-scaler-leader',
      namespace: NS,
    });
    expect(lease.spec?.holderIdentity).toBe('pod-a');
    expect(emulator.requests.at(-1)?.identity).toBe(SCALER);
  });

  test('KubeConfig.loadFromCluster(pathPrefix): the service-account files and KUBERNETES_SERVICE_HOST/PORT', async () => {
    const token = emulator.mintToken({
      identity: 'system:serviceaccount:scaling:aks-scaler',
      rules: {
        scaling: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get'] }],
      },
    });
    emulator.state.addNamespace('scaling');
    const files = await emulator.writeInClusterFiles({ token, namespace: 'scaling' });
    expect(files.serviceAccountDir).toBe(`${files.pathPrefix}/var/run/secrets/kubernetes.io/serviceaccount`);
    expect(files.env).toEqual({
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: String(emulator.port),
    });
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    Object.assign(process.env, files.env);
    const config = new KubeConfig();
    try {
      config.loadFromCluster(files.pathPrefix);
    } finally {
      for (const [name, value] of [
        ['KUBERNETES_SERVICE_HOST', saved.host],
        ['KUBERNETES_SERVICE_PORT', saved.port],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    const namespace = config.getContextObject(config.getCurrentContext())?.namespace;
    expect(namespace).toBe('scaling');
    const core = config.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({ namespace: namespace as string, body: statusMap() });
    expect(emulator.state.get('configmaps', 'scaling', STATUS)?.data).toEqual({ 'status.txt': 'ok' });
    expect(emulator.requests.at(-1)?.identity).toBe('system:serviceaccount:scaling:aks-scaler');
  });

  test('an aborted signal writes no file and starts no emulator', async () => {
    const aborted = AbortSignal.abort();
    const path = join(tmpdir(), `never-${process.pid}.kubeconfig`);
    await expect(emulator.writeKubeconfig({ path, abortSignal: aborted })).rejects.toThrow(/abort/i);
    expect(existsSync(path)).toBe(false);
    const prefix = join(tmpdir(), `never-${process.pid}-in-cluster`);
    await expect(emulator.writeInClusterFiles({ pathPrefix: prefix, abortSignal: aborted })).rejects.toThrow(
      /abort/i,
    );
    expect(existsSync(prefix)).toBe(false);
    await expect(startKubernetesEmulator({ abortSignal: aborted })).rejects.toThrow(/abort/i);
  });
});
