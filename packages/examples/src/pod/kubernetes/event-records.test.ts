import { DEFAULT_TEST_CLUSTER } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { clusterObservation, fleetObservation, poolReport } from '../../../test/helpers/fleet-observation.js';
import { boundsReport, startReport, stopReport } from '../../../test/helpers/target-reports.js';
import { eventOfPodEvent, eventsOfFleet } from './event-records.js';

describe('the Events of a reconcile', () => {
  it('records each change, failure and warned skip with its reason and type', () => {
    const fleet = fleetObservation([
      clusterObservation({
        pools: [
          poolReport({ pool: 'up', from: 1, to: 5, reason: 'static up=5' }),
          poolReport({ pool: 'down', from: 5, to: 2, reason: 'static down=2' }),
          stopReport('night', 3, { reason: 'stop at night' }),
          startReport('day', 4, { reason: 'business hours' }),
          boundsReport('auto', 2, { minCount: 2, maxCount: 9 }, { reason: 'floor 2' }),
          poolReport({
            pool: 'broken',
            from: 2,
            to: 4,
            outcome: 'failed',
            error: { code: 'OPERATION_FAILED', message: 'QuotaExceeded' },
            reason: 'static broken=4',
          }),
          poolReport({
            pool: 'skipped',
            from: 3,
            to: 3,
            action: 'skip',
            outcome: 'skipped',
            operations: [],
            warning: true,
            reason: 'autoscaler pool: skipped',
          }),
          poolReport({
            pool: 'quiet',
            from: 3,
            to: 3,
            action: 'skip',
            outcome: 'skipped',
            operations: [],
            reason: 'stopped pool',
          }),
          poolReport({ pool: 'same', from: 3, to: 3, action: 'none', operations: [] }),
        ],
      }),
    ]);
    expect(eventsOfFleet(fleet).map((e) => [e.reason, e.type, e.action, e.pool, e.message])).toEqual([
      ['ScaledUp', 'Normal', 'Scale', 'up', 'myManagedCluster/up 1 -> 5: static up=5'],
      ['ScaledDown', 'Normal', 'Scale', 'down', 'myManagedCluster/down 5 -> 2: static down=2'],
      ['PoolStopped', 'Normal', 'Stop', 'night', 'myManagedCluster/night stopped: stop at night'],
      ['PoolStarted', 'Normal', 'Start', 'day', 'myManagedCluster/day started: business hours'],
      ['ScaledUp', 'Normal', 'Scale', 'day', 'myManagedCluster/day 0 -> 4: business hours'],
      [
        'AutoscalerRangeSet',
        'Normal',
        'SetAutoscalerRange',
        'auto',
        'myManagedCluster/auto autoscaler range 2..9: floor 2',
      ],
      [
        'ScaleFailed',
        'Warning',
        'Scale',
        'broken',
        'myManagedCluster/broken 2 -> 4 failed (OPERATION_FAILED: QuotaExceeded): static broken=4',
      ],
      ['PoolSkipped', 'Warning', 'Skip', 'skipped', 'myManagedCluster/skipped: autoscaler pool: skipped'],
    ]);
  });

  it('a failed stop, start or range is a ScaleFailed Event that says what was tried', () => {
    const failed = { outcome: 'failed' as const, error: { code: 'OPERATION_FAILED', message: 'refused' } };
    const fleet = fleetObservation([
      clusterObservation({
        pools: [
          poolReport({ pool: 'night', from: 3, to: 0, action: 'stop', operations: ['stop'], ...failed }),
          poolReport({
            pool: 'day',
            from: 0,
            to: 4,
            action: 'start',
            operations: ['start', 'scale'],
            ...failed,
          }),
          poolReport({ pool: 'idle', from: 0, to: 0, action: 'start', operations: ['start'], ...failed }),
          boundsReport('auto', 2, { minCount: 2, maxCount: 9 }, { ...failed }),
        ],
      }),
    ]);
    const because = ' failed (OPERATION_FAILED: refused): static';
    expect(eventsOfFleet(fleet).map((e) => [e.reason, e.type, e.action, e.message])).toEqual([
      ['ScaleFailed', 'Warning', 'Stop', `myManagedCluster/night stop${because} night=5`],
      ['ScaleFailed', 'Warning', 'Start', `myManagedCluster/day start, then 0 -> 4${because} day=5`],
      ['ScaleFailed', 'Warning', 'Start', `myManagedCluster/idle start${because} idle=5`],
      [
        'ScaleFailed',
        'Warning',
        'SetAutoscalerRange',
        `myManagedCluster/auto autoscaler range 2..9${because} auto=5`,
      ],
    ]);
  });

  it('records only the warnings of a dry run, which writes nothing', () => {
    const fleet = fleetObservation([
      clusterObservation({
        pools: [
          poolReport({ pool: 'up', outcome: 'planned' }),
          poolReport({
            pool: 'auto',
            action: 'skip',
            outcome: 'planned',
            operations: [],
            warning: true,
            reason: 'autoscaler pool',
          }),
        ],
      }),
    ]);
    expect(eventsOfFleet(fleet).map((e) => e.reason)).toEqual(['PoolSkipped']);
  });

  it('keeps messages within the 1024 characters an Event may have', () => {
    const fleet = fleetObservation([
      clusterObservation({ pools: [poolReport({ pool: 'up', reason: 'r'.repeat(2000) })] }),
    ]);
    const [event] = eventsOfFleet(fleet);
    expect(event!.message).toHaveLength(1024);
    expect(event!.message.endsWith('...')).toBe(true);
  });
});

describe('the Events of overrides and config reloads', () => {
  it('maps override-active, override-expired and config-rejected', () => {
    const cluster = DEFAULT_TEST_CLUSTER;
    expect(
      eventOfPodEvent({
        kind: 'override-active',
        at: new Date('2026-12-05T09:00:00Z'),
        cluster,
        pool: 'manualpool2',
        target: '8',
        until: '2026-12-05T17:00:00Z',
        reason: 'load test',
        source: 'config',
      }),
    ).toEqual({
      reason: 'OverrideActive',
      type: 'Normal',
      action: 'Override',
      pool: 'manualpool2',
      message: 'myManagedCluster/manualpool2 override 8 until 2026-12-05T17:00:00Z: load test',
    });
    expect(
      eventOfPodEvent({
        kind: 'override-expired',
        at: new Date('2026-12-05T17:00:00Z'),
        cluster,
        pool: 'manualpool2',
        until: '2026-12-05T17:00:00Z',
        target: '8',
        reason: 'load test',
        source: 'config',
      }),
    ).toMatchObject({
      reason: 'OverrideExpired',
      type: 'Warning',
      message: 'myManagedCluster/manualpool2 override expired at 2026-12-05T17:00:00Z; remove it',
    });
    expect(
      eventOfPodEvent({
        kind: 'config-rejected',
        at: new Date('2026-12-01T07:30:00Z'),
        path: '/etc/aks-scaler/scaler.yaml',
        reason: 'tick',
        problems: [{ path: 'policy.static.manualpool2', message: 'must be an integer' }],
      }),
    ).toMatchObject({
      reason: 'ConfigRejected',
      type: 'Warning',
      message:
        'the new config was rejected, the running one is kept: policy.static.manualpool2: must be an integer',
    });
    expect(
      eventOfPodEvent({
        kind: 'fleet-reconciled',
        fleet: { ok: true, clusters: [], dryRun: false, startedAt: new Date(), finishedAt: new Date() },
      }),
    ).toBeUndefined();
  });
});
