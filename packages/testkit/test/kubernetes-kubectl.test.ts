// The real kubectl (a child process with --kubeconfig) reads the scaler's objects from the emulator: the status
// ConfigMap as YAML, its events in `describe`, the event and lease tables. Table ages come from the emulator's
// virtual clock, so those outputs are exact; `describe` computes ages on kubectl's side: matched loosely.
// KUBECTL=/path/to/kubectl runs the same checks with another kubectl build (e.g. Debian's kubernetes-client).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { startKubernetesEmulator } from '../src/index.js';
import { NS, STATUS } from './kubernetes-clients.js';

const run = promisify(execFile);
const NOW = Date.parse('2026-12-01T07:30:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
const STATUS_TXT =
  'POOL         NODES  DESIRED  POWER    LAST CHANGE\nmanualpool2  5      5        Running  07:29 1 -> 5\n';

const emulator = await startKubernetesEmulator({ clock: { now: () => NOW } });
const cacheDir = await mkdtemp(join(tmpdir(), 'kubectl-cache-'));
afterAll(async () => {
  await emulator.close();
  await rm(cacheDir, { recursive: true, force: true });
});

const map = emulator.state.put({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: STATUS, namespace: NS, creationTimestamp: ago(300), labels: { app: 'aks-scaler' } },
  data: { 'status.txt': STATUS_TXT, 'status.json': '{"version":1}' },
});
const involvedObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name: STATUS,
  namespace: NS,
  uid: map.metadata.uid,
};
const event = (name: string, fields: Record<string, unknown>) =>
  emulator.state.put({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: NS, creationTimestamp: ago(240) },
    involvedObject,
    source: { component: 'aks-scaler' },
    ...fields,
  });
event('aks-scaler-status.1', {
  reason: 'ScaledUp',
  type: 'Normal',
  message: 'manualpool2 1 -> 5 (Mon-Fri 07:30-20:30)',
  count: 3,
  firstTimestamp: ago(240),
  lastTimestamp: ago(42),
});
event('aks-scaler-status.2', {
  reason: 'ScaleFailed',
  type: 'Warning',
  message: 'manualpool3: QuotaExceeded',
  count: 1,
  firstTimestamp: ago(90),
  lastTimestamp: ago(90),
});
event('other.1', {
  involvedObject: { ...involvedObject, name: 'other', uid: 'another-uid' },
  reason: 'Unrelated',
  type: 'Normal',
  message: 'not about the status map',
  firstTimestamp: ago(10),
  lastTimestamp: ago(10),
});
emulator.state.put({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'aks-scaler-leader', namespace: NS, creationTimestamp: ago(3600 * 26) },
  spec: {
    holderIdentity: 'aks-scaler-7d9f8-abcde',
    leaseDurationSeconds: 15,
    renewTime: '2026-12-01T07:29:58.000000Z',
  },
});

async function kubectl(args: string[], token?: string): Promise<string> {
  const kubeconfig = await emulator.writeKubeconfig(token ? { token } : {});
  const { stdout } = await run(
    process.env.KUBECTL ?? 'kubectl',
    ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args],
    {
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  return stdout;
}

describe('kubectl against the emulator', () => {
  test('kubectl get configmap aks-scaler-status -o yaml', async () => {
    expect(await kubectl(['get', 'configmap', STATUS, '-o', 'yaml'])).toBe(
      [
        'apiVersion: v1',
        'data:',
        `  status.json: '{"version":1}'`,
        '  status.txt: |',
        '    POOL         NODES  DESIRED  POWER    LAST CHANGE',
        '    manualpool2  5      5        Running  07:29 1 -> 5',
        'kind: ConfigMap',
        'metadata:',
        '  creationTimestamp: "2026-12-01T07:25:00Z"',
        '  labels:',
        '    app: aks-scaler',
        `  name: ${STATUS}`,
        `  namespace: ${NS}`,
        `  resourceVersion: "${map.metadata.resourceVersion}"`,
        `  uid: ${map.metadata.uid}`,
        '',
      ].join('\n'),
    );
  });

  test('kubectl describe configmap aks-scaler-status shows the data and its own events (found by involvedObject)', async () => {
    const output = await kubectl(['describe', 'configmap', STATUS]);
    expect(output).toMatch(/^Name:\s+aks-scaler-status\nNamespace:\s+default\nLabels:\s+app=aks-scaler\n/);
    expect(output).toContain(`status.txt:\n----\n${STATUS_TXT}`);
    const events = output.slice(output.indexOf('Events:'));
    expect(events).toMatch(/Type\s+Reason\s+Age\s+From\s+Message/);
    expect(events).toMatch(
      /Normal\s+ScaledUp\s+\S+ \(x3 over \S+\)\s+aks-scaler\s+manualpool2 1 -> 5 \(Mon-Fri 07:30-20:30\)/,
    );
    expect(events).toMatch(/Warning\s+ScaleFailed\s+\S+\s+aks-scaler\s+manualpool3: QuotaExceeded/);
    expect(events).not.toContain('Unrelated');
    const search = emulator.requests.find((entry) => entry.resource === 'events' && entry.fieldSelector);
    expect(search?.fieldSelector?.split(',').sort()).toEqual([
      'involvedObject.kind=ConfigMap',
      `involvedObject.name=${STATUS}`,
      `involvedObject.namespace=${NS}`,
      `involvedObject.uid=${map.metadata.uid}`,
    ]);
  });

  test('kubectl get events', async () => {
    expect(await kubectl(['get', 'events'])).toBe(
      [
        'LAST SEEN   TYPE      REASON        OBJECT                        MESSAGE',
        '42s         Normal    ScaledUp      configmap/aks-scaler-status   manualpool2 1 -> 5 (Mon-Fri 07:30-20:30)',
        '90s         Warning   ScaleFailed   configmap/aks-scaler-status   manualpool3: QuotaExceeded',
        '10s         Normal    Unrelated     configmap/other               not about the status map',
        '',
      ].join('\n'),
    );
  });

  test('kubectl get lease', async () => {
    expect(await kubectl(['get', 'lease'])).toBe(
      [
        'NAME                HOLDER                   AGE',
        'aks-scaler-leader   aks-scaler-7d9f8-abcde   26h',
        '',
      ].join('\n'),
    );
  });

  test("kubectl shows the emulator's 403 for a token the Role does not cover", async () => {
    const token = emulator.mintToken({
      identity: 'system:serviceaccount:default:aks-scaler',
      rules: {
        [NS]: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: [STATUS], verbs: ['get'] }],
      },
    });
    expect(await kubectl(['get', 'configmap', STATUS, '-o', 'jsonpath={.metadata.name}'], token)).toBe(
      STATUS,
    );
    const refused = await kubectl(['get', 'configmaps'], token).catch(
      (error: { stderr: string }) => error.stderr,
    );
    expect(refused).toContain(
      'Error from server (Forbidden): configmaps is forbidden: User "system:serviceaccount:default:aks-scaler" cannot list resource "configmaps" in API group "" in the namespace "default"',
    );
  });
});
