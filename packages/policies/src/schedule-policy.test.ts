import type { PolicyContext } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { schedulePolicy } from './schedule-policy.js';
import type { ScheduleSpec } from './schedule-schema.js';

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' };

async function countsAt(spec: ScheduleSpec, iso: string): Promise<Record<string, number | undefined>> {
  const ctx: PolicyContext = { now: new Date(iso), cluster, pools: [] };
  const decisions = await schedulePolicy(spec).evaluate(ctx);
  return Object.fromEntries(decisions.map((decision) => [decision.pool, decision.count]));
}

/** A one-rule schedule: pool `a` is 1 inside the window and has no opinion outside. */
function inside(timezone: string, when: string) {
  return async (iso: string) =>
    (await countsAt({ timezone, rules: [{ when, counts: { a: 1 } }] }, iso)).a === 1;
}

describe('schedulePolicy: weekly windows', () => {
  // 2026-11-30 is a Monday.
  it.each([
    ['Mon-Fri 07:30-20:30', '2026-11-30T07:30:00Z', true],
    ['Mon-Fri 07:30-20:30', '2026-11-30T07:29:59.999Z', false],
    ['Mon-Fri 07:30-20:30', '2026-11-30T20:29:59Z', true],
    ['Mon-Fri 07:30-20:30', '2026-11-30T20:30:00Z', false],
    ['Mon-Fri 07:30-20:30', '2026-12-05T12:00:00Z', false],
    ['Sat,Sun 00:00-24:00', '2026-12-05T00:00:00Z', true],
    ['Sat,Sun 00:00-24:00', '2026-12-06T23:59:59Z', true],
    ['Sat,Sun 00:00-24:00', '2026-12-07T00:00:00Z', false],
    ['Mon 20:00-24:00', '2026-11-30T23:59:59Z', true],
    ['Mon 20:00-24:00', '2026-12-01T00:00:00Z', false],
    ['Mon-Sun 09:00-10:00', '2026-12-06T09:30:00Z', true],
    ['* 09:00-10:00', '2026-12-03T09:30:00Z', true],
    ['mon-fri 9:00-10:00', '2026-12-03T09:30:00Z', true],
    ['Sat', '2026-12-05T13:00:00Z', true],
    ['Sat', '2026-12-06T00:00:00Z', false],
    ['Fri-Mon 12:00-13:00', '2026-12-06T12:30:00Z', true],
    ['Fri-Mon 12:00-13:00', '2026-12-02T12:30:00Z', false],
    // Crossing midnight: the window belongs to the day it starts.
    ['Fri 22:00-06:00', '2026-12-04T22:00:00Z', true],
    ['Fri 22:00-06:00', '2026-12-05T05:59:59Z', true],
    ['Fri 22:00-06:00', '2026-12-05T06:00:00Z', false],
    ['Fri 22:00-06:00', '2026-12-04T05:00:00Z', false],
    ['Fri 22:00-06:00', '2026-12-05T22:30:00Z', false],
    ['Mon-Fri 22:00-06:00', '2026-11-30T03:00:00Z', false],
    ['Mon-Fri 22:00-06:00', '2026-12-05T03:00:00Z', true],
    ['Sun 22:00-06:00', '2026-11-30T05:00:00Z', true],
  ])('UTC %s at %s -> %s', async (when, iso, expected) => {
    expect(await inside('UTC', when)(iso)).toBe(expected);
  });

  it('reads windows in the rule timezone', async () => {
    const berlin = inside('Europe/Berlin', 'Mon-Fri 07:30-20:30');
    expect(await berlin('2026-11-30T06:30:00Z')).toBe(true); // 07:30 CET
    expect(await berlin('2026-11-30T06:29:00Z')).toBe(false);
    expect(await berlin('2026-07-06T05:30:00Z')).toBe(true); // 07:30 CEST
    expect(await berlin('2026-07-06T18:30:00Z')).toBe(false); // 20:30 CEST
    const tokyo = inside('Asia/Tokyo', 'Mon 00:00-01:00');
    expect(await tokyo('2026-11-29T15:30:00Z')).toBe(true); // Monday 00:30 in Tokyo, Sunday in UTC
  });
});

