import type { NodePool, PolicyContext } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { runningPool, TEST_CLUSTER } from '../test/policy-context.js';
import { leadFor } from './lead-time.js';
import { parseScalerConfig } from './parse-scaler-config.js';
import { policyFromConfig } from './policy-from-config.js';
import { compileSchedule } from './schedule.js';
import { resolveWithLead } from './schedule-lead.js';
import { schedulePolicy } from './schedule-policy.js';
import { parseSchedule, type ScheduleSpec } from './schedule-schema.js';

const cluster = TEST_CLUSTER;

const pool = (name: string, count: number): NodePool => runningPool(name, count);

/** The decision for `pool` at `iso`, as `count: reason`. */
async function at(spec: ScheduleSpec, iso: string, extra: Partial<PolicyContext> = {}, name = 'web') {
  const decisions = await schedulePolicy(spec).evaluate({ now: new Date(iso), cluster, pools: [], ...extra });
  const decision = decisions.find((d) => d.pool === name);
  return decision ? `${decision.count}: ${decision.reason}` : 'no opinion';
}

const office: ScheduleSpec = {
  timezone: 'Europe/Berlin',
  leadTime: '6m',
  rules: [{ when: 'Mon-Fri 07:30-20:30', counts: { web: 10 } }],
  otherwise: { web: 1 },
};
const OTHERWISE = '1: schedule otherwise: no rule matched (Europe/Berlin)';
const IN_WINDOW = "10: schedule rule 1 'Mon-Fri 07:30-20:30' (Europe/Berlin)";

describe('schedule leadTime: a duration', () => {
  // Monday 30 November 2026, CET (UTC+1): the window opens at 06:30Z and closes at 19:30Z.
  it('starts the scale-up that long before the window and says so', async () => {
    expect(await at(office, '2026-11-30T06:23:59Z')).toBe(OTHERWISE);
    expect(await at(office, '2026-11-30T06:24:00Z')).toBe(
      '10: schedule rule 1: Mon-Fri 07:30-20:30 starts at 07:30, 6 min ahead (Europe/Berlin)',
    );
    expect(await at(office, '2026-11-30T06:27:30Z')).toBe(
      '10: schedule rule 1: Mon-Fri 07:30-20:30 starts at 07:30, 3 min ahead (Europe/Berlin)',
    );
    expect(await at(office, '2026-11-30T06:30:00Z')).toBe(IN_WINDOW);
    // Without a lead the schedule is exact, as before.
    expect(await at({ ...office, leadTime: undefined }, '2026-11-30T06:24:00Z')).toBe(OTHERWISE);
    expect(await at({ ...office, leadTime: '0s' }, '2026-11-30T06:24:00Z')).toBe(OTHERWISE);
  });

  it('scales down on time', async () => {
    expect(await at(office, '2026-11-30T19:29:59Z')).toBe(IN_WINDOW);
    expect(await at(office, '2026-11-30T19:30:00Z')).toBe(OTHERWISE);
  });

  it('covers a window shorter than the lead from its early start to its end', async () => {
    const short: ScheduleSpec = {
      timezone: 'UTC',
      leadTime: '10m',
      rules: [{ when: 'Mon 07:30-07:33', counts: { web: 5 } }],
      otherwise: { web: 0 },
    };
    expect(await at(short, '2026-11-30T07:19:59Z')).toBe('0: schedule otherwise: no rule matched (UTC)');
    expect(await at(short, '2026-11-30T07:20:00Z')).toBe(
      '5: schedule rule 1: Mon 07:30-07:33 starts at 07:30, 10 min ahead (UTC)',
    );
    expect(await at(short, '2026-11-30T07:29:00Z')).toMatch(/^5: .* 1 min ahead/);
    expect(await at(short, '2026-11-30T07:32:59Z')).toBe("5: schedule rule 1 'Mon 07:30-07:33' (UTC)");
    expect(await at(short, '2026-11-30T07:33:00Z')).toBe('0: schedule otherwise: no rule matched (UTC)');
  });

  it('raises each pool on its own: a pool that goes down at the same instant goes down on time', async () => {
    const swap: ScheduleSpec = {
      timezone: 'UTC',
      leadTime: '15m',
      rules: [
        { when: 'Mon 08:00-12:00', counts: { web: 8, batch: 0 } },
        { when: 'Mon 00:00-08:00', counts: { batch: 6 } },
      ],
      otherwise: { web: 2, batch: 1 },
    };
    const decisions = await schedulePolicy(swap).evaluate({
      now: new Date('2026-11-30T07:50:00Z'),
      cluster,
      pools: [],
    });
    expect(decisions.map((d) => [d.pool, d.count])).toEqual([
      ['batch', 6],
      ['web', 8],
    ]);
    expect(await at(swap, '2026-11-30T08:00:00Z', {}, 'batch')).toBe(
      "0: schedule rule 1 'Mon 08:00-12:00' (UTC)",
    );
  });

  it('names the day when the window starts on another local day, and takes cron rules and otherwise early too', async () => {
    const night: ScheduleSpec = {
      timezone: 'UTC',
      leadTime: '30m',
      rules: [
        { when: 'Mon 00:00-06:00', counts: { web: 5 } },
        { cron: '0 9 * * 1', duration: '1h', counts: { web: 7 } },
      ],
      otherwise: { web: 3 },
    };
    expect(await at(night, '2026-11-29T23:45:00Z')).toBe(
      '5: schedule rule 1: Mon 00:00-06:00 starts at Mon 00:00, 15 min ahead (UTC)',
    );
    expect(await at(night, '2026-11-30T08:30:00Z')).toBe(
      "7: schedule rule 2: cron '0 9 * * 1' for 1h starts at 09:00, 30 min ahead (UTC)",
    );
    // 5 until 06:00, then 3: no rise, so no lead; a rule that asks for less never starts early.
    expect(await at(night, '2026-11-30T05:59:00Z')).toBe("5: schedule rule 1 'Mon 00:00-06:00' (UTC)");
  });

  it('starts a window early where there was no opinion before it', async () => {
    const only: ScheduleSpec = {
      timezone: 'UTC',
      leadTime: '5m',
      rules: [{ when: 'Mon 09:00-10:00', counts: { web: 4 } }],
    };
    expect(await at(only, '2026-11-30T08:54:59Z')).toBe('no opinion');
    expect(await at(only, '2026-11-30T08:55:00Z')).toBe(
      '4: schedule rule 1: Mon 09:00-10:00 starts at 09:00, 5 min ahead (UTC)',
    );
  });
});

