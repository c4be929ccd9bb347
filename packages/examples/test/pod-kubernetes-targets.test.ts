import { describe, expect, it } from 'vitest';
import { podEmulatorsPerTest, startPod } from './helpers/kubernetes-pod.js';

// The pod in process against the ARM emulator (its Stopping/Starting transitions) and the Kubernetes API emulator
// (real @kubernetes/client-node over TLS): what the status ConfigMap and the Events say of a stop, a start that
// scales, and an autoscaler range, in the run that writes them and in the next one, which finds them in place.
const startEmulators = podEmulatorsPerTest();

const POOLS = [
  { name: 'nodepool1', mode: 'System' as const, count: 1 },
  { name: 'night', count: 3 },
  { name: 'day', count: 2, powerState: 'Stopped' as const },
  { name: 'web', count: 3, enableAutoScaling: true, minCount: 1, maxCount: 5 },
];

type PoolStatus = { name: string; count: number; desired: unknown; power: string; action: string };

describe('the status ConfigMap and Events with targets beyond a count', () => {
  it('shows a stop, a start that scales and a range as ARM has them after the reconcile, and again once they are in place', async () => {
    const { arm, kubernetes } = await startEmulators({ pools: POOLS });
    const config = [
      'clusters:',
      `  - { subscription: ${arm.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster, stoppedPools: start }`,
      'policy: { static: { night: stop, day: 4, web: { min: 2, max: 10 } } }',
    ].join('\n');
    const env = {
      SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml',
      KUBECONFIG: await kubernetes.writeKubeconfig(),
      POD_NAME: 'aks-scaler-29408130-x2kq9',
    };
    const status = () => {
      const map = kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')!;
      const json = JSON.parse(map.data!['status.json']!) as {
        clusters: Array<{ pools: PoolStatus[] }>;
        history: Array<{ pool: string; action: string; from: number; to: number }>;
      };
      const pools = json.clusters[0]!.pools.map(({ name, count, desired, power, action }) => ({
        name,
        count,
        desired,
        power,
        action,
      }));
      return { pools, history: json.history, text: map.data!['status.txt']! };
    };

    const first = await startPod({ arm, env, config });
    expect(await first.done).toBe(0);
    expect(arm.state.getPool('night')).toMatchObject({ powerState: 'Stopped', count: 0 });
    expect(arm.state.getPool('day')).toMatchObject({ powerState: 'Running', count: 4 });
    expect(arm.state.getPool('web')).toMatchObject({ minCount: 2, maxCount: 10 });
    const written = status();
    expect(written.pools).toEqual([
      { name: 'night', count: 0, desired: 0, power: 'Stopped', action: 'stop' },
      { name: 'day', count: 4, desired: 4, power: 'Running', action: 'start' },
      { name: 'web', count: 3, desired: '2..10', power: 'Running', action: 'bounds' },
    ]);
    expect(written.history.map(({ pool, action, from, to }) => [pool, action, from, to])).toEqual([
      ['night', 'stop', 3, 0],
      ['day', 'start', 0, 4],
      ['web', 'bounds', 3, 3],
    ]);
    expect(written.text).toMatch(/^night +0 +stop +Stopped /m);
    expect(written.text).toMatch(/^web +3 +2\.\.10 +Running /m);
    const events = kubernetes.state.list('events', 'default');
    expect(events.map((e) => [e.reason, e.type, e.message?.split(':')[0]])).toEqual([
      ['PoolStopped', 'Normal', 'myManagedCluster/night stopped'],
      ['PoolStarted', 'Normal', 'myManagedCluster/day started'],
      ['ScaledUp', 'Normal', 'myManagedCluster/day 0 -> 4'],
      ['AutoscalerRangeSet', 'Normal', 'myManagedCluster/web autoscaler range 2..10'],
    ]);

    // The next run finds everything in place: nothing is written, and status.json still reads true.
    const puts = arm.requests.filter((r) => r.method === 'PUT').length;
    const second = await startPod({ arm, env, config });
    expect(await second.done).toBe(0);
    expect(arm.requests.filter((r) => r.method === 'PUT').length).toBe(puts);
    expect(status().pools).toEqual([
      { name: 'night', count: 0, desired: 0, power: 'Stopped', action: 'none' },
      { name: 'day', count: 4, desired: 4, power: 'Running', action: 'none' },
      { name: 'web', count: 3, desired: '2..10', power: 'Running', action: 'none' },
    ]);
    expect(status().history).toEqual(written.history);
    expect(kubernetes.state.list('events', 'default')).toHaveLength(4);
  });
});
