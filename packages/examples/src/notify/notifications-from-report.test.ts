import { type ReconcileReport, reconcile } from '@aks-scaler/core';
import { staticPolicy } from '@aks-scaler/policies';
import { DEFAULT_TEST_CLUSTER, FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { notificationsFromReport } from './notifications-from-report.js';
import { slackText } from './slack-format.js';

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

  it('announces stops, starts and autoscaler ranges as scaled, in their own words', async () => {
    const client = new FakeNodePoolClient({
      pools: [
        nodePool({ name: 'batch', count: 3 }),
        nodePool({ name: 'gpu', count: 0, powerState: 'Stopped' }),
        nodePool({ name: 'web', count: 2, enableAutoScaling: true, minCount: 1, maxCount: 4 }),
      ],
    });
    const result = await reconcile({
      client,
      cluster: DEFAULT_TEST_CLUSTER,
      stoppedPools: 'start',
      policy: staticPolicy({ batch: 'stop', gpu: 2, web: { min: 2, max: 10 } }),
    });
    const texts = notificationsFromReport(result).map((n) => [n.kind, slackText(n)]);
    expect(texts).toEqual([
      ['scaled', expect.stringContaining('batch* stopped in')],
      ['scaled', expect.stringContaining('gpu* started and scaled up 0 → 2 nodes in')],
      ['scaled', expect.stringContaining('web* autoscaler range set to 2-10 in')],
    ]);
  });
});