describe('schedulePolicy: DST is wall-clock time', () => {
  // Each case: zone, window, instant, expected. The comments give the local reading.
  it.each([
    // Europe/Berlin, 2026-03-29 02:00 CET -> 03:00 CEST: a window starting in the gap begins at 03:00.
    ['Europe/Berlin', 'Sun 02:30-04:00', '2026-03-29T00:59:59Z', false], // 01:59:59 CET
    ['Europe/Berlin', 'Sun 02:30-04:00', '2026-03-29T01:00:00Z', true], // 03:00 CEST
    ['Europe/Berlin', 'Sun 02:30-04:00', '2026-03-29T02:00:00Z', false], // 04:00 CEST
    // Europe/Berlin, 2026-10-25 03:00 CEST -> 02:00 CET: 02:15 happens twice and matches both times.
    ['Europe/Berlin', 'Sun 02:15-02:45', '2026-10-25T00:15:00Z', true], // 02:15 CEST
    ['Europe/Berlin', 'Sun 02:15-02:45', '2026-10-25T00:50:00Z', false], // 02:50 CEST
    ['Europe/Berlin', 'Sun 02:15-02:45', '2026-10-25T01:15:00Z', true], // 02:15 CET
    ['Europe/Berlin', 'Sun 02:15-02:45', '2026-10-25T01:45:00Z', false], // 02:45 CET
    // America/New_York, 2026-03-08 02:00 EST -> 03:00 EDT.
    ['America/New_York', 'Sun 02:30-03:30', '2026-03-08T06:59:00Z', false], // 01:59 EST
    ['America/New_York', 'Sun 02:30-03:30', '2026-03-08T07:00:00Z', true], // 03:00 EDT
    ['America/New_York', 'Sun 02:30-03:30', '2026-03-08T07:30:00Z', false], // 03:30 EDT
    // America/New_York, 2026-11-01 02:00 EDT -> 01:00 EST.
    ['America/New_York', 'Sun 01:00-01:30', '2026-11-01T05:10:00Z', true], // 01:10 EDT
    ['America/New_York', 'Sun 01:00-01:30', '2026-11-01T05:40:00Z', false], // 01:40 EDT
    ['America/New_York', 'Sun 01:00-01:30', '2026-11-01T06:10:00Z', true], // 01:10 EST
    ['America/New_York', 'Sun 01:00-01:30', '2026-11-01T06:40:00Z', false], // 01:40 EST
    // Australia/Lord_Howe (30-minute DST), 2026-10-04 02:00 +10:30 -> 02:30 +11.
    ['Australia/Lord_Howe', 'Sun 02:10-02:40', '2026-10-03T15:29:00Z', false], // 01:59 +10:30
    ['Australia/Lord_Howe', 'Sun 02:10-02:40', '2026-10-03T15:30:00Z', true], // 02:30 +11
    ['Australia/Lord_Howe', 'Sun 02:10-02:40', '2026-10-03T15:40:00Z', false], // 02:40 +11
    // Australia/Lord_Howe, 2026-04-05 02:00 +11 -> 01:30 +10:30: 01:30-02:00 happens twice.
    ['Australia/Lord_Howe', 'Sun 01:40-01:50', '2026-04-04T14:40:00Z', true], // 01:40 +11
    ['Australia/Lord_Howe', 'Sun 01:40-01:50', '2026-04-04T14:55:00Z', false], // 01:55 +11
    ['Australia/Lord_Howe', 'Sun 01:40-01:50', '2026-04-04T15:10:00Z', true], // 01:40 +10:30
    ['Australia/Lord_Howe', 'Sun 01:40-01:50', '2026-04-04T15:25:00Z', false], // 01:55 +10:30
    // Australia/Sydney (southern hemisphere), 2026-10-04 02:00 AEST -> 03:00 AEDT.
    ['Australia/Sydney', 'Sun 02:30-03:15', '2026-10-03T15:59:00Z', false], // 01:59 AEST
    ['Australia/Sydney', 'Sun 02:30-03:15', '2026-10-03T16:00:00Z', true], // 03:00 AEDT
    ['Australia/Sydney', 'Sun 02:30-03:15', '2026-10-03T16:15:00Z', false], // 03:15 AEDT
    // Australia/Sydney, 2026-04-05 03:00 AEDT -> 02:00 AEST.
    ['Australia/Sydney', 'Sun 02:10-02:20', '2026-04-04T15:15:00Z', true], // 02:15 AEDT
    ['Australia/Sydney', 'Sun 02:10-02:20', '2026-04-04T15:30:00Z', false], // 02:30 AEDT
    ['Australia/Sydney', 'Sun 02:10-02:20', '2026-04-04T16:15:00Z', true], // 02:15 AEST
    // A window crossing midnight on a DST night is still read on the local clock.
    ['Europe/Berlin', 'Sat 22:00-02:30', '2026-03-29T00:59:00Z', true], // Sunday 01:59 CET
    ['Europe/Berlin', 'Sat 22:00-02:30', '2026-03-29T01:00:00Z', false], // Sunday 03:00 CEST
  ])('%s %s at %s -> %s', async (timezone, when, iso, expected) => {
    expect(await inside(timezone, when)(iso)).toBe(expected);
  });
});

