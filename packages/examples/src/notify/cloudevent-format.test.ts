import { HTTP } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_REJECTED_EXAMPLE,
  EXAMPLE_CLUSTER,
  FAILED_EXAMPLE,
  NOTIFICATION_EXAMPLES,
  OVERRIDE_EXAMPLE,
  SCALED_EXAMPLE,
} from '../../test/helpers/notification-fixtures.js';
import {
  cloudEventPayload,
  notificationOrigin,
  notificationSource,
  toCloudEvent,
} from './cloudevent-format.js';

const cluster = {
  subscription: EXAMPLE_CLUSTER.subscriptionId,
  resourceGroup: EXAMPLE_CLUSTER.resourceGroup,
  name: EXAMPLE_CLUSTER.clusterName,
};

describe('toCloudEvent', () => {
  it('makes a CloudEvents 1.0 event per kind: type, source, subject, time, json data', () => {
    const events = NOTIFICATION_EXAMPLES.map((n, i) =>
      toCloudEvent(n, { origin: 'aks-scaler', id: `id-${i}` }),
    );
    expect(
      events.map((e) => [e.specversion, e.type, e.source, e.subject, e.id, e.time, e.datacontenttype]),
    ).toEqual([
      [
        '1.0',
        'io.aks-scaler.pool.scaled',
        'aks-scaler/aks-scaler/myManagedCluster',
        'manualpool2',
        'id-0',
        '2026-11-30T07:34:12.000Z',
        'application/json',
      ],
      [
        '1.0',
        'io.aks-scaler.pool.failed',
        'aks-scaler/aks-scaler/myManagedCluster',
        'manualpool3',
        'id-1',
        '2026-11-30T07:34:12.000Z',
        'application/json',
      ],
      [
        '1.0',
        'io.aks-scaler.pool.override',
        'aks-scaler/aks-scaler/myManagedCluster',
        'manualpool2',
        'id-2',
        '2026-11-30T07:34:12.000Z',
        'application/json',
      ],
      [
        '1.0',
        'io.aks-scaler.config.rejected',
        'aks-scaler/aks-scaler',
        '/etc/aks-scaler/scaler.yaml',
        'id-3',
        '2026-11-30T07:34:12.000Z',
        'application/json',
      ],
    ]);
  });

  it("carries the pool's report entry, the override or the problems as data", () => {
    expect(toCloudEvent(SCALED_EXAMPLE, { origin: 'ns' }).data).toEqual({
      cluster,
      pool: 'manualpool2',
      from: 1,
      to: 10,
      action: 'scale',
      operations: ['scale'],
      reason: "schedule 'Mon-Fri 07:30-20:30' (Europe/Berlin)",
      outcome: 'succeeded',
      durationInMs: 252_000,
    });
    expect(toCloudEvent(FAILED_EXAMPLE, { origin: 'ns' }).data).toMatchObject({
      cluster,
      pool: 'manualpool3',
      outcome: 'failed',
      error: { code: 'OPERATION_FAILED', message: expect.stringContaining('QuotaExceeded') },
    });
    expect(toCloudEvent(OVERRIDE_EXAMPLE, { origin: 'ns' }).data).toEqual({
      cluster,
      pool: 'manualpool2',
      state: 'active',
      target: 20,
      until: '2026-12-05T17:00:00Z',
      reason: 'load test',
      source: 'tag',
    });
    expect(toCloudEvent(CONFIG_REJECTED_EXAMPLE, { origin: 'ns' }).data).toEqual({
      config: '/etc/aks-scaler/scaler.yaml',
      problems: CONFIG_REJECTED_EXAMPLE.problems,
    });
  });

  it('redacts a token that slipped into an error message', () => {
    const leaked = {
      ...FAILED_EXAMPLE,
      entry: {
        ...FAILED_EXAMPLE.entry,
        error: {
          code: 'ARM_REQUEST',
          message: 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
        },
      },
    };
    expect(JSON.stringify(toCloudEvent(leaked, { origin: 'ns' }).data)).not.toContain('eyJ');
  });

  it('gives every event a fresh id unless one is given', () => {
    const a = toCloudEvent(SCALED_EXAMPLE, { origin: 'ns' });
    const b = toCloudEvent(SCALED_EXAMPLE, { origin: 'ns' });
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.id).not.toBe(b.id);
  });
});

describe('cloudEventPayload', () => {
  it('is structured mode: the SDK reads the same event back from the headers and body', () => {
    const payload = cloudEventPayload(OVERRIDE_EXAMPLE, { origin: 'ns', id: 'x' });
    expect(payload.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
    const event = HTTP.toEvent({ headers: payload.headers, body: payload.body });
    expect(Array.isArray(event)).toBe(false);
    expect(event).toMatchObject({
      id: 'x',
      type: 'io.aks-scaler.pool.override',
      source: 'aks-scaler/ns/myManagedCluster',
    });
    expect(JSON.parse(payload.body).data).toEqual(toCloudEvent(OVERRIDE_EXAMPLE, { origin: 'ns' }).data);
  });
});

describe('the source', () => {
  it('is aks-scaler/<namespace or host>/<cluster>', () => {
    expect(notificationOrigin({ POD_NAMESPACE: 'platform' }, () => 'node-1')).toBe('platform');
    expect(notificationOrigin({ POD_NAMESPACE: ' ' }, () => 'node-1')).toBe('node-1');
    expect(notificationOrigin({}, () => 'scaler-7d9f')).toBe('scaler-7d9f');
    expect(notificationSource('platform', EXAMPLE_CLUSTER)).toBe('aks-scaler/platform/myManagedCluster');
    expect(notificationSource('platform')).toBe('aks-scaler/platform');
    expect(notificationSource('a b', { ...EXAMPLE_CLUSTER, clusterName: 'x/y' })).toBe(
      'aks-scaler/a%20b/x%2Fy',
    );
  });
});
