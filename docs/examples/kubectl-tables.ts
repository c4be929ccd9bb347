// What the real kubectl prints against the Kubernetes emulator. The tables' ages come from the emulator's clock,
// so this output is the same at every run.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startKubernetesEmulator } from '@aks-scaler/testkit';

const run = promisify(execFile);

/** `kubectl get events` and `kubectl get lease` against a seeded emulator, as console blocks. */
export async function kubectlTables(): Promise<string> {
  const now = Date.parse('2026-12-01T07:30:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString().replace('.000Z', 'Z');
  const kubernetes = await startKubernetesEmulator({ clock: { now: () => now } });
  const cacheDir = await mkdtemp(join(tmpdir(), 'kubectl-cache-'));
  try {
    const map = kubernetes.state.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'aks-scaler-status', namespace: 'default', creationTimestamp: ago(600) },
    });
    const involvedObject = {
      kind: 'ConfigMap',
      name: 'aks-scaler-status',
      namespace: 'default',
      uid: map.metadata.uid,
    };
    for (const [name, reason, type, message, count, first, last] of [
      ['aks-scaler-status.1', 'ScaledUp', 'Normal', 'manualpool2 1 -> 5', 3, 480, 42],
      ['aks-scaler-status.2', 'ScaleFailed', 'Warning', 'manualpool3 2 -> 4: QuotaExceeded', 1, 90, 90],
    ] as const) {
      kubernetes.state.put({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: 'default' },
        involvedObject,
        reason,
        type,
        message,
        count,
        firstTimestamp: ago(first),
        lastTimestamp: ago(last),
        source: { component: 'aks-scaler' },
      });
    }
    kubernetes.state.put({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'aks-scaler-leader', namespace: 'default', creationTimestamp: ago(7200) },
      spec: { holderIdentity: 'aks-scaler-7d9f8-abcde', leaseDurationSeconds: 15 },
    });
    const kubeconfig = await kubernetes.writeKubeconfig();
    const blocks: string[] = [];
    for (const args of [
      ['get', 'events'],
      ['get', 'lease'],
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
    return blocks.join('\n\n');
  } finally {
    await kubernetes.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
}
