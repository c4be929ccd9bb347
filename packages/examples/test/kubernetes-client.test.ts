import { type KubernetesEmulator, startKubernetesEmulator } from '@aks-scaler/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubernetesApi } from '../src/pod/kubernetes/kubernetes-api.js';
import { connectKubernetes } from '../src/pod/kubernetes/kubernetes-client.js';

// The pod's narrow client over the real @kubernetes/client-node, against the Kubernetes API emulator.
let kubernetes: KubernetesEmulator;
let api: KubernetesApi;
beforeAll(async () => {
  kubernetes = await startKubernetesEmulator();
  api = await connectKubernetes({
    access: { kind: 'kubeconfig', files: [await kubernetes.writeKubeconfig()] },
  });
});
afterAll(async () => {
  await api?.close();
  await kubernetes?.close();
});

const sockets = () =>
  process.getActiveResourcesInfo().filter((resource) => resource === 'TCPSocketWrap').length;

describe('the Kubernetes client', () => {
  it('sends every call over the same kept-alive connection, instead of a new connection pool per request', async () => {
    await api.readConfigMap('warm-up');
    const before = sockets();
    const counts: number[] = [];
    for (let i = 0; i < 10; i++) {
      await api.readConfigMap(`absent-${i}`);
      counts.push(sockets());
    }
    // One more open socket at most, and none after that (with a pool per request, one more per call).
    expect(counts[0]).toBeLessThanOrEqual(before + 1);
    expect(counts.at(-1)).toBe(counts[0]);
  });

  it("tells a refusal by its status and the API's reason, and an unreachable API by no status, without a token", async () => {
    const forbidden = await connectKubernetes({
      access: {
        kind: 'kubeconfig',
        files: [
          await kubernetes.writeKubeconfig({
            token: kubernetes.mintToken({ identity: 'system:serviceaccount:default:nobody' }),
          }),
        ],
      },
    });
    const refusal = await forbidden.readConfigMap('aks-scaler-status').catch((error: unknown) => error);
    expect(refusal).toMatchObject({
      name: 'KubernetesRequestError',
      status: 403,
      reason: 'Forbidden',
      message: expect.stringContaining(
        'get configmap default/aks-scaler-status: 403 configmaps "aks-scaler-status" is forbidden: User "system:serviceaccount:default:nobody" cannot get resource "configmaps"',
      ),
    });
    expect(String((refusal as Error).message)).not.toMatch(/k8s-emu\./);
    await forbidden.close();

    const outage = kubernetes.faults.down();
    const unreachable = await api.readConfigMap('aks-scaler-status').catch((error: unknown) => error);
    outage.cancel();
    expect(unreachable).toMatchObject({
      name: 'KubernetesRequestError',
      status: undefined,
      reason: undefined,
    });
  });

  it('writes Events with a MicroTime the API server accepts, and patches their count', async () => {
    const map = await api.createConfigMap({ metadata: { name: 'aks-scaler-status' }, data: {} });
    await api.createEvent({
      metadata: { name: 'aks-scaler-status.1', namespace: 'default' },
      involvedObject: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: 'aks-scaler-status',
        namespace: 'default',
        uid: map.metadata.uid!,
      },
      reason: 'ScaledUp',
      message: 'myManagedCluster/manualpool2 1 -> 5',
      type: 'Normal',
      action: 'Scale',
      count: 1,
      firstTimestamp: '2026-12-01T07:30:00Z',
      lastTimestamp: '2026-12-01T07:30:00Z',
      eventTime: '2026-12-01T07:30:00.123000Z',
      reportingComponent: 'aks-scaler',
      reportingInstance: 'aks-scaler-0',
      source: { component: 'aks-scaler' },
    });
    await api.patchEvent('aks-scaler-status.1', { count: 2, lastTimestamp: '2026-12-01T07:31:00Z' });
    expect(kubernetes.state.get('events', 'default', 'aks-scaler-status.1')).toMatchObject({
      eventTime: '2026-12-01T07:30:00.123000Z',
      count: 2,
      lastTimestamp: '2026-12-01T07:31:00Z',
    });
    await expect(api.replaceConfigMap({ ...map, data: { a: '1' } })).resolves.toMatchObject({
      data: { a: '1' },
    });
    await expect(api.replaceConfigMap({ ...map, data: { a: '2' } })).rejects.toMatchObject({
      status: 409,
      reason: 'Conflict',
    });
  });
});
