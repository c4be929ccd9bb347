import { createHash } from 'node:crypto';
import { readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { bundledFixture } from './helpers/bundled-fixture.js';
import { type ConfigMapVolume, configMapVolume } from './helpers/configmap-volume.js';
import { type RunningProcess, startNode } from './helpers/processes.js';
import { waitUntil } from './helpers/wait.js';

// The bundled pod in loop mode with SCALER_CONFIG mounted the way the kubelet mounts a ConfigMap, updated the way
// the kubelet updates it (a new timestamped folder, then a new `..data` symlink renamed over the old one).
let emulator: Emulator | undefined;
let volume: ConfigMapVolume | undefined;
const bundled = bundledFixture({
  afterEachTest: async () => {
    await volume?.remove();
    volume = undefined;
  },
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function config(em: Emulator, counts: string): string {
  return [
    'clusters:',
    `  - { subscription: ${em.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
    `policy: { static: ${counts} }`,
    '',
  ].join('\n');
}

async function startPod(em: Emulator, text: string, interval: string): Promise<RunningProcess> {
  volume = await configMapVolume({ 'scaler.yaml': text });
  const identity = await em.workloadIdentityEnv();
  const pod = startNode(bundled.pod, [], {
    ...identity,
    SUBSCRIPTION: '',
    RESOURCE_GROUP: '',
    CLUSTER_NAME: '',
    SCALER_CONFIG: volume.file('scaler.yaml'),
    SCALER_MODE: 'loop',
    SCALER_INTERVAL: interval,
    SCALER_POLL_INTERVAL: '10ms',
    SCALER_HTTP_PORT: '0',
    SCALER_HTTP_HOST: '127.0.0.1',
  });
  return pod;
}

/** The first log line after `line` that matches. */
function after(
  pod: RunningProcess,
  line: Record<string, unknown>,
  match: (l: Record<string, unknown>) => boolean,
) {
  return pod.waitForJson((l) => pod.json.indexOf(l) > pod.json.indexOf(line) && match(l));
}

const summaryOf = (l: Record<string, unknown>) =>
  l.event === 'finished' ? (l.pools as Array<{ pool: string; to: number; outcome: string }>) : undefined;

describe('scaler-pod.js reloads SCALER_CONFIG (loop mode)', () => {
  it('applies a valid change at the next tick, rejects an invalid one and keeps the old config running', async () => {
    emulator = await bundled.startEmulator({ operationDurationInMs: 5 });
    const em = emulator;
    const first = config(em, '{ manualpool2: 2 }');
    const pod = await startPod(em, first, '1s');
    const starting = await pod.waitForJson((l) => l.msg === 'scaler starting');
    expect(starting.config).toEqual({ path: volume!.file('scaler.yaml'), hash: sha256(first) });
    const listening = await pod.waitForJson((l) => l.msg === 'http server listening');
    await pod.waitForJson((l) => summaryOf(l)?.[0]?.to === 2);
    expect(em.state.getPool('manualpool2')?.count).toBe(2);

    const second = config(em, '{ manualpool2: 4 }');
    await volume!.update({ 'scaler.yaml': second });
    expect(await readlink(join(volume!.dir, '..data'))).toBe('..2026_12_01_07_01_00.1235');
    const reloaded = await pod.waitForJson((l) => l.event === 'config-reloaded');
    expect(reloaded).toMatchObject({
      level: 'info',
      hash: sha256(second),
      previousHash: sha256(first),
      reason: 'tick',
      clusters: [{ cluster: 'myManagedCluster', policy: 'static', state: 'none' }],
    });
    const converged = await after(pod, reloaded, (l) => summaryOf(l)?.[0]?.to === 4);
    expect(converged).toMatchObject({
      ok: true,
      pools: [{ pool: 'manualpool2', from: 2, outcome: 'succeeded' }],
    });
    expect(em.state.getPool('manualpool2')?.count).toBe(4);

    // A typo: the pod says what is wrong, at error level, and goes on with the config it runs.
    await volume!.update({ 'scaler.yaml': second.replace('static:', 'statik:') });
    const rejected = await pod.waitForJson((l) => l.event === 'config-rejected');
    expect(rejected).toMatchObject({
      level: 'error',
      runningHash: sha256(second),
      problems: expect.arrayContaining([
        { path: 'policy', message: expect.stringMatching(/unknown key 'statik'/) },
      ]),
    });
    const kept = await after(pod, rejected, (l) => l.event === 'finished');
    expect(kept).toMatchObject({
      ok: true,
      pools: [{ pool: 'manualpool2', from: 4, to: 4, action: 'none' }],
    });
    // Reported once: the next ticks see the same rejected content.
    await after(pod, kept, (l) => l.event === 'finished');
    expect(pod.json.filter((l) => l.event === 'config-rejected')).toHaveLength(1);

    const metrics = await (await fetch(`http://127.0.0.1:${String(listening.port)}/metrics`)).text();
    expect(metrics).toContain('aks_scaler_config_reloads_total{result="applied"} 1');
    expect(metrics).toContain('aks_scaler_config_reloads_total{result="rejected"} 1');
    pod.child.kill('SIGTERM');
    expect(await pod.exit()).toBe(0);
  });

  it('checks at once on SIGHUP (an hour before the next tick), and a swap to the same content changes nothing', async () => {
    emulator = await bundled.startEmulator({ operationDurationInMs: 5 });
    const em = emulator;
    const first = config(em, '{ manualpool2: 2 }');
    const pod = await startPod(em, first, '1h');
    const started = await pod.waitForJson((l) => summaryOf(l)?.[0]?.to === 2);

    // The same bytes in a new generation: the hash is the same, so nothing is reloaded.
    await volume!.update({ 'scaler.yaml': first });
    pod.child.kill('SIGHUP');
    const unchanged = await after(pod, started, (l) => l.event === 'config-unchanged');
    expect(unchanged).toMatchObject({ level: 'info', reason: 'signal', running: true, hash: sha256(first) });

    const second = config(em, '{ manualpool2: 3, manualpool3: 3 }');
    await volume!.update({ 'scaler.yaml': second });
    pod.child.kill('SIGHUP');
    const reloaded = await pod.waitForJson((l) => l.event === 'config-reloaded');
    expect(reloaded).toMatchObject({ reason: 'signal', hash: sha256(second) });
    const converged = await after(pod, reloaded, (l) => l.event === 'finished');
    expect(converged).toMatchObject({
      ok: true,
      pools: [
        { pool: 'manualpool2', to: 3, outcome: 'succeeded' },
        { pool: 'manualpool3', to: 3, outcome: 'succeeded' },
      ],
    });
    await waitUntil(() => em.state.getPool('manualpool3')?.count === 3, 'manualpool3 to have 3 nodes');
    // Two reconciles in all: the one at start, and the one SIGHUP's new config started.
    expect(pod.json.filter((l) => l.event === 'finished')).toHaveLength(2);
    expect(pod.json.filter((l) => l.event === 'config-reloaded')).toHaveLength(1);
    pod.child.kill('SIGTERM');
    expect(await pod.exit()).toBe(0);
    expect(pod.stderr()).toBe('');
  });

  it('in once mode watches nothing: SIGHUP during an operation is ignored and never ends the process', async () => {
    emulator = await bundled.startEmulator({ operationDurationInMs: 5 });
    const em = emulator;
    em.faults.inject({ kind: 'operation-never-ends', method: 'PUT' });
    volume = await configMapVolume({ 'scaler.yaml': config(em, '{ manualpool2: 2 }') });
    const pod = startNode(bundled.pod, [], {
      ...(await em.workloadIdentityEnv()),
      SUBSCRIPTION: '',
      RESOURCE_GROUP: '',
      CLUSTER_NAME: '',
      SCALER_CONFIG: volume.file('scaler.yaml'),
      SCALER_POLL_INTERVAL: '10ms',
    });
    await waitUntil(() => em.state.inFlight() === 1, 'the operation to run');
    await volume.update({ 'scaler.yaml': config(em, '{ manualpool2: 7 }') });
    pod.child.kill('SIGHUP');
    await pod.waitForJson((l) => l.msg === 'SIGHUP ignored: once mode reads its configuration at start only');
    em.state.finishOperation(em.state.operations[0]!.id);
    expect(await pod.exit()).toBe(0);
    expect(em.state.getPool('manualpool2')?.count).toBe(2);
    expect(pod.json.some((l) => typeof l.event === 'string' && l.event.startsWith('config-'))).toBe(false);
  });
});