describe('schedule leadTime: auto', () => {
  const auto: ScheduleSpec = { ...office, leadTime: 'auto' };

  it('takes 10 minutes without expectedOperationInMs', async () => {
    expect(await at(auto, '2026-11-30T06:19:59Z')).toBe(OTHERWISE);
    expect(await at(auto, '2026-11-30T06:20:00Z')).toMatch(/^10: .* starts at 07:30, 10 min ahead/);
  });

  it("asks the context how long that scale-up takes, from the pool's current count", async () => {
    const calls: string[] = [];
    const expectedOperationInMs = (name: string, from: number, to: number) => {
      calls.push(`${name} ${from}->${to}`);
      return (to - from) * 45_000; // 45 s per node added
    };
    const pools = [pool('web', 1)];
    // 1 -> 10 takes 9 * 45 s = 6 min 45 s: early from 06:23:15Z.
    expect(await at(auto, '2026-11-30T06:23:14Z', { pools, expectedOperationInMs })).toBe(OTHERWISE);
    expect(await at(auto, '2026-11-30T06:23:15Z', { pools, expectedOperationInMs })).toBe(
      '10: schedule rule 1: Mon-Fri 07:30-20:30 starts at 07:30, 7 min ahead (Europe/Berlin)',
    );
    expect(calls).toContain('web 1->10');
    // While the scale-up runs the pool already reads 10: the lead stays that of 1 -> 10, so the count holds.
    calls.length = 0;
    expect(
      await at(auto, '2026-11-30T06:25:00Z', { pools: [pool('web', 10)], expectedOperationInMs }),
    ).toMatch(/^10: /);
    expect([...new Set(calls)]).toEqual(['web 1->10']);
    // A pool that runs fewer nodes than the schedule's count now: 0 -> 10 takes 7 min 30 s, early from 06:22:30Z.
    const empty = { pools: [pool('web', 0)], expectedOperationInMs };
    expect(await at(auto, '2026-11-30T06:22:29Z', empty)).toBe(OTHERWISE);
    expect(await at(auto, '2026-11-30T06:22:30Z', empty)).toMatch(/^10: .* 8 min ahead/);
  });

  it('starts one evaluation interval earlier in a loop, so the tick before the last moment still starts it', async () => {
    const pools = [pool('web', 1)];
    const expectedOperationInMs = () => 6 * 60_000;
    const loop = { pools, expectedOperationInMs, evaluationIntervalInMs: 60_000 };
    // 6 min expected plus one 60 s tick: early from 06:23:00Z, not 06:24:00Z.
    expect(await at(auto, '2026-11-30T06:22:59Z', loop)).toBe(OTHERWISE);
    expect(await at(auto, '2026-11-30T06:23:00Z', loop)).toMatch(/^10: .* starts at 07:30, 7 min ahead/);
    expect(await at(auto, '2026-11-30T06:23:00Z', { pools, expectedOperationInMs })).toBe(OTHERWISE);
    // Without anything learned, the default plus the interval; a fixed lead is taken as written.
    expect(await at(auto, '2026-11-30T06:19:00Z', { evaluationIntervalInMs: 60_000 })).toMatch(
      /11 min ahead/,
    );
    expect(await at(office, '2026-11-30T06:23:59Z', { evaluationIntervalInMs: 60_000 })).toBe(OTHERWISE);
    // Never beyond a day, interval included.
    const forever = () => 86_400_000;
    expect(
      await at(auto, '2026-11-29T06:29:59Z', {
        expectedOperationInMs: forever,
        evaluationIntervalInMs: 60_000,
      }),
    ).toBe(OTHERWISE);
  });

  it('takes the default for an answer that is not a duration, and at most a day', async () => {
    const nan = () => Number.NaN;
    expect(await at(auto, '2026-11-30T06:20:00Z', { expectedOperationInMs: nan })).toMatch(/10 min ahead/);
    expect(await at(auto, '2026-11-30T06:19:59Z', { expectedOperationInMs: nan })).toBe(OTHERWISE);
    const forever = () => 7 * 86_400_000;
    // Sunday 29 Nov 07:00Z is 23.5 h before the window: within a day.
    expect(await at(auto, '2026-11-29T07:00:00Z', { expectedOperationInMs: forever })).toMatch(
      /starts at Mon 07:30, 23 h 30 min ahead/,
    );
    expect(await at(auto, '2026-11-29T06:29:59Z', { expectedOperationInMs: forever })).toBe(OTHERWISE);
  });

  it('reaches the schedule through a config and its combinators', async () => {
    const config = parseScalerConfig(
      [
        'clusters: [{ subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg, name: aks }]',
        'policy:',
        '  max:',
        '    - static: { web: 1 }',
        '    - schedule:',
        '        timezone: Europe/Berlin',
        '        leadTime: auto',
        '        rules: [{ when: "Mon-Fri 07:30-20:30", counts: { web: 10 } }]',
        'limits: { maxStepUp: 20 }',
      ].join('\n'),
    );
    const decisions = await policyFromConfig(config).evaluate({
      now: new Date('2026-11-30T06:28:00Z'),
      cluster,
      pools: [pool('web', 1)],
      expectedOperationInMs: () => 120_000,
    });
    expect(decisions[0]?.count).toBe(10);
    expect(decisions[0]?.reason).toContain('Mon-Fri 07:30-20:30 starts at 07:30, 2 min ahead');
  });
});

