import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import type { ScheduleSpec } from './schedule-schema.js';
import { scheduleTransitions } from './schedule-transitions.js';

const workHours: ScheduleSpec = {
  timezone: 'Europe/Berlin',
  rules: [
    { when: '2026-12-24T00:00/2026-12-27T00:00', counts: { manualpool2: 0 } },
    { when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10 } },
  ],
  otherwise: { manualpool2: 1 },
};

function simplify(transitions: ReturnType<typeof scheduleTransitions>) {
  return transitions.map(({ at, counts, rule }) => [at.toISOString(), counts, rule]);
}

describe('scheduleTransitions', () => {
  it('lists the state at from, then each change', () => {
    const transitions = scheduleTransitions(workHours, {
      from: new Date('2026-11-30T00:00:00Z'),
      to: new Date('2026-12-01T23:59:00Z'),
    });
    expect(simplify(transitions)).toEqual([
      ['2026-11-30T00:00:00.000Z', { manualpool2: 1 }, 'otherwise'],
      ['2026-11-30T06:30:00.000Z', { manualpool2: 10 }, "rule 2 'Mon-Fri 07:30-20:30'"],
      ['2026-11-30T19:30:00.000Z', { manualpool2: 1 }, 'otherwise'],
      ['2026-12-01T06:30:00.000Z', { manualpool2: 10 }, "rule 2 'Mon-Fri 07:30-20:30'"],
      ['2026-12-01T19:30:00.000Z', { manualpool2: 1 }, 'otherwise'],
    ]);
  });

  it('follows the local clock across a DST change', () => {
    const transitions = scheduleTransitions(workHours, {
      from: new Date('2026-03-27T12:00:00Z'),
      to: new Date('2026-03-30T12:00:00Z'),
    });
    expect(simplify(transitions).map(([at]) => at)).toEqual([
      '2026-03-27T12:00:00.000Z',
      '2026-03-27T19:30:00.000Z', // Friday 20:30 CET
      '2026-03-30T05:30:00.000Z', // Monday 07:30 CEST
    ]);
  });

  it('includes holidays and says when there is no opinion', () => {
    const noOtherwise = { ...workHours, otherwise: undefined };
    const transitions = scheduleTransitions(noOtherwise, {
      from: new Date('2026-12-23T20:00:00Z'),
      to: new Date('2026-12-24T00:00:00Z'),
    });
    expect(simplify(transitions)).toEqual([
      ['2026-12-23T20:00:00.000Z', null, 'none'],
      ['2026-12-23T23:00:00.000Z', { manualpool2: 0 }, "rule 1 '2026-12-24T00:00/2026-12-27T00:00'"],
    ]);
  });

  it('places cron starts and ends exactly, to the second', () => {
    const spec: ScheduleSpec = {
      timezone: 'UTC',
      rules: [{ cron: '30 0 7 * * *', duration: '90s', counts: { a: 3 } }],
      otherwise: { a: 0 },
    };
    const transitions = scheduleTransitions(spec, {
      from: new Date('2026-11-30T06:00:00Z'),
      to: new Date('2026-11-30T08:00:00Z'),
    });
    expect(simplify(transitions).map(([at, counts]) => [at, counts])).toEqual([
      ['2026-11-30T06:00:00.000Z', { a: 0 }],
      ['2026-11-30T07:00:30.000Z', { a: 3 }],
      ['2026-11-30T07:02:00.000Z', { a: 0 }],
    ]);
  });

  it('combines the rules in force per pool', () => {
    const spec: ScheduleSpec = {
      timezone: 'UTC',
      rules: [
        { when: 'Mon 09:00-10:00', counts: { a: 1 } },
        { when: 'Mon 09:30-11:00', counts: { a: 2, b: 2 } },
      ],
    };
    const transitions = scheduleTransitions(spec, {
      from: new Date('2026-11-30T08:00:00Z'),
      to: new Date('2026-11-30T12:00:00Z'),
    });
    expect(simplify(transitions)).toEqual([
      ['2026-11-30T08:00:00.000Z', null, 'none'],
      ['2026-11-30T09:00:00.000Z', { a: 1 }, "rule 1 'Mon 09:00-10:00'"],
      ['2026-11-30T09:30:00.000Z', { a: 1, b: 2 }, "rule 1 'Mon 09:00-10:00' + rule 2 'Mon 09:30-11:00'"],
      ['2026-11-30T10:00:00.000Z', { a: 2, b: 2 }, "rule 2 'Mon 09:30-11:00'"],
      ['2026-11-30T11:00:00.000Z', null, 'none'],
    ]);
  });

  it('rejects bad ranges and bad specs with a ConfigError', () => {
    const from = new Date('2026-11-30T00:00:00Z');
    expect(() => scheduleTransitions(workHours, { from, to: new Date('2026-11-29T00:00:00Z') })).toThrow(
      ConfigError,
    );
    expect(() => scheduleTransitions(workHours, { from, to: new Date('2028-01-01T00:00:00Z') })).toThrow(
      ConfigError,
    );
    expect(() => scheduleTransitions({ timezone: 'Nope', rules: [] }, { from, to: from })).toThrow(
      ConfigError,
    );
  });
});

