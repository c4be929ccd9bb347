import { nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { clusterObservation, fleetObservation, poolReport } from '../../../test/helpers/fleet-observation.js';
import { boundsReport, startReport, stopReport } from '../../../test/helpers/target-reports.js';
import { buildStatus } from './status-document.js';
import { renderStatusText } from './status-text.js';

const NOW = new Date('2026-12-01T07:30:11Z');
const ENDED = '2026-12-01T07:30:09Z';
const RANGE = { minCount: 2, maxCount: 10 };

/** status.json's pools after one reconcile of these reports, the pools as ARM last reported them. */
function poolsAfter(observed: Parameters<typeof clusterObservation>[0], dryRun = false) {
  const fleet = { ...fleetObservation([clusterObservation(observed)]), dryRun };
  const status = buildStatus(fleet, undefined, NOW);
  return { pools: status.clusters[0]!.pools, history: status.history, status };
}

describe('status.json with targets beyond a count', () => {
  it('a stop, a start that scales, and an autoscaler range: count, desired, power and action as after the reconcile', () => {
    const { pools, history } = poolsAfter({
      pools: [
        stopReport('night', 3, { reason: 'static night=stop; stop the pool (3 nodes now)' }),
        startReport('day', 4, { reason: 'static day=4; start the stopped pool, then scale to 4' }),
        boundsReport('web', 3, RANGE, {
          power: 'Running',
          reason: 'static web=2..10; set the autoscaler range 1..5 -> 2..10',
        }),
      ],
      // The pools as ARM reported them before the operations' results (the read of stopped `day`, a poll of `night`).
      states: [
        nodePool({ name: 'night', count: 3, provisioningState: 'Stopping' }),
        nodePool({ name: 'day', count: 0, powerState: 'Stopped' }),
        nodePool({ name: 'web', count: 3, enableAutoScaling: true, minCount: 1, maxCount: 5 }),
      ],
      endedAt: { night: ENDED, day: ENDED, web: ENDED },
    });
    expect(
      pools.map(({ name, count, desired, power, action }) => [name, count, desired, power, action]),
    ).toEqual([
      ['night', 0, 0, 'Stopped', 'stop'],
      ['day', 4, 4, 'Running', 'start'],
      ['web', 3, '2..10', 'Running', 'bounds'],
    ]);
    const at = '2026-12-01T07:30:09.000Z';
    expect(pools.map((pool) => pool.lastChange)).toEqual([
      { at, from: 3, to: 0 },
      { at, from: 0, to: 4 },
      { at, from: 3, to: 3 },
    ]);
    expect(history.map(({ pool, action, from, to, outcome }) => [pool, action, from, to, outcome])).toEqual([
      ['night', 'stop', 3, 0, 'succeeded'],
      ['day', 'start', 0, 4, 'succeeded'],
      ['web', 'bounds', 3, 3, 'succeeded'],
    ]);
  });

  it('a pool already stopped, or already in its range, keeps desired 0 or the range; a failed stop keeps the pool as ARM reports it', () => {
    const { pools, history } = poolsAfter({
      pools: [
        poolReport({ pool: 'night', from: 0, to: 0, action: 'none', operations: [], power: 'Stopped' }),
        poolReport({ pool: 'web', from: 4, to: 4, action: 'none', operations: [], bounds: RANGE }),
        stopReport('batch', 2, {
          outcome: 'failed',
          error: { code: 'OPERATION_FAILED', message: 'refused' },
        }),
      ],
      states: [
        nodePool({ name: 'night', count: 0, powerState: 'Stopped' }),
        nodePool({ name: 'web', count: 4, enableAutoScaling: true, ...RANGE }),
        nodePool({ name: 'batch', count: 2 }),
      ],
    });
    expect(
      pools.map(({ name, count, desired, power, action }) => [name, count, desired, power, action]),
    ).toEqual([
      ['night', 0, 0, 'Stopped', 'none'],
      ['web', 4, '2..10', 'Running', 'none'],
      ['batch', 2, 0, 'Running', 'stop'],
    ]);
    expect(pools[2]!.lastChange).toBeUndefined();
    expect(history.map(({ pool, action, outcome }) => [pool, action, outcome])).toEqual([
      ['batch', 'stop', 'failed'],
    ]);
  });

  it('a dry run shows the pools as read: a planned start leaves the pool stopped, with no count driven yet', () => {
    const { pools, history } = poolsAfter(
      {
        pools: [startReport('day', 4, { outcome: 'planned' })],
        states: [nodePool({ name: 'day', count: 0, powerState: 'Stopped' })],
      },
      true,
    );
    expect(pools[0]).toMatchObject({ count: 0, desired: null, power: 'Stopped', action: 'start' });
    expect(history).toEqual([]);
  });

  it("carries the report entry's override: its target, until, reason and source; a pause is target pause", () => {
    const until = '2026-12-05T17:00:00Z';
    const { pools } = poolsAfter({
      pools: [
        poolReport({
          pool: 'manualpool2',
          from: 1,
          to: 8,
          override: { source: 'tag', until, reason: 'load test' },
          reason: `override until ${until} (load test); tag aks-scaler-override=8`,
        }),
        stopReport('night', 3, {
          override: { source: 'config', until },
        }),
        poolReport({
          pool: 'frozen',
          from: 2,
          to: 2,
          action: 'skip',
          outcome: 'skipped',
          operations: [],
          override: { source: 'config', until, reason: 'incident', pause: true },
          reason: `paused until ${until} (incident)`,
        }),
      ],
    });
    expect(pools.map((pool) => pool.override)).toEqual([
      { target: '8', until, reason: 'load test', source: 'tag' },
      { target: 'stop', until, source: 'config' },
      { target: 'pause', until, reason: 'incident', source: 'config' },
    ]);
  });
});

describe('status.txt with targets beyond a count', () => {
  it('shows stop and the range in DESIRED, and an override once in REASON', () => {
    const until = '2026-12-05T17:00:00Z';
    const { status } = poolsAfter({
      pools: [
        stopReport('night', 3, { reason: 'static night=stop' }),
        boundsReport('web', 3, RANGE, { reason: 'static web=2..10' }),
        poolReport({
          pool: 'manualpool2',
          from: 1,
          to: 8,
          override: { source: 'tag', until, reason: 'load test' },
          reason: `override until ${until} (load test); tag aks-scaler-override=8`,
        }),
      ],
      states: [
        nodePool({ name: 'night', count: 3 }),
        nodePool({ name: 'web', count: 3, enableAutoScaling: true }),
        nodePool({ name: 'manualpool2', count: 1 }),
      ],
      endedAt: { night: ENDED, web: ENDED, manualpool2: ENDED },
    });
    const rows = renderStatusText(status).split('\n').slice(3, 8);
    expect(rows).toEqual([
      'POOL         NODES  DESIRED  POWER    LAST CHANGE              REASON',
      'night        0      stop     Stopped  2026-12-01 07:30 3 -> 0  static night=stop',
      'web          3      2..10    Running  2026-12-01 07:30 3 -> 3  static web=2..10',
      `manualpool2  8      8        Running  2026-12-01 07:30 1 -> 8  override until ${until} (load test); tag`,
      `${' '.repeat(63)}aks-scaler-override=8`,
    ]);
  });
});
