// What docs/operations.md shows of two loop replicas: both pods (in this process, SCALER_MODE=loop) run against the
// ARM emulator and the Kubernetes API emulator, one takes the Lease and reconciles, the other follows; then their
// /readyz and aks_scaler_leader, and what the real kubectl shows of the Lease. Every clock is fixed, so the output is
// the same at every run.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Clock } from '@aks-scaler/core';
import { runScalerPod } from '@aks-scaler/examples';
import { startEmulator, startKubernetesEmulator } from '@aks-scaler/testkit';

const run = promisify(execFile);
const START = Date.parse('2026-12-01T07:30:00Z');

/** A clock that stands still; `sleeping()` lists the waits (their lengths) running. */
function stillClock(): Clock & { sleeping(): number[] } {
  const waits = new Set<number>();
  return {
    now: () => START,
    sleep: (ms, abortSignal) =>
      new Promise<void>((_resolve, reject) => {
        waits.add(ms);
        abortSignal?.addEventListener(
          'abort',
          () => {
            waits.delete(ms);
            reject(abortSignal.reason);
          },
          { once: true },
        );
      }),
    sleeping: () => [...waits],
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await delay(10);
}

/** The leader's and the follower's `/readyz` and `aks_scaler_leader`, and `kubectl get lease` (table and YAML). */
export async function twoReplicas(): Promise<string> {
  const arm = await startEmulator({
    operationDurationInMs: 5,
    clusters: [
      {
        resourceGroup: 'myResourceGroup',
        name: 'myManagedCluster',
        pools: [{ name: 'manualpool2', count: 1 }],
      },
    ],
  });
  // kubectl looks 40 seconds after the pods started.
  const kubernetes = await startKubernetesEmulator({ clock: { now: () => START + 40_000 } });
  const cacheDir = await mkdtemp(join(tmpdir(), 'kubectl-cache-'));
  const stop = new AbortController();
  try {
    // The Lease as a replica that stopped earlier left it: cleared (its uid fixed, so this output never changes).
    kubernetes.state.put({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: 'aks-scaler-leader',
        namespace: 'default',
        uid: '0c9e4a7b-3f21-4d8e-b6a5-2e7f1c8d9a04',
        creationTimestamp: '2026-11-28T09:12:00Z',
      },
      spec: {
        holderIdentity: '',
        leaseDurationSeconds: 1,
        acquireTime: '2026-12-01T07:29:48.612000Z',
        renewTime: '2026-12-01T07:29:48.612000Z',
        leaseTransitions: 6,
      },
    });
    const pod = async (name: string) => {
      const clock = stillClock();
      let port = 0;
      const done = runScalerPod({
        env: {
          ...(await arm.workloadIdentityEnv()),
          NODE_POOLS_AMOUNT: '{ "manualpool2": 3 }',
          SCALER_MODE: 'loop',
          SCALER_HTTP_PORT: '0',
          SCALER_HTTP_HOST: '127.0.0.1',
          SCALER_POLL_INTERVAL: '20ms',
          KUBECONFIG: await kubernetes.writeKubeconfig(),
          POD_NAME: name,
          LOG_LEVEL: 'silent',
        },
        stdout: { write: () => true } as unknown as NodeJS.WritableStream,
        ca: arm.caCert,
        clock,
        signal: stop.signal,
        onListening: (p) => {
          port = p;
        },
      });
      return { clock, done, base: () => `http://127.0.0.1:${port}` };
    };
    const leader = await pod('aks-scaler-7d9f8-x2kq9');
    await until(() => leader.clock.sleeping().includes(60_000) && !leader.clock.sleeping().includes(5_000));
    const follower = await pod('aks-scaler-7d9f8-m4r7t');
    await until(() => follower.clock.sleeping().some((ms) => ms >= 2_000 && ms <= 4_400));

    const blocks: string[] = [];
    for (const [who, replica] of [
      ['follower', follower],
      ['leader', leader],
    ] as const) {
      const readyz = await fetch(`${replica.base()}/readyz`);
      const metrics = await (await fetch(`${replica.base()}/metrics`)).text();
      const gauge = metrics.split('\n').find((line) => line.startsWith('aks_scaler_leader '));
      blocks.push(
        [
          '```console',
          `$ curl -s -w ' (%{http_code})\\n' http://<${who}>:8080/readyz`,
          `${(await readyz.text()).trimEnd()} (${readyz.status})`,
          `$ curl -s http://<${who}>:8080/metrics | grep '^aks_scaler_leader '`,
          gauge,
          '```',
        ].join('\n'),
      );
    }
    const kubeconfig = await kubernetes.writeKubeconfig();
    for (const args of [
      ['get', 'lease', 'aks-scaler-leader'],
      ['get', 'lease', 'aks-scaler-leader', '-o', 'yaml'],
    ]) {
      const { stdout } = await run(
        'kubectl',
        ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args],
        {
          encoding: 'utf8',
        },
      );
      blocks.push(['```console', `$ kubectl ${args.join(' ')}`, stdout.trimEnd(), '```'].join('\n'));
    }
    stop.abort();
    await Promise.all([leader.done, follower.done]);
    return blocks.join('\n\n');
  } finally {
    stop.abort();
    await arm.close();
    await kubernetes.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
}