describe('scheduleTransitions: holidays and lead time', () => {
  const berlin: ScheduleSpec = {
    timezone: 'Europe/Berlin',
    holidays: { country: 'DE' },
    rules: [
      { when: 'holidays', counts: { manualpool2: 0 } },
      { when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10 } },
    ],
    otherwise: { manualpool2: 1 },
  };

  it('names each holiday (Christmas Day and Boxing Day, 25 and 26 December in every German state)', () => {
    const transitions = scheduleTransitions(berlin, {
      from: new Date('2026-12-24T20:00:00Z'),
      to: new Date('2026-12-27T00:00:00Z'),
    });
    expect(simplify(transitions)).toEqual([
      ['2026-12-24T20:00:00.000Z', { manualpool2: 1 }, 'otherwise'],
      ['2026-12-24T23:00:00.000Z', { manualpool2: 0 }, "rule 1 'holidays' (Christmas Day)"],
      ['2026-12-25T23:00:00.000Z', { manualpool2: 0 }, "rule 1 'holidays' (Boxing Day)"],
      ['2026-12-26T23:00:00.000Z', { manualpool2: 1 }, 'otherwise'],
    ]);
  });

  it('lists the early starts of a lead, and scale-downs on time', () => {
    const transitions = scheduleTransitions(
      { ...berlin, leadTime: '6m' },
      { from: new Date('2026-12-23T00:00:00Z'), to: new Date('2026-12-23T23:59:00Z') },
    );
    expect(transitions.map(({ at, counts, rule, early }) => [at.toISOString(), counts, rule, early])).toEqual(
      [
        ['2026-12-23T00:00:00.000Z', { manualpool2: 1 }, 'otherwise', undefined],
        [
          '2026-12-23T06:24:00.000Z', // Wednesday 07:24 CET: 6 minutes before the window
          { manualpool2: 10 },
          "rule 2 'Mon-Fri 07:30-20:30' (early start)",
          { manualpool2: new Date('2026-12-23T06:30:00Z') },
        ],
        ['2026-12-23T06:30:00.000Z', { manualpool2: 10 }, "rule 2 'Mon-Fri 07:30-20:30'", undefined],
        ['2026-12-23T19:30:00.000Z', { manualpool2: 1 }, 'otherwise', undefined],
      ],
    );
  });

  it('takes auto leads from expectedOperationInMs, or 10 minutes', () => {
    const range = { from: new Date('2026-12-28T06:00:00Z'), to: new Date('2026-12-28T07:00:00Z') };
    const auto = { ...berlin, leadTime: 'auto' };
    expect(simplify(scheduleTransitions(auto, range)).map(([at]) => at)).toEqual([
      '2026-12-28T06:00:00.000Z',
      '2026-12-28T06:20:00.000Z',
      '2026-12-28T06:30:00.000Z',
    ]);
    const learned = scheduleTransitions(auto, {
      ...range,
      expectedOperationInMs: (_pool, from, to) => (to - from) * 60_000,
    });
    expect(simplify(learned).map(([at]) => at)).toEqual([
      '2026-12-28T06:00:00.000Z',
      '2026-12-28T06:21:00.000Z', // 1 -> 10 nodes at a minute each
      '2026-12-28T06:30:00.000Z',
    ]);
  });

  it('keeps a window shorter than the lead, and crosses the spring-forward gap in real time', () => {
    const short: ScheduleSpec = {
      timezone: 'Europe/Berlin',
      leadTime: '45m',
      rules: [{ when: 'Sun 03:30-03:40', counts: { a: 8 } }],
      otherwise: { a: 1 },
    };
    // 29 March 2026: 03:30 CEST is 01:30Z; 45 minutes before is 00:45Z (01:45 CET); the window ends at 01:40Z.
    const transitions = scheduleTransitions(short, {
      from: new Date('2026-03-29T00:00:00Z'),
      to: new Date('2026-03-29T03:00:00Z'),
    });
    expect(simplify(transitions)).toEqual([
      ['2026-03-29T00:00:00.000Z', { a: 1 }, 'otherwise'],
      ['2026-03-29T00:45:00.000Z', { a: 8 }, "rule 1 'Sun 03:30-03:40' (early start)"],
      ['2026-03-29T01:30:00.000Z', { a: 8 }, "rule 1 'Sun 03:30-03:40'"],
      ['2026-03-29T01:40:00.000Z', { a: 1 }, 'otherwise'],
    ]);
  });
});
