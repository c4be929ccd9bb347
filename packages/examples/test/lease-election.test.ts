import { type KubernetesEmulator, startKubernetesEmulator } from '@aks-scaler/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createKubernetesFailures } from '../src/pod/kubernetes/kubernetes-failures.js';
import { createKubernetesSession } from '../src/pod/kubernetes/kubernetes-session.js';
import { createLeaseElector, type LeaseElector } from '../src/pod/kubernetes/lease-elector.js';
import { DEFAULT_LEASE_TIMINGS, LEADER_LEASE_NAME, type LeaderTerm } from '../src/pod/leadership.js';
import type { PodEvent } from '../src/pod/pod-events.js';
import { createPodLogger } from '../src/shared/logger.js';
import { START } from './helpers/kubernetes-pod.js';
import { type VirtualClock, virtualClock } from './helpers/virtual-clock.js';
import { waitUntil } from './helpers/wait.js';

// The Lease election against the Kubernetes API emulator with the real @kubernetes/client-node, each replica on its
// own virtual clock: a replica whose clock does not move is a crashed (or paused) process.
let kubernetes: KubernetesEmulator | undefined;
afterEach(async () => {
  await kubernetes?.close();
  kubernetes = undefined;
});

const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

interface Replica {
  elector: LeaseElector;
  clock: VirtualClock;
  changes: Array<{ change: string; leading: boolean; holder: string | undefined; reason: string }>;
  failures: PodEvent[];
}

async function replica(identity: string): Promise<Replica> {
  kubernetes ??= await startKubernetesEmulator({ clock: { now: () => Date.parse(START) } });
  const clock = virtualClock(Date.parse(START));
  const failures: PodEvent[] = [];
  const session = createKubernetesSession({
    access: { kind: 'kubeconfig', files: [await kubernetes.writeKubeconfig()] },
    clock,
    failures: createKubernetesFailures({
      logger: createPodLogger({ level: 'silent', stdout: process.stdout }),
      emit: (event) => failures.push(event),
    }),
  });
  const changes: Replica['changes'] = [];
  const elector = createLeaseElector({
    session,
    name: LEADER_LEASE_NAME,
    identity,
    timings: DEFAULT_LEASE_TIMINGS,
    clock,
    random: () => 0,
    onChange: (change) => changes.push(change),
  });
  return { elector, clock, changes, failures };
}

const lease = () => kubernetes!.state.get('leases', 'default', LEADER_LEASE_NAME)!;
const leaseCalls = () =>
  kubernetes!.requests.filter((r) => r.resource === 'leases').map((r) => `${r.verb} ${r.status}`);

/** Moves the replica's clock on by `ms` once it waits that long, and until `done` holds. */
async function advanceUntil(r: Replica, ms: number, done: () => boolean, what: string): Promise<void> {
  await waitUntil(async () => {
    if (done()) return true;
    if (r.clock.pending().includes(ms)) r.clock.advance(ms);
    return false;
  }, what);
}

