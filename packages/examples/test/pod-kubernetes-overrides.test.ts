import { describe, expect, it } from 'vitest';
import { podEmulatorsPerTest, startPod } from './helpers/kubernetes-pod.js';

// The pod in process against the ARM emulator and the Kubernetes API emulator, on a virtual clock at START: an
// override in force and an expired one reach the cluster as OverrideActive and OverrideExpired Events about the
// status ConfigMap, and the status names the override of the pool it decides.
const startEmulators = podEmulatorsPerTest();

describe('overrides in the cluster', () => {
  it('a pause tag is an OverrideActive Event and the pool status names it; an expired config override is OverrideExpired', async () => {
    const { arm, kubernetes } = await startEmulators({
      pools: [
        { name: 'nodepool1', mode: 'System', count: 1 },
        {
          name: 'manualpool2',
          count: 1,
          tags: {
            'aks-scaler-override': 'pause',
            'aks-scaler-until': '2026-12-01T12:00:00Z',
            'aks-scaler-reason': 'deploy freeze',
          },
        },
        { name: 'manualpool3', count: 1 },
      ],
    });
    const config = [
      'clusters:',
      `  - { subscription: ${arm.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
      'policy: { static: { manualpool2: 5, manualpool3: 3 } }',
      'overrides: [{ pools: [manualpool3], target: 0, until: "2026-12-01T07:00:00Z", reason: night test }]',
    ].join('\n');
    const pod = await startPod({
      arm,
      env: { SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml', KUBECONFIG: await kubernetes.writeKubeconfig() },
      config,
    });
    expect(await pod.done).toBe(0);
    expect(arm.state.getPool('manualpool2')?.count).toBe(1);
    expect(arm.state.getPool('manualpool3')?.count).toBe(3);

    const events = kubernetes.state.list('events', 'default');
    expect(events.map((e) => [e.reason, e.type, e.message])).toEqual(
      expect.arrayContaining([
        [
          'OverrideActive',
          'Normal',
          'myManagedCluster/manualpool2 override pause until 2026-12-01T12:00:00Z: deploy freeze',
        ],
        [
          'OverrideExpired',
          'Warning',
          'myManagedCluster/manualpool3 override expired at 2026-12-01T07:00:00Z; remove it',
        ],
      ]),
    );
    for (const event of events.filter((e) => String(e.reason).startsWith('Override'))) {
      expect(event.involvedObject).toMatchObject({ kind: 'ConfigMap', name: 'aks-scaler-status' });
    }
    const status = JSON.parse(
      kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')!.data!['status.json']!,
    );
    expect(status.clusters[0].pools.find((p: { name: string }) => p.name === 'manualpool2')).toMatchObject({
      count: 1,
      override: { target: 'pause', until: '2026-12-01T12:00:00Z', reason: 'deploy freeze' },
    });
  }, 30_000);
});
