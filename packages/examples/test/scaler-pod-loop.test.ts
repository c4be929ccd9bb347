import type { Emulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { bundledFixture } from './helpers/bundled-fixture.js';
import { startNode } from './helpers/processes.js';
import { SEED_NODE_POOLS_AMOUNT, waitUntil } from './helpers/wait.js';

let emulator: Emulator | undefined;
const bundled = bundledFixture();

describe('scaler-pod.js (loop mode)', () => {
  it('serves health, readiness and metrics read-only, and on SIGTERM starts nothing new but finishes what runs', async () => {
    emulator = await bundled.startEmulator({ operationDurationInMs: 50 });
    const em = emulator;
    // The first operation runs until the test ends it, so SIGTERM surely arrives while it is in flight.
    em.faults.inject({ kind: 'operation-never-ends', method: 'PUT' });
    const pod = startNode(bundled.pod, [], {
      ...(await em.workloadIdentityEnv()),
      NODE_POOLS_AMOUNT: SEED_NODE_POOLS_AMOUNT,
      SCALER_MODE: 'loop',
      SCALER_INTERVAL: '1h',
      SCALER_CONCURRENCY: '1',
      SCALER_POLL_INTERVAL: '20ms',
      SCALER_HTTP_PORT: '0',
      SCALER_HTTP_HOST: '127.0.0.1',
    });
    const listening = await pod.waitForJson((l) => l.msg === 'http server listening');
    const base = `http://127.0.0.1:${String(listening.port)}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await waitUntil(async () => (await fetch(`${base}/readyz`)).status === 200, '/readyz to turn 200');
    await waitUntil(() => em.state.inFlight() === 1, 'the first operation to run');

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      /aks_scaler_pool_desired_nodes\{subscription="[-0-9a-f]+",resource_group="myResourceGroup",cluster="myManagedCluster",pool="manualpool2"\} 5/,
    );
    expect(metrics).toContain('aks_scaler_operations_in_flight 1');
    expect(metrics).toMatch(/aks_scaler_arm_requests_total\{method="PUT",status="200"\} 1/);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/apply`)).status).toBe(404);

    pod.child.kill('SIGTERM');
    await pod.waitForJson((l) => typeof l.msg === 'string' && l.msg.startsWith('stopping'));
    expect(pod.child.exitCode).toBeNull(); // still waiting for the operation in flight
    em.state.finishOperation(em.state.operations[0]!.id);
    expect(await pod.exit()).toBe(0);
    // The operation that ran finished (and the pod saw it finish); the pool that had not started was left alone.
    expect(em.state.operations).toHaveLength(1);
    expect(em.state.operations[0]).toMatchObject({ status: 'Succeeded' });
    expect(em.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    const started = em.state.operations[0]!.pool;
    expect(pod.json.find((l) => l.event === 'succeeded')?.pool).toBe(started);
    expect(pod.json.find((l) => l.msg === 'reconcile finished')).toMatchObject({ ok: false });
    expect(pod.json.at(-1)?.msg).toBe('scaler stopped');
  });
});
