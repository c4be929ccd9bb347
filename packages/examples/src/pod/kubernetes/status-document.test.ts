import { nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { clusterObservation, fleetObservation, poolReport } from '../../../test/helpers/fleet-observation.js';
import { buildStatus, HISTORY_LIMIT, parsePreviousStatus, type StatusDocument } from './status-document.js';

const NOW = new Date('2026-12-01T07:30:11Z');

describe('status.json', () => {
  it('has its documented shape: per pool the count after the reconcile, desired, power, action, outcome, reason', () => {
    const observed = clusterObservation({
      pools: [
        poolReport({ pool: 'manualpool2', from: 1, to: 5 }),
        poolReport({
          pool: 'manualpool3',
          from: 3,
          to: 3,
          action: 'skip',
          outcome: 'skipped',
          operations: [],
          reason: 'autoscaler pool: skipped',
          warning: true,
        }),
        poolReport({
          pool: 'userpool',
          from: 2,
          to: 2,
          action: 'none',
          outcome: 'succeeded',
          operations: [],
        }),
      ],
      states: [
        nodePool({ name: 'manualpool2', count: 1 }),
        nodePool({ name: 'manualpool3', count: 3, enableAutoScaling: true, minCount: 1, maxCount: 5 }),
        nodePool({ name: 'userpool', count: 2 }),
      ],
      endedAt: { manualpool2: '2026-12-01T07:30:09Z' },
    });
    const status = buildStatus(fleetObservation([observed]), undefined, NOW);
    expect(status).toEqual({
      version: 1,
      updatedAt: '2026-12-01T07:30:11.000Z',
      clusters: [
        {
          subscription: '00000000-0000-0000-0000-000000000000',
          resourceGroup: 'myResourceGroup',
          name: 'myManagedCluster',
          pools: [
            {
              name: 'manualpool2',
              count: 5,
              desired: 5,
              power: 'Running',
              action: 'scale',
              outcome: 'succeeded',
              reason: 'static manualpool2=5',
              lastChange: { at: '2026-12-01T07:30:09.000Z', from: 1, to: 5 },
            },
            {
              name: 'manualpool3',
              count: 3,
              desired: null,
              power: 'Running',
              action: 'skip',
              outcome: 'skipped',
              reason: 'autoscaler pool: skipped',
            },
            {
              name: 'userpool',
              count: 2,
              desired: 2,
              power: 'Running',
              action: 'none',
              outcome: 'succeeded',
              reason: 'static userpool=5',
            },
          ],
        },
      ],
      history: [
        {
          at: '2026-12-01T07:30:09.000Z',
          cluster: 'myResourceGroup/myManagedCluster',
          pool: 'manualpool2',
          action: 'scale',
          from: 1,
          to: 5,
          outcome: 'succeeded',
          reason: 'static manualpool2=5',
        },
      ],
    } satisfies StatusDocument);
  });

  it('keeps the count ARM reports for a failed operation, and a stopped pool it was not asked to change has no desired count', () => {
    const observed = clusterObservation({
      pools: [
        poolReport({
          pool: 'manualpool2',
          from: 1,
          to: 5,
          outcome: 'failed',
          error: { code: 'OPERATION_FAILED', message: 'QuotaExceeded' },
        }),
        poolReport({
          pool: 'nightly',
          from: 0,
          to: 3,
          action: 'skip',
          outcome: 'skipped',
          operations: [],
          power: 'Stopped',
          warning: true,
        }),
      ],
      states: [
        nodePool({ name: 'manualpool2', count: 2 }),
        nodePool({ name: 'nightly', count: 0, powerState: 'Stopped' }),
      ],
    });
    const [manualpool2, nightly] = buildStatus(fleetObservation([observed]), undefined, NOW).clusters[0]!
      .pools;
    expect(manualpool2).toMatchObject({ count: 2, desired: 5, outcome: 'failed' });
    expect(manualpool2!.lastChange).toBeUndefined();
    expect(nightly).toMatchObject({ count: 0, power: 'Stopped', desired: null, action: 'skip' });
  });

  it('reads back the history and the last changes of earlier runs, appends, and keeps the last 100', () => {
    const first = buildStatus(
      fleetObservation([
        clusterObservation({
          pools: [poolReport({ pool: 'manualpool2', from: 1, to: 5 })],
          endedAt: { manualpool2: '2026-12-01T07:00:00Z' },
        }),
      ]),
      undefined,
      NOW,
    );
    const unchanged = clusterObservation({
      pools: [poolReport({ pool: 'manualpool2', from: 5, to: 5, action: 'none', operations: [] })],
    });
    const second = buildStatus(
      fleetObservation([unchanged]),
      parsePreviousStatus(JSON.stringify(first)),
      NOW,
    );
    expect(second.history).toEqual(first.history);
    expect(second.clusters[0]!.pools[0]!.lastChange).toEqual({
      at: '2026-12-01T07:00:00.000Z',
      from: 1,
      to: 5,
    });

    const long = {
      ...first,
      history: Array.from({ length: HISTORY_LIMIT }, (_, i) => ({ ...first.history[0]!, from: i })),
    };
    const third = buildStatus(
      fleetObservation([
        clusterObservation({ pools: [poolReport({ pool: 'manualpool2', from: 5, to: 7 })] }),
      ]),
      parsePreviousStatus(JSON.stringify(long)),
      NOW,
    );
    expect(third.history).toHaveLength(HISTORY_LIMIT);
    expect(third.history[0]!.from).toBe(1); // the oldest went
    expect(third.history.at(-1)).toMatchObject({ from: 5, to: 7 });
  });

  it("keeps a cluster's last known pools, with the error, when its reconcile could not read it", () => {
    const before = buildStatus(
      fleetObservation([clusterObservation({ pools: [poolReport({ pool: 'manualpool2' })] })]),
      undefined,
      NOW,
    );
    const failed = clusterObservation({
      error: { code: 'AUTHENTICATION', message: 'the token was refused' },
    });
    const after = buildStatus(fleetObservation([failed]), parsePreviousStatus(JSON.stringify(before)), NOW);
    expect(after.clusters[0]).toMatchObject({
      pools: before.clusters[0]!.pools,
      error: { code: 'AUTHENTICATION', message: 'the token was refused' },
    });
  });

  it('records no history for a dry run, and drops clusters the config no longer has', () => {
    const planned = clusterObservation({ pools: [poolReport({ pool: 'manualpool2', outcome: 'planned' })] });
    const other = {
      subscriptionId: '11111111-1111-1111-1111-111111111111',
      resourceGroup: 'rg',
      clusterName: 'gone',
    };
    const previous = buildStatus(
      fleetObservation([clusterObservation({ cluster: other, pools: [poolReport({ pool: 'a' })] })]),
      undefined,
      NOW,
    );
    const status = buildStatus(
      fleetObservation([planned]),
      parsePreviousStatus(JSON.stringify(previous)),
      NOW,
    );
    expect(status.clusters.map((c) => c.name)).toEqual(['myManagedCluster']);
    expect(status.history).toEqual(previous.history);
  });

  it('starts a new history when the stored status.json is not one', () => {
    expect(parsePreviousStatus('not json')).toBeUndefined();
    expect(
      parsePreviousStatus(
        '{"clusters": 3, "history": [{"at": 1}, {"at":"x","cluster":"c","pool":"p","action":"scale","from":1,"to":2,"outcome":"succeeded","reason":"r"}]}',
      ),
    ).toEqual({
      clusters: [],
      history: [
        {
          at: 'x',
          cluster: 'c',
          pool: 'p',
          action: 'scale',
          from: 1,
          to: 2,
          outcome: 'succeeded',
          reason: 'r',
        },
      ],
    });
  });
});
