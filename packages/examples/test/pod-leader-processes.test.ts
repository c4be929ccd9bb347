import { join } from 'node:path';
import {
  type Emulator,
  type KubernetesEmulator,
  type KubernetesRequestLogEntry,
  startKubernetesEmulator,
} from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { bundledFixture } from './helpers/bundled-fixture.js';
import { demoCluster } from './helpers/demo-cluster.js';
import { deployDir, only, render } from './helpers/kustomize.js';
import { leadershipViolations, leaseHolds, writersPerOperation } from './helpers/leadership-timeline.js';
import { type RunningProcess, startNode } from './helpers/processes.js';
import { waitUntil } from './helpers/wait.js';

// Real replicas: the bundled pod (`node scaler-pod.js`) as child processes in loop mode against the ARM emulator and
// the Kubernetes API emulator, with the loop variant's Role. Each replica has its own ARM identity (client id), so
// the emulator's log names the writer of every PUT, and its own Kubernetes token, so it names who read or wrote the
// Lease. The election runs on short timings (SCALER_LEADER_ELECTION_TIMINGS, a variable for tests only): lease 3 s,
// renew deadline 1.5 s, retry 250 ms. Nothing here waits on time: it waits for log lines and the emulators' state.
const TIMINGS = { lease: 3_000, retry: 250 };
const CLIENTS: Record<string, string> = {
  a: 'aaaaaaaa-0000-4000-8000-00000000000a',
  b: 'bbbbbbbb-0000-4000-8000-00000000000b',
  c: 'cccccccc-0000-4000-8000-00000000000c',
};
const replicaOf = (principal: string | undefined) =>
  Object.entries(CLIENTS).find(([, id]) => id === principal)?.[0];

let arm: Emulator | undefined;
let kubernetes: KubernetesEmulator | undefined;
const bundled = bundledFixture();

async function replica(name: string): Promise<RunningProcess> {
  const role = only(render(join(deployDir, 'loop')), 'Role', 'aks-scaler');
  const token = kubernetes!.mintToken({ identity: `pod/${name}`, roles: [role as never] });
  const files = await kubernetes!.writeInClusterFiles({ token });
  return startNode(bundled.pod, [], {
    ...(await arm!.workloadIdentityEnv()),
    AZURE_CLIENT_ID: CLIENTS[name],
    ...files.env,
    SCALER_SERVICE_ACCOUNT_DIR: files.serviceAccountDir,
    POD_NAME: name,
    NODE_POOLS_AMOUNT: '{ "manualpool2": 4, "manualpool3": 4 }',
    SCALER_MODE: 'loop',
    SCALER_INTERVAL: '1s',
    SCALER_POLL_INTERVAL: '20ms',
    SCALER_SHUTDOWN_TIMEOUT: '10s',
    SCALER_HTTP_PORT: '0',
    SCALER_HTTP_HOST: '127.0.0.1',
    SCALER_LEADER_ELECTION_TIMINGS: `${TIMINGS.lease}ms,1500ms,${TIMINGS.retry}ms`,
  });
}

const leadershipLine = (pod: RunningProcess, change: string) =>
  pod.waitForJson((line) => line.event === 'leadership' && line.change === change, 30_000);
const startedOn = (pod: RunningProcess, pool: string, after: number) =>
  pod.waitForJson(
    (line) => line.event === 'started' && line.pool === pool && pod.json.indexOf(line) >= after,
    30_000,
  );

/** Someone scales the pool down behind the scaler's back (once no operation runs on it); the leader scales it back. */
async function scaleDownBehindItsBack(pool: string) {
  await waitUntil(
    () => arm!.state.getPool(pool)?.provisioningState === 'Succeeded',
    `${pool} to be idle`,
    30_000,
  );
  arm!.state.setPool(pool, { count: 1 });
}
const converged = () =>
  waitUntil(
    () =>
      ['manualpool2', 'manualpool3'].every((pool) => {
        const state = arm!.state.getPool(pool);
        return state?.count === 4 && state.provisioningState === 'Succeeded';
      }),
    'both pools at 4',
    30_000,
  );

/** The Lease calls of one replica (by its token), as `verb status`, with the holder a write left. */
const leaseCalls = (name: string, after = 0): KubernetesRequestLogEntry[] =>
  kubernetes!.requests.filter((r) => r.resource === 'leases' && r.identity === `pod/${name}` && r.at > after);

