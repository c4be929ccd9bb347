// Events (the status ConfigMap's, repeats counted) and Leases (leader election) through @kubernetes/client-node.
import { PatchStrategy, setHeaderOptions, V1MicroTime } from '@kubernetes/client-node';
import { describe, expect, test } from 'vitest';
import { kubernetesEmulatorForFile } from './emulator-fixture.js';
import { clientsFor, NS, STATUS, statusMap, statusOf } from './kubernetes-clients.js';

const { emulator, clock } = await kubernetesEmulatorForFile(Date.parse('2026-12-01T07:30:00.250Z'));
const { core, coordination } = await clientsFor(emulator);

const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const strategic = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);

describe('events and leases', () => {
  const involved = (uid: string, namespace = NS) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: STATUS,
    namespace,
    uid,
  });

  test('an event names its ConfigMap; a repeat raises count by patch; the involvedObject field selector finds it', async () => {
    const map = await core.createNamespacedConfigMap({ namespace: NS, body: statusMap() });
    const uid = map.metadata?.uid as string;
    const event = await core.createNamespacedEvent({
      namespace: NS,
      body: {
        metadata: { generateName: `${STATUS}.` },
        involvedObject: involved(uid),
        reason: 'ScaledUp',
        message: 'manualpool2 1 -> 5',
        type: 'Normal',
        count: 1,
        firstTimestamp: new Date(clock.nowInMs),
        lastTimestamp: new Date(clock.nowInMs),
        source: { component: 'aks-scaler' },
      },
    });
    expect(event.metadata?.name).toMatch(/^aks-scaler-status\.[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    clock.nowInMs += 30_000;
    const repeated = await core.patchNamespacedEvent(
      {
        name: event.metadata?.name as string,
        namespace: NS,
        body: { count: 2, lastTimestamp: new Date(clock.nowInMs) },
      },
      strategic,
    );
    expect(repeated.count).toBe(2);
    expect(repeated.lastTimestamp).toEqual(new Date('2026-12-01T07:30:30Z'));
    await core.createNamespacedEvent({
      namespace: NS,
      body: {
        metadata: { name: 'unrelated' },
        involvedObject: { ...involved(uid), name: 'other' },
        reason: 'X',
      },
    });
    const found = await core.listNamespacedEvent({
      namespace: NS,
      fieldSelector: `involvedObject.name=${STATUS},involvedObject.namespace=${NS},involvedObject.kind=ConfigMap,involvedObject.uid=${uid}`,
    });
    expect(found.items.map((item) => [item.reason, item.count])).toEqual([['ScaledUp', 2]]);
  });

  test("an event's involvedObject.namespace must be the event's namespace (422)", async () => {
    const refused = await statusOf(
      core.createNamespacedEvent({
        namespace: NS,
        body: { metadata: { name: 'e1' }, involvedObject: involved('u', 'kube-system'), reason: 'ScaledUp' },
      }),
    );
    expect(refused).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(refused.message).toBe(
      'Event "e1" is invalid: involvedObject.namespace: Invalid value: "kube-system": does not match event.namespace',
    );
  });

  test('MicroTime: a JS Date (milliseconds) is refused with 400, V1MicroTime and six-digit strings are accepted', async () => {
    const lease = (renewTime: Date | string) => ({
      metadata: { name: 'aks-scaler-leader' },
      spec: { holderIdentity: 'pod-a', leaseDurationSeconds: 15, renewTime: renewTime as V1MicroTime },
    });
    const refused = await statusOf(
      coordination.createNamespacedLease({
        namespace: NS,
        body: lease(new Date('2026-12-01T07:30:00.250Z')),
      }),
    );
    expect(refused).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(refused.message).toBe(
      'Lease in version "v1" cannot be handled as a Lease: spec.renewTime: parsing time "2026-12-01T07:30:00.250Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".250Z" as ".000000"',
    );
    const created = await coordination.createNamespacedLease({
      namespace: NS,
      body: lease(new V1MicroTime('2026-12-01T07:30:00.250Z')),
    });
    expect(emulator.state.get('leases', NS, 'aks-scaler-leader')?.spec).toMatchObject({
      renewTime: '2026-12-01T07:30:00.250000Z',
    });
    expect(created.apiVersion).toBe('coordination.k8s.io/v1');
    const eventTime = await statusOf(
      core.createNamespacedEvent({
        namespace: NS,
        body: {
          metadata: { name: 'e2' },
          involvedObject: involved('u'),
          reason: 'ScaledUp',
          eventTime: new Date(clock.nowInMs) as V1MicroTime,
        },
      }),
    );
    expect(eventTime.message).toContain(
      'eventTime: parsing time "2026-12-01T07:30:00.250Z" as "2006-01-02T15:04:05.000000Z07:00"',
    );
  });

  test('leader election as client-go does it: take an expired Lease by PUT with the read resourceVersion', async () => {
    emulator.state.put({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'aks-scaler-leader', namespace: NS },
      spec: { holderIdentity: 'pod-a', leaseDurationSeconds: 15, renewTime: '2026-12-01T07:29:00.000000Z' },
    });
    const read = await coordination.readNamespacedLease({ name: 'aks-scaler-leader', namespace: NS });
    expect(read.spec?.holderIdentity).toBe('pod-a');
    const taken = await coordination.replaceNamespacedLease({
      name: 'aks-scaler-leader',
      namespace: NS,
      body: {
        ...read,
        spec: {
          ...read.spec,
          holderIdentity: 'pod-b',
          acquireTime: new V1MicroTime(clock.nowInMs),
          renewTime: new V1MicroTime(clock.nowInMs),
          leaseTransitions: 1,
        },
      },
    });
    expect(taken.spec?.holderIdentity).toBe('pod-b');
    // The request log says who holds the Lease after each write that went through (reads and refusals: nothing).
    const leaseLog = emulator.requests.filter((r) => r.resource === 'leases').slice(-2);
    expect(leaseLog.map((r) => [r.verb, r.status, r.holderIdentity, r.leaseDurationSeconds])).toEqual([
      ['get', 200, undefined, undefined],
      ['update', 200, 'pod-b', 15],
    ]);
    const loser = await statusOf(
      coordination.replaceNamespacedLease({ name: 'aks-scaler-leader', namespace: NS, body: read }),
    );
    expect(emulator.requests.at(-1)).toMatchObject({ verb: 'update', status: 409 });
    expect(emulator.requests.at(-1)).not.toHaveProperty('holderIdentity');
    expect(loser).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: expect.stringContaining(
        'Operation cannot be fulfilled on leases.coordination.k8s.io "aks-scaler-leader"',
      ),
      details: { name: 'aks-scaler-leader', group: 'coordination.k8s.io', kind: 'leases' },
    });
    const invalidDuration = await statusOf(
      coordination.patchNamespacedLease(
        { name: 'aks-scaler-leader', namespace: NS, body: { spec: { leaseDurationSeconds: 0 } } },
        merge,
      ),
    );
    expect(invalidDuration.message).toBe(
      'Lease.coordination.k8s.io "aks-scaler-leader" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    );
  });
});
