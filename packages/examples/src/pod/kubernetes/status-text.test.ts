import { nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { clusterObservation, fleetObservation, poolReport } from '../../../test/helpers/fleet-observation.js';
import { buildStatus } from './status-document.js';
import { renderStatusText, STATUS_TEXT_WIDTH } from './status-text.js';

const LONG_REASON =
  'Mon-Fri 07:30-20:30 (Europe/Berlin) wants 10; scale-down held at 6 (highest recommendation in the last 5m); clamped to bounds 0..8';

describe('status.txt', () => {
  const status = buildStatus(
    fleetObservation([
      clusterObservation({
        pools: [
          poolReport({ pool: 'manualpool2', from: 1, to: 5 }),
          poolReport({ pool: 'manualpool3', from: 6, to: 8, reason: LONG_REASON }),
          poolReport({
            pool: 'auto',
            from: 3,
            to: 3,
            action: 'skip',
            outcome: 'skipped',
            operations: [],
            reason: 'autoscaler pool: skipped',
          }),
        ],
        states: [
          nodePool({ name: 'manualpool2', count: 1 }),
          nodePool({ name: 'manualpool3', count: 6 }),
          nodePool({ name: 'auto', count: 3, enableAutoScaling: true }),
        ],
        endedAt: { manualpool2: '2026-12-01T07:30:04Z', manualpool3: '2026-12-01T07:30:06Z' },
      }),
      clusterObservation({
        cluster: {
          subscriptionId: '00000000-0000-0000-0000-000000000000',
          resourceGroup: 'rg-b',
          clusterName: 'batch',
        },
        error: { code: 'CLUSTER_NOT_FOUND', message: 'the managed cluster rg-b/batch does not exist' },
      }),
    ]),
    undefined,
    new Date('2026-12-01T07:30:11Z'),
  );
  const text = renderStatusText(status);
  const lines = text.split('\n');

  it('is a table per cluster: pool, nodes, desired, power, last change, reason', () => {
    expect(lines.slice(0, 9)).toEqual([
      'aks-scaler status at 2026-12-01 07:30 UTC, written after every reconcile (times in UTC)',
      '',
      'myResourceGroup/myManagedCluster (subscription 00000000-0000-0000-0000-000000000000)',
      'POOL         NODES  DESIRED  POWER    LAST CHANGE              REASON',
      'manualpool2  5      5        Running  2026-12-01 07:30 1 -> 5  static manualpool2=5',
      'manualpool3  8      8        Running  2026-12-01 07:30 6 -> 8  Mon-Fri 07:30-20:30 (Europe/Berlin) wants 10; scale-down',
      '                                                               held at 6 (highest recommendation in the last 5m);',
      '                                                               clamped to bounds 0..8',
      'auto         3      -        Running  -                        autoscaler pool: skipped',
    ]);
  });

  it('says why a cluster could not be reconciled, and lists the last actions', () => {
    expect(text).toContain(
      'rg-b/batch (subscription 00000000-0000-0000-0000-000000000000)\n  could not reconcile: CLUSTER_NOT_FOUND: the managed cluster rg-b/batch does not exist\n  no pool is named by the policy',
    );
    expect(text).toContain(
      'Last actions, newest first (status.json keeps the last 100):\n2026-12-01 07:30  myResourceGroup/myManagedCluster  manualpool3  scale 6 -> 8  succeeded\n2026-12-01 07:30  myResourceGroup/myManagedCluster  manualpool2  scale 1 -> 5  succeeded\n',
    );
  });

  it(`keeps every line within ${STATUS_TEXT_WIDTH} characters`, () => {
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(STATUS_TEXT_WIDTH);
  });
});
