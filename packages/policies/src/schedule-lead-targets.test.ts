import type { NodePool, PolicyContext } from '@aks-scaler/core';
import { describeTarget } from '@aks-scaler/core/common';
import { describe, expect, it } from 'vitest';
import { parseScalerConfig } from './parse-scaler-config.js';
import { policyFromConfig } from './policy-from-config.js';
import { schedulePolicy } from './schedule-policy.js';
import type { ScheduleSpec } from './schedule-schema.js';
import { scheduleTransitions } from './schedule-transitions.js';

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' };

function pool(name: string, extra: Partial<NodePool> = {}): NodePool {
  return {
    cluster,
    name,
    count: 4,
    mode: 'User',
    enableAutoScaling: false,
    powerState: 'Running',
    provisioningState: 'Succeeded',
    ...extra,
  };
}

/** The decision for `name` at `iso`, as `target: reason`. */
async function at(spec: ScheduleSpec, iso: string, extra: Partial<PolicyContext> = {}, name = 'batch') {
  const decisions = await schedulePolicy(spec).evaluate({ now: new Date(iso), cluster, pools: [], ...extra });
  const decision = decisions.find((d) => d.pool === name);
  return decision ? `${describeTarget(decision)}: ${decision.reason}` : 'no opinion';
}

// Tuesday 1 December 2026, CET (UTC+1): 07:30 local is 06:30Z, 19:00 local is 18:00Z; the night rule runs from
// Monday 19:00 to Tuesday 07:30.
const nights: ScheduleSpec = {
  timezone: 'Europe/Berlin',
  leadTime: '10m',
  rules: [
    { when: 'Mon-Fri 19:00-07:30', counts: { batch: 'stop' } },
    { when: 'Mon-Fri 07:30-19:00', counts: { batch: 4 } },
  ],
};
const STOPPED = "stop: schedule rule 1 'Mon-Fri 19:00-07:30' (Europe/Berlin)";
const DAY = "4: schedule rule 2 'Mon-Fri 07:30-19:00' (Europe/Berlin)";