describe('schedule leadTime: daylight saving days in Europe/Berlin', () => {
  const spec = (when: string, leadTime: string): ScheduleSpec => ({
    timezone: 'Europe/Berlin',
    leadTime,
    rules: [{ when, counts: { web: 8 } }],
    otherwise: { web: 1 },
  });

  it('spring forward: the lead is real time across the skipped hour', async () => {
    // Sunday 29 March 2026: 02:00 CET (01:00Z) becomes 03:00 CEST. 03:30 CEST is 01:30Z; 45 minutes earlier is
    // 00:45Z, which the clock shows as 01:45 CET (not 02:45, which does not exist that night).
    const late = spec('Sun 03:30-06:00', '45m');
    expect(await at(late, '2026-03-29T00:44:59Z')).toBe(OTHERWISE);
    expect(await at(late, '2026-03-29T00:45:00Z')).toBe(
      '8: schedule rule 1: Sun 03:30-06:00 starts at 03:30, 45 min ahead (Europe/Berlin)',
    );
    // A window starting in the gap opens at the first existing minute, 03:00 CEST (01:00Z): early from 00:15Z
    // (01:15 CET).
    const gap = spec('Sun 02:30-06:00', '45m');
    expect(await at(gap, '2026-03-29T00:14:59Z')).toBe(OTHERWISE);
    expect(await at(gap, '2026-03-29T00:15:00Z')).toBe(
      '8: schedule rule 1: Sun 02:30-06:00 starts at 03:00, 45 min ahead (Europe/Berlin)',
    );
    expect(await at(gap, '2026-03-29T01:00:00Z')).toBe(
      "8: schedule rule 1 'Sun 02:30-06:00' (Europe/Berlin)",
    );
  });

  it('fall back: the lead is real time across the repeated hour', async () => {
    // Sunday 25 October 2026: 03:00 CEST (01:00Z) becomes 02:00 CET, so 02:00-03:00 happens twice. 03:00 CET is
    // 02:00Z; 90 minutes earlier is 00:30Z, the first 02:30 (CEST). Reading 03:00 minus 1h30 on the wall clock
    // (01:30 CEST, 23:30Z) would start an hour too early.
    const morning = spec('Sun 03:00-05:00', '90m');
    expect(await at(morning, '2026-10-25T00:29:59Z')).toBe(OTHERWISE);
    expect(await at(morning, '2026-10-25T00:30:00Z')).toBe(
      '8: schedule rule 1: Sun 03:00-05:00 starts at 03:00, 1 h 30 min ahead (Europe/Berlin)',
    );
    // A window inside the repeated hour opens twice (00:15Z in CEST, 01:15Z in CET) and gets its lead each time:
    // early from 23:55Z and from 00:55Z, down on time at 00:45Z and 01:45Z.
    const twice = spec('Sun 02:15-02:45', '20m');
    expect(await at(twice, '2026-10-24T23:54:59Z')).toBe(OTHERWISE);
    expect(await at(twice, '2026-10-24T23:55:00Z')).toMatch(/^8: .* starts at 02:15, 20 min ahead/);
    expect(await at(twice, '2026-10-25T00:45:00Z')).toBe(OTHERWISE);
    expect(await at(twice, '2026-10-25T00:54:59Z')).toBe(OTHERWISE);
    expect(await at(twice, '2026-10-25T00:55:00Z')).toMatch(/^8: .* starts at 02:15, 20 min ahead/);
    expect(await at(twice, '2026-10-25T01:44:59Z')).toBe(
      "8: schedule rule 1 'Sun 02:15-02:45' (Europe/Berlin)",
    );
    expect(await at(twice, '2026-10-25T01:45:00Z')).toBe(OTHERWISE);
  });
});