describe('two replicas of the bundled pod', () => {
  it('never write one pool operation from two replicas, and fail over after SIGTERM and after SIGKILL', async () => {
    arm = await bundled.startEmulator({
      operationDurationInMs: 300,
      identities: Object.values(CLIENTS).map((clientId) => ({ clientId })),
      clusters: [
        demoCluster([
          { name: 'manualpool2', count: 1 },
          { name: 'manualpool3', count: 1 },
        ]),
      ],
    });
    kubernetes = bundled.closeAfterTest(await startKubernetesEmulator());

    const a = await replica('a');
    await leadershipLine(a, 'acquired');
    const b = await replica('b');
    expect(await leadershipLine(b, 'observed')).toMatchObject({ leading: false, holder: 'a' });
    await converged();

    // SIGTERM to the leader while it scales: it clears the Lease, and b takes over at its next retry.
    let mark = a.json.length;
    await scaleDownBehindItsBack('manualpool2');
    await startedOn(a, 'manualpool2', mark);
    a.child.kill('SIGTERM');
    expect(await leadershipLine(a, 'released')).toMatchObject({ leading: false, holder: '' });
    expect(await leadershipLine(b, 'acquired')).toMatchObject({
      leading: true,
      reason: 'took the Lease aks-scaler-leader, which nobody held',
    });
    expect(await a.exit()).toBe(0);
    await converged();
    mark = b.json.length;
    await scaleDownBehindItsBack('manualpool3');
    await startedOn(b, 'manualpool3', mark);
    await converged();

    // SIGKILL to the leader while it scales: c takes over once b's record stood still for the lease duration.
    const c = await replica('c');
    expect(await leadershipLine(c, 'observed')).toMatchObject({ holder: 'b' });
    mark = b.json.length;
    await scaleDownBehindItsBack('manualpool2');
    await startedOn(b, 'manualpool2', mark);
    b.child.kill('SIGKILL');
    expect(await leadershipLine(c, 'acquired')).toMatchObject({
      reason: `took the Lease aks-scaler-leader from b, who had not renewed it for ${TIMINGS.lease / 1000}s`,
    });
    await converged();
    mark = c.json.length;
    await scaleDownBehindItsBack('manualpool3');
    await startedOn(c, 'manualpool3', mark);
    await converged();
    c.child.kill('SIGTERM');
    expect(await c.exit()).toBe(0);

    // Every pool operation had one writer, and every write ARM accepted came from the Lease's holder of the moment.
    const holds = leaseHolds(kubernetes.requests);
    const { operations } = arm.state;
    expect(leadershipViolations({ operations, requests: arm.requests, holds, replicaOf })).toEqual([]);
    const writers = writersPerOperation(operations, arm.requests, replicaOf).map((entry) => entry.writers);
    expect(writers.length).toBeGreaterThanOrEqual(6);
    expect(writers.every((list) => list.length === 1)).toBe(true);
    // Each of the three led in turn and wrote: a, then b, then c.
    const accepted = arm.requests
      .filter((r) => r.method === 'PUT' && r.status < 300)
      .map((r) => replicaOf(r.principal));
    expect([...new Set(accepted)]).toEqual(['a', 'b', 'c']);
    expect(holds.map((hold) => hold.holder).filter((holder, i, all) => holder !== all[i - 1])).toEqual([
      'a',
      '', // a's release on SIGTERM
      'b',
      'c',
      '', // c's release on SIGTERM
    ]);

    // After a's release, b's very next try took the Lease: one read that saw it free, and the write.
    const release = holds.find((hold) => hold.holder === '')!;
    expect(
      leaseCalls('b', release.at)
        .slice(0, 2)
        .map((r) => `${r.verb} ${r.status} ${r.holderIdentity ?? ''}`),
    ).toEqual(['get 200 ', 'update 200 b']);
    // After b's last renewal, c read the unchanged record at each retry and took it at the first one after the
    // lease duration: at most one try per retry period of the lease, and one more.
    const lastOfB = holds.filter((hold) => hold.holder === 'b').at(-1)!;
    const cTries = leaseCalls('c', lastOfB.at);
    const takeover = cTries.findIndex((r) => r.holderIdentity === 'c');
    expect(cTries.slice(0, takeover).every((r) => r.verb === 'get' && r.status === 200)).toBe(true);
    expect(takeover).toBeLessThanOrEqual(TIMINGS.lease / TIMINGS.retry + 1);
    for (const pod of [a, b, c]) expect(pod.stderr()).toBe('');
  }, 180_000);
});