describe('schedule leadTime with targets', () => {
  it('starts a pool stopped off-hours early for the count of its morning rule, and stops it on time', async () => {
    expect(await at(nights, '2026-12-01T06:19:59Z')).toBe(STOPPED);
    expect(await at(nights, '2026-12-01T06:20:00Z')).toBe(
      '4: schedule rule 2: Mon-Fri 07:30-19:00 starts at 07:30, 10 min ahead (Europe/Berlin)',
    );
    expect(await at(nights, '2026-12-01T06:30:00Z')).toBe(DAY);
    // The stop ahead never comes early: 4 until 19:00, then stop.
    expect(await at(nights, '2026-12-01T17:55:00Z')).toBe(DAY);
    expect(await at(nights, '2026-12-01T17:59:59Z')).toBe(DAY);
    expect(await at(nights, '2026-12-01T18:00:00Z')).toBe(STOPPED);
    // The same with the stop in `otherwise`.
    const otherwise: ScheduleSpec = { ...nights, rules: [nights.rules[1]!], otherwise: { batch: 'stop' } };
    expect(await at(otherwise, '2026-12-01T06:19:59Z')).toMatch(/^stop: schedule otherwise/);
    expect(await at(otherwise, '2026-12-01T06:20:00Z')).toMatch(/^4: .* starts at 07:30, 10 min ahead/);
    expect(await at(otherwise, '2026-12-01T17:59:59Z')).toMatch(/^4: schedule rule 1 /);
  });

  it('times the start of a stopped pool from 0 nodes, whatever count it keeps while stopped', async () => {
    const calls: string[] = [];
    const expectedOperationInMs = (name: string, from: number, to: number) => {
      calls.push(`${name} ${from}->${to}`);
      return (to - from) * 150_000; // 2.5 min per node started
    };
    const auto: ScheduleSpec = { ...nights, leadTime: 'auto' };
    const stopped = { pools: [pool('batch', { powerState: 'Stopped' })], expectedOperationInMs };
    // 0 -> 4 takes 10 min: early from 06:20Z. From the 4 nodes the stopped pool keeps, it would be no lead at all.
    expect(await at(auto, '2026-12-01T06:19:59Z', stopped)).toBe(STOPPED);
    expect(await at(auto, '2026-12-01T06:20:00Z', stopped)).toMatch(/^4: .* starts at 07:30, 10 min ahead/);
    expect(new Set(calls)).toEqual(new Set(['batch 0->4']));
  });

  it('never takes a stop early, nor gives an opinion early for a pool that will only be stopped', async () => {
    const spec: ScheduleSpec = {
      timezone: 'UTC',
      leadTime: '30m',
      rules: [{ when: 'Mon 09:00-10:00', counts: { batch: 'stop', web: 5 } }],
    };
    expect(await at(spec, '2026-11-30T08:45:00Z')).toBe('no opinion');
    expect(await at(spec, '2026-11-30T08:45:00Z', {}, 'web')).toMatch(/^5: .* starts at 09:00, 15 min ahead/);
    expect(await at(spec, '2026-11-30T09:00:00Z')).toBe("stop: schedule rule 1 'Mon 09:00-10:00' (UTC)");
  });

  it('raises an autoscaler range early bound by bound, and lowers a bound on time', async () => {
    const spec: ScheduleSpec = {
      timezone: 'UTC',
      leadTime: '10m',
      rules: [
        { when: 'Mon 08:00-12:00', counts: { web: { min: 2, max: 20 } } },
        { when: 'Mon 12:00-13:00', counts: { web: { min: 1, max: 4 } } },
      ],
      otherwise: { web: { min: 3, max: 6 } },
    };
    expect(await at(spec, '2026-11-30T07:49:59Z', {}, 'web')).toMatch(/^3\.\.6: schedule otherwise/);
    // The upper bound rises early; the lower one goes from 3 to 2 when the window opens.
    expect(await at(spec, '2026-11-30T07:50:00Z', {}, 'web')).toBe(
      '3..20: schedule rule 1: Mon 08:00-12:00 starts at 08:00, 10 min ahead (UTC)',
    );
    expect(await at(spec, '2026-11-30T08:00:00Z', {}, 'web')).toBe(
      "2..20: schedule rule 1 'Mon 08:00-12:00' (UTC)",
    );
    // A narrower range ahead raises nothing.
    expect(await at(spec, '2026-11-30T11:55:00Z', {}, 'web')).toBe(
      "2..20: schedule rule 1 'Mon 08:00-12:00' (UTC)",
    );
    // After 13:00 the floor rises from 1 to 3 and the ceiling from 4 to 6: both early.
    expect(await at(spec, '2026-11-30T12:50:00Z', {}, 'web')).toBe(
      '3..6: schedule otherwise starts at 13:00, 10 min ahead (UTC)',
    );
  });

  it('lets a range outvote a count only on a pool that has the autoscaler on, as maxOf does', async () => {
    const spec: ScheduleSpec = {
      timezone: 'UTC',
      leadTime: '10m',
      rules: [{ when: 'Mon 08:00-12:00', counts: { web: { min: 5, max: 20 } } }],
      otherwise: { web: 3 },
    };
    const autoscaled = {
      pools: [pool('web', { enableAutoScaling: true, minCount: 3, maxCount: 3, count: 3 })],
    };
    expect(await at(spec, '2026-11-30T07:50:00Z', autoscaled, 'web')).toMatch(/^5\.\.20: .* 10 min ahead/);
    // Without the autoscaler a count outvotes a range, so the count stays until the window opens.
    expect(await at(spec, '2026-11-30T07:50:00Z', { pools: [pool('web', { count: 3 })] }, 'web')).toMatch(
      /^3: schedule otherwise/,
    );
    // A range whose floor is below the count now would leave fewer nodes: it comes on time.
    const lower: ScheduleSpec = {
      ...spec,
      rules: [{ when: 'Mon 08:00-12:00', counts: { web: { min: 1, max: 20 } } }],
    };
    expect(await at(lower, '2026-11-30T07:50:00Z', autoscaled, 'web')).toMatch(/^3: schedule otherwise/);
  });

  it('lists the early start of a stopped pool as a transition', () => {
    const transitions = scheduleTransitions(nights, {
      from: new Date('2026-12-01T06:00:00Z'),
      to: new Date('2026-12-01T19:00:00Z'),
    });
    expect(transitions.map(({ at, counts, rule, early }) => [at.toISOString(), counts, rule, early])).toEqual(
      [
        ['2026-12-01T06:00:00.000Z', { batch: 'stop' }, "rule 1 'Mon-Fri 19:00-07:30'", undefined],
        [
          '2026-12-01T06:20:00.000Z',
          { batch: 4 },
          "rule 2 'Mon-Fri 07:30-19:00' (early start)",
          { batch: new Date('2026-12-01T06:30:00Z') },
        ],
        ['2026-12-01T06:30:00.000Z', { batch: 4 }, "rule 2 'Mon-Fri 07:30-19:00'", undefined],
        ['2026-12-01T18:00:00.000Z', { batch: 'stop' }, "rule 1 'Mon-Fri 19:00-07:30'", undefined],
      ],
    );
  });

  it('reaches a config schedule whose otherwise stops the pool', async () => {
    const config = parseScalerConfig(
      [
        'clusters: [{ subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg, name: aks, stoppedPools: start }]',
        'policy:',
        '  schedule:',
        '    timezone: Europe/Berlin',
        '    leadTime: 10m',
        '    rules: [{ when: "Mon-Fri 07:30-19:00", counts: { batch: 4 } }]',
        '    otherwise: { batch: stop }',
      ].join('\n'),
    );
    const policy = policyFromConfig(config);
    const pools = [pool('batch', { powerState: 'Stopped' })];
    const decide = async (iso: string) => (await policy.evaluate({ now: new Date(iso), cluster, pools }))[0];
    expect((await decide('2026-11-30T06:19:00Z'))?.power).toBe('Stopped');
    expect(await decide('2026-11-30T06:21:00Z')).toMatchObject({ pool: 'batch', count: 4 });
  });
});