describe('schedulePolicy: absolute ranges, order, otherwise, reasons', () => {
  const spec: ScheduleSpec = {
    timezone: 'Europe/Berlin',
    rules: [
      { when: '2026-12-24T00:00/2026-12-27T00:00', counts: { manualpool2: 0 } },
      { when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10, manualpool3: 4 } },
    ],
    otherwise: { manualpool2: 1, manualpool3: 2 },
  };

  it.each([
    ['2026-12-23T22:59:59Z', { manualpool2: 1, manualpool3: 2 }], // Wed 23:59:59 local, before the holiday
    ['2026-12-23T12:00:00Z', { manualpool2: 10, manualpool3: 4 }], // Wed 13:00 local
    ['2026-12-23T23:00:00Z', { manualpool2: 0, manualpool3: 2 }], // 24th 00:00 local
    ['2026-12-24T10:00:00Z', { manualpool2: 0, manualpool3: 4 }], // Thursday working hours: rule 2 for manualpool3
    ['2026-12-26T22:59:00Z', { manualpool2: 0, manualpool3: 2 }],
    ['2026-12-26T23:00:00Z', { manualpool2: 1, manualpool3: 2 }], // 27th 00:00 local: range ended
    ['2026-12-28T07:00:00Z', { manualpool2: 10, manualpool3: 4 }],
  ])('at %s asks for %j', async (iso, expected) => {
    expect(await countsAt(spec, iso)).toEqual(expected);
  });

  it('explains which rule won', async () => {
    const decisions = await schedulePolicy(spec).evaluate({
      now: new Date('2026-11-30T10:00:00Z'),
      cluster,
      pools: [],
    });
    expect(decisions).toContainEqual({
      pool: 'manualpool2',
      count: 10,
      reason: "schedule rule 2 'Mon-Fri 07:30-20:30' (Europe/Berlin)",
    });
    const night = await schedulePolicy(spec).evaluate({
      now: new Date('2026-11-30T22:00:00Z'),
      cluster,
      pools: [],
    });
    expect(night[0]?.reason).toBe('schedule otherwise: no rule matched (Europe/Berlin)');
  });

  it('has no opinion without otherwise', async () => {
    expect(
      await countsAt(
        { timezone: 'UTC', rules: [{ when: 'Mon 09:00-10:00', counts: { a: 1 } }] },
        '2026-12-01T09:30:00Z',
      ),
    ).toEqual({});
  });

  it('absolute ranges are local wall-clock times, also across DST', async () => {
    const range = inside('America/New_York', '2026-03-08T01:00/2026-03-08T03:30');
    expect(await range('2026-03-08T05:59:00Z')).toBe(false); // 00:59 EST
    expect(await range('2026-03-08T06:00:00Z')).toBe(true); // 01:00 EST
    expect(await range('2026-03-08T07:29:00Z')).toBe(true); // 03:29 EDT
    expect(await range('2026-03-08T07:30:00Z')).toBe(false); // 03:30 EDT
    expect(await inside('UTC', '2026-12-24/2026-12-25')('2026-12-24T23:59:59Z')).toBe(true);
  });
});

