import type { ReconcileReport } from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { notificationsFromReport } from './notifications-from-report.js';

const at = new Date('2026-11-30T07:34:12Z');
const report = (extra: Partial<ReconcileReport> = {}): ReconcileReport => ({
  cluster: DEFAULT_TEST_CLUSTER,
  ok: false,
  dryRun: false,
  startedAt: new Date('2026-11-30T07:30:00Z'),
  finishedAt: at,
  pools: [
    { pool: 'a', from: 1, to: 5, action: 'scale', reason: 'r', outcome: 'succeeded', durationInMs: 1000 },
    { pool: 'b', from: 5, to: 5, action: 'none', reason: 'r', outcome: 'succeeded' },
    { pool: 'c', from: 2, to: 2, action: 'skip', reason: 'autoscaler', outcome: 'skipped', warning: true },
    {
      pool: 'd',
      from: 3,
      to: 0,
      action: 'scale',
      reason: 'r',
      outcome: 'failed',
      error: { code: 'OPERATION_TIMEOUT', message: 'timed out' },
    },
  ],
  ...extra,
});

describe('notificationsFromReport', () => {
  it('announces each operation that succeeded or failed, at the end of the reconcile', () => {
    const notifications = notificationsFromReport(report());
    expect(notifications.map((n) => [n.kind, 'entry' in n ? n.entry.pool : undefined])).toEqual([
      ['scaled', 'a'],
      ['failed', 'd'],
    ]);
    expect(
      notifications.every((n) => n.at === at && 'cluster' in n && n.cluster === DEFAULT_TEST_CLUSTER),
    ).toBe(true);
  });

  it('announces nothing for a dry run, and takes the cluster from the options when the report has none', () => {
    expect(notificationsFromReport(report({ dryRun: true }))).toEqual([]);
    const { cluster: _, ...anonymous } = report();
    expect(notificationsFromReport(anonymous)).toEqual([]);
    expect(notificationsFromReport(anonymous, { cluster: DEFAULT_TEST_CLUSTER })).toHaveLength(2);
  });
});