describe('schedule leadTime: bad input', () => {
  it.each(['soon', '25h', '-5m', ''])('refuses %j, naming the key', (leadTime) => {
    try {
      schedulePolicy({ ...office, leadTime });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const [issue] = (error as ConfigError).issues;
      expect(issue?.path).toBe('schedule.leadTime');
      expect(issue?.message).toContain("expected 'auto'");
      expect(issue?.message).toContain(`(found ${JSON.stringify(leadTime)})`);
    }
  });
});

describe('schedule leadTime: the looked-ahead minutes it keeps', () => {
  it('forgets the minutes a loop has passed, so a long-running schedule holds about one lead of them', () => {
    const compiled = compileSchedule(parseSchedule({ ...office, leadTime: '30m' }));
    const lead = leadFor(30 * 60_000);
    const start = Date.parse('2026-11-30T00:00:00Z');
    // Two days of 60-second ticks, as a loop-mode pod evaluates it.
    for (let tick = 0; tick < 2 * 24 * 60; tick += 1) {
      resolveWithLead(compiled, start + tick * 60_000, lead, { current: new Map([['web', 1]]) });
      expect(compiled.cachedInstants).toBeLessThanOrEqual(32);
    }
    expect(compiled.cachedInstants).toBeGreaterThan(0);
  });
});