describe('the Lease election', () => {
  it("creates the Lease when there is none, with client-go's record and six-digit MicroTimes", async () => {
    const a = await replica('aks-scaler-7d9f-a');
    const term = await a.elector.campaign({ abortSignal: new AbortController().signal });
    expect(term?.lost.aborted).toBe(false);
    expect(lease().spec).toEqual({
      holderIdentity: 'aks-scaler-7d9f-a',
      leaseDurationSeconds: 15,
      acquireTime: '2026-12-01T07:30:00.000000Z',
      renewTime: '2026-12-01T07:30:00.000000Z',
      leaseTransitions: 0,
    });
    expect(leaseCalls()).toEqual(['get 404', 'create 201']);
    expect(a.changes).toEqual([
      {
        change: 'acquired',
        leading: true,
        holder: 'aks-scaler-7d9f-a',
        reason: 'created the Lease aks-scaler-leader',
      },
    ]);
    expect(a.elector.state()).toEqual({
      leading: true,
      identity: 'aks-scaler-7d9f-a',
      lease: 'aks-scaler-leader',
      holder: 'aks-scaler-7d9f-a',
    });
  });

  it('renews every retry period with the resourceVersion it wrote, keeping acquireTime', async () => {
    const a = await replica('a');
    await a.elector.campaign({ abortSignal: new AbortController().signal });
    const created = lease();
    await advanceUntil(a, 2_000, () => leaseCalls().length === 3, 'the first renewal');
    await waitUntil(() => lease().metadata.resourceVersion !== created.metadata.resourceVersion, 'the write');
    expect(leaseCalls()).toEqual(['get 404', 'create 201', 'update 200']);
    expect(lease().spec).toMatchObject({
      holderIdentity: 'a',
      acquireTime: '2026-12-01T07:30:00.000000Z',
      renewTime: '2026-12-01T07:30:02.000000Z',
      leaseTransitions: 0,
    });
  });

  it('follows while the Lease is held, and takes it once its record did not change for the lease duration', async () => {
    const a = await replica('a');
    const b = await replica('b');
    await a.elector.campaign({ abortSignal: new AbortController().signal });
    let term: LeaderTerm | undefined;
    const campaign = b.elector.campaign({ abortSignal: new AbortController().signal }).then((t) => {
      term = t;
    });
    await waitUntil(() => b.changes.length === 1, 'b to see the holder');
    expect(b.changes[0]).toMatchObject({
      change: 'observed',
      leading: false,
      holder: 'a',
      reason: 'a leads; this replica follows',
    });
    expect(b.elector.state()).toMatchObject({ leading: false, holder: 'a' });
    // a's clock stands still: it has crashed. b retries every 2 s and takes the Lease 15 s after it saw a's record.
    for (let seconds = 2; seconds < 15; seconds += 2) {
      await advanceUntil(
        b,
        2_000,
        () => b.clock.now() >= Date.parse(START) + seconds * 1000,
        `b at ${seconds}s`,
      );
      expect(term).toBeUndefined();
    }
    await advanceUntil(b, 2_000, () => term !== undefined, 'b to take the Lease');
    await campaign;
    expect(lease().spec).toMatchObject({
      holderIdentity: 'b',
      leaseTransitions: 1,
      acquireTime: '2026-12-01T07:30:16.000000Z',
    });
    expect(b.changes.at(-1)).toEqual({
      change: 'acquired',
      leading: true,
      holder: 'b',
      reason: 'took the Lease aks-scaler-leader from a, who had not renewed it for 15s',
    });
    expect(lease().spec!.renewTime).toMatch(MICRO_TIME);

    // a resumes 20 s later: before it writes, its guard renews, finds b holding the Lease and refuses.
    a.clock.advance(20_000);
    await expect(a.elector.writeGuard.admit({ method: 'PUT', url: 'x' })).rejects.toMatchObject({
      code: 'ABORTED',
    });
    expect(a.changes.at(-1)).toMatchObject({
      change: 'lost',
      leading: false,
      holder: 'b',
      reason: 'b took the Lease aks-scaler-leader',
    });
  });

  it('stops leading when it cannot renew within the renew deadline, and its guard refuses from then on', async () => {
    const a = await replica('a');
    const term = (await a.elector.campaign({ abortSignal: new AbortController().signal }))!;
    const done = await a.elector.writeGuard.admit({ method: 'PUT', url: 'x' });
    done();
    kubernetes!.faults.down();
    // Renewals fail from 2 s on; the term ends 10 s after that round began, not before.
    await advanceUntil(a, 2_000, () => a.clock.now() >= Date.parse(START) + 10_000, 'renewals failing');
    expect(term.lost.aborted).toBe(false);
    await advanceUntil(a, 2_000, () => term.lost.aborted, 'the renew deadline');
    expect(a.clock.now() - Date.parse(START)).toBe(12_000);
    expect(a.changes.at(-1)).toMatchObject({
      change: 'lost',
      reason: expect.stringContaining(
        'could not renew the Lease aks-scaler-leader within the renew deadline of 10000ms',
      ),
    });
    await expect(a.elector.writeGuard.admit({ method: 'PUT', url: 'x' })).rejects.toMatchObject({
      message: 'Not written: this replica does not lead; only the leader writes pools.',
    });
    expect(a.failures.map((f) => f.kind === 'kubernetes-failed' && f.operation)).toContain('lease-update');
    expect(a.elector.state().problem).toBeDefined();
  });

  it('stops leading at its next renewal when another holder took the Lease; the 409 is no failure', async () => {
    const a = await replica('a');
    const term = (await a.elector.campaign({ abortSignal: new AbortController().signal }))!;
    kubernetes!.state.takeOverLease('default', LEADER_LEASE_NAME, 'intruder');
    await advanceUntil(a, 2_000, () => term.lost.aborted, 'the next renewal');
    expect(leaseCalls().slice(2)).toEqual(['update 409', 'get 200']);
    expect(a.changes.at(-1)).toEqual({
      change: 'lost',
      leading: false,
      holder: 'intruder',
      reason: 'intruder took the Lease aks-scaler-leader',
    });
    expect(a.failures).toEqual([]);
    expect(lease().spec!.holderIdentity).toBe('intruder');
  });

  it('resigns after its writes in flight were answered: clears the holder, and a follower takes over at its next retry', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const term = (await a.elector.campaign({ abortSignal: new AbortController().signal }))!;
    let bTerm: LeaderTerm | undefined;
    void b.elector.campaign({ abortSignal: new AbortController().signal }).then((t) => {
      bTerm = t;
    });
    await waitUntil(() => b.changes.length === 1, 'b to follow');
    const answered = await a.elector.writeGuard.admit({ method: 'PUT', url: 'x' });
    const resigned = a.elector.resign({ abortSignal: new AbortController().signal });
    // No write leaves any more, and the Lease stays a's until the write in flight was answered.
    await expect(a.elector.writeGuard.admit({ method: 'PUT', url: 'x' })).rejects.toMatchObject({
      code: 'ABORTED',
    });
    expect(term.lost.aborted).toBe(true);
    expect(lease().spec!.holderIdentity).toBe('a');
    answered();
    await resigned;
    expect(lease().spec).toMatchObject({ holderIdentity: '', leaseDurationSeconds: 1, leaseTransitions: 0 });
    expect(a.changes.at(-1)).toMatchObject({
      change: 'released',
      leading: false,
      reason: 'stopping: cleared the Lease aks-scaler-leader, so a follower takes over at its next retry',
    });
    await advanceUntil(b, 2_000, () => bTerm !== undefined, 'b to take over');
    expect(b.clock.now() - Date.parse(START)).toBe(2_000);
    expect(lease().spec).toMatchObject({
      holderIdentity: 'b',
      leaseDurationSeconds: 15,
      leaseTransitions: 1,
    });
    expect(b.changes.at(-1)?.reason).toBe('took the Lease aks-scaler-leader, which nobody held');
  });

  it('a paused leader renews before it admits a write', async () => {
    const a = await replica('a');
    await a.elector.campaign({ abortSignal: new AbortController().signal });
    a.clock.advance(60_000);
    const done = await a.elector.writeGuard.admit({ method: 'PUT', url: 'x' });
    done();
    expect(lease().spec).toMatchObject({ holderIdentity: 'a', renewTime: '2026-12-01T07:31:00.000000Z' });
  });
});
