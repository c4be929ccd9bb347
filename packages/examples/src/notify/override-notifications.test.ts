import { describe, expect, it } from 'vitest';
import { overrideNotifications } from './override-notifications.js';

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'aks' };
const at = new Date('2026-12-05T09:00:00Z');
const active = (until: string, target = 'pause') =>
  ({
    kind: 'override-active',
    at,
    cluster,
    pool: 'manualpool2',
    target,
    until,
    reason: 'freeze',
    source: 'tag',
  }) as const;

describe('overrideNotifications', () => {
  it('announces an override when it becomes active and when it expires, never again while nothing changes', () => {
    const overrides = overrideNotifications();
    const first = overrides.next(active('2026-12-07T08:00:00Z'));
    expect(first).toEqual({
      kind: 'override',
      at,
      cluster,
      override: {
        pool: 'manualpool2',
        state: 'active',
        target: 'pause',
        until: '2026-12-07T08:00:00Z',
        reason: 'freeze',
        source: 'tag',
      },
    });
    expect(overrides.next(active('2026-12-07T08:00:00Z'))).toBeUndefined();
    expect(overrides.next(active('2026-12-08T08:00:00Z', '2-10'))?.override).toMatchObject({
      target: { min: 2, max: 10 },
      until: '2026-12-08T08:00:00Z',
    });
    const expired = { ...active('2026-12-08T08:00:00Z', '2-10'), kind: 'override-expired' } as const;
    expect(overrides.next(expired)?.override.state).toBe('expired');
    expect(overrides.next(expired)).toBeUndefined();
    expect(
      overrides.next({ ...active('2026-12-07T08:00:00Z', '3'), pool: 'manualpool3' })?.override,
    ).toMatchObject({
      pool: 'manualpool3',
      target: 3,
    });
  });
});