describe('schedulePolicy: cron rules', () => {
  const spec: ScheduleSpec = {
    timezone: 'Europe/Berlin',
    rules: [{ cron: '0 7 * * 1-5', duration: '8h', counts: { batch: 5 } }],
    otherwise: { batch: 0 },
  };

  it.each([
    ['2026-11-30T05:59:59Z', 0], // Monday 06:59:59 local
    ['2026-11-30T06:00:00Z', 5], // fired at 07:00 local
    ['2026-11-30T13:59:59Z', 5],
    ['2026-11-30T14:00:00Z', 0], // 8h later: the duration is exclusive
    ['2026-12-05T08:00:00Z', 0], // Saturday
    ['2026-07-06T05:00:00Z', 5], // 07:00 CEST
  ])('at %s asks for %i', async (iso, expected) => {
    expect((await countsAt(spec, iso)).batch).toBe(expected);
  });

  it('says when the rule fired', async () => {
    const [decision] = await schedulePolicy(spec).evaluate({
      now: new Date('2026-11-30T09:00:00Z'),
      cluster,
      pools: [],
    });
    expect(decision?.reason).toBe(
      "schedule rule 1 cron '0 7 * * 1-5' for 8h, fired 2026-11-30T06:00:00.000Z (Europe/Berlin)",
    );
  });

  it('a fire time in the spring-forward gap fires at the first existing time after it', async () => {
    const gap: ScheduleSpec = {
      timezone: 'Europe/Berlin',
      rules: [{ cron: '30 2 * * *', duration: 'PT1H', counts: { a: 1 } }],
    };
    expect(await countsAt(gap, '2026-03-29T00:59:00Z')).toEqual({});
    expect(await countsAt(gap, '2026-03-29T01:00:00Z')).toEqual({ a: 1 }); // 03:00 CEST
    expect(await countsAt(gap, '2026-03-29T01:59:59Z')).toEqual({ a: 1 });
    expect(await countsAt(gap, '2026-03-29T02:00:00Z')).toEqual({});
  });

  it('ISO and short durations agree', async () => {
    const iso = { ...spec, rules: [{ cron: '0 7 * * 1-5', duration: 'PT8H', counts: { batch: 5 } }] };
    expect(await countsAt(iso, '2026-11-30T13:59:59Z')).toEqual(await countsAt(spec, '2026-11-30T13:59:59Z'));
  });
});

describe('schedulePolicy: validation at construction', () => {
  it('lists every problem at once', () => {
    try {
      schedulePolicy({
        timezone: 'Europe/Berln',
        rules: [
          { when: 'Mon-Fry 07:00-08:00', counts: { a: 1 } },
          { when: 'Mon 25:00-26:00', counts: { Bad: 1 } },
          { cron: 'not a cron', duration: '8h', counts: {} },
          { cron: '0 7 * * *', duration: 'eight hours', counts: {} },
        ],
        otherwise: { a: -1 },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual([
        'schedule.timezone',
        'schedule.rules[0].when',
        'schedule.rules[1].counts.Bad',
        'schedule.rules[1].when',
        'schedule.rules[2].cron',
        'schedule.rules[3].duration',
        'schedule.otherwise.a',
      ]);
    }
  });

  it.each(['Mars/Olympus', 'CET+1', '', 'europe/berlin_x'])('rejects the timezone %j', (timezone) => {
    expect(() => schedulePolicy({ timezone, rules: [] })).toThrow(ConfigError);
  });
});
