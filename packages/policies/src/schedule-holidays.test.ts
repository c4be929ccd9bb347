import type { PolicyContext } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { parseScalerConfig } from './parse-scaler-config.js';
import { schedulePolicy } from './schedule-policy.js';
import type { ScheduleSpec } from './schedule-schema.js';

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' };

/** Pool `a` is 0 on holidays, 1 otherwise; returns the reason at an instant when it is a holiday, else null. */
async function holidayAt(
  holidays: NonNullable<ScheduleSpec['holidays']>,
  timezone: string,
  iso: string,
): Promise<string | null> {
  const policy = schedulePolicy({
    timezone,
    holidays,
    rules: [{ when: 'holidays', counts: { a: 0 } }],
    otherwise: { a: 1 },
  });
  const ctx: PolicyContext = { now: new Date(iso), cluster, pools: [] };
  const [decision] = await policy.evaluate(ctx);
  return decision?.count === 0 ? decision.reason : null;
}

// Each date's status comes from the law or an official calendar named next to it, not from the library:
// - Germany: the nationwide days are set by every state's holiday law (Feiertagsgesetz) and, for 3 October, by the
//   Unification Treaty (Einigungsvertrag, Art. 2 (2)). Epiphany (6 January) is a public holiday in Bavaria
//   (Bayerisches Feiertagsgesetz, Art. 1 (1)) but not in Berlin; International Women's Day (8 March) is one in
//   Berlin (Berliner Sonn- und Feiertagsgesetz, § 1, since 2019) but not in Bavaria. No state's law lists
//   Christmas Eve (24 December).
// - United States: 5 U.S.C. 6103 (a) names the federal holidays: Martin Luther King Jr. Day on the third Monday of
//   January (19 January 2026), Thanksgiving on the fourth Thursday of November (26 November 2026); 4 July 2026 is a
//   Saturday, so the holiday is observed on Friday 3 July (Executive Order 11582; OPM's 2026 holiday list).
// - Japan: the Act on National Holidays (国民の祝日に関する法律) and the Cabinet Office's list for 2026: Children's
//   Day on 5 May; Constitution Day (3 May) is a Sunday, so 6 May is a substitute holiday (Art. 3 (2)); 22 September
//   lies between Respect for the Aged Day (21 September) and Autumnal Equinox Day (23 September), so it is a
//   holiday too (Art. 3 (3)); Culture Day is 3 November. 7 May 2026 is an ordinary Thursday.
describe('schedule holidays: when: holidays, by country and region', () => {
  it.each([
    // Instants at local noon, so the date is the same in UTC.
    [{ country: 'DE' }, '2026-12-25T11:00:00Z', 'holiday Christmas Day in DE'],
    [{ country: 'DE' }, '2026-10-03T10:00:00Z', 'holiday National Holiday in DE'],
    [{ country: 'DE' }, '2026-01-06T11:00:00Z', null], // Epiphany is not nationwide
    [{ country: 'DE' }, '2026-12-24T11:00:00Z', null], // Christmas Eve is no public holiday
    [{ country: 'DE', region: 'BY' }, '2026-01-06T11:00:00Z', 'holiday Epiphany in DE-BY'],
    [{ country: 'DE', region: 'BE' }, '2026-01-06T11:00:00Z', null],
    [{ country: 'DE', region: 'BE' }, '2026-03-08T11:00:00Z', "holiday International Women's Day in DE-BE"],
    [{ country: 'DE', region: 'BY' }, '2026-03-08T11:00:00Z', null],
    [{ country: 'DE', region: 'BY' }, '2026-12-25T11:00:00Z', 'holiday Christmas Day in DE-BY'],
  ])('Germany %j at %s -> %s', async (holidays, iso, expected) => {
    const reason = await holidayAt(holidays, 'Europe/Berlin', iso);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toBe(`schedule rule 1 'holidays': ${expected} (Europe/Berlin)`);
  });

  it.each([
    ['2026-01-19T17:00:00Z', 'holiday Martin Luther King Jr. Day in US'],
    ['2026-11-26T17:00:00Z', 'holiday Thanksgiving Day in US'],
    ['2026-07-03T16:00:00Z', 'holiday Independence Day (substitute day) in US'],
    ['2026-11-25T17:00:00Z', null], // the Wednesday before Thanksgiving
  ])('the United States at %s -> %s', async (iso, expected) => {
    const reason = await holidayAt({ country: 'US' }, 'America/New_York', iso);
    expect(reason).toBe(
      expected === null ? null : `schedule rule 1 'holidays': ${expected} (America/New_York)`,
    );
  });

  it.each([
    ['2026-05-05T03:00:00Z', "holiday Children's Day in JP"],
    ['2026-05-06T03:00:00Z', 'holiday Constitution Day (substitute day) in JP'],
    ['2026-09-22T03:00:00Z', "holiday Citizens' Holiday in JP"],
    ['2026-05-07T03:00:00Z', null],
  ])('Japan at %s -> %s', async (iso, expected) => {
    const reason = await holidayAt({ country: 'jp' }, 'Asia/Tokyo', iso);
    expect(reason).toBe(expected === null ? null : `schedule rule 1 'holidays': ${expected} (Asia/Tokyo)`);
  });

  it('matches the local date in the schedule timezone, not the UTC date', async () => {
    // Berlin, winter (UTC+1): Christmas Day runs from 24 Dec 23:00Z to 25 Dec 23:00Z.
    expect(await holidayAt({ country: 'DE' }, 'Europe/Berlin', '2026-12-24T22:59:59Z')).toBeNull();
    expect(await holidayAt({ country: 'DE' }, 'Europe/Berlin', '2026-12-24T23:00:00Z')).not.toBeNull();
    expect(await holidayAt({ country: 'DE' }, 'Europe/Berlin', '2026-12-25T22:59:59Z')).not.toBeNull();
    // Berlin, summer (UTC+2): 3 October starts at 2 Oct 22:00Z, on the previous UTC day.
    expect(await holidayAt({ country: 'DE' }, 'Europe/Berlin', '2026-10-02T21:59:00Z')).toBeNull();
    expect(await holidayAt({ country: 'DE' }, 'Europe/Berlin', '2026-10-02T22:00:00Z')).not.toBeNull();
    // Tokyo (UTC+9): Culture Day (3 November, a Tuesday in 2026, after an ordinary Monday) starts at 2 Nov 15:00Z.
    expect(await holidayAt({ country: 'JP' }, 'Asia/Tokyo', '2026-11-02T14:59:00Z')).toBeNull();
    expect(await holidayAt({ country: 'JP' }, 'Asia/Tokyo', '2026-11-02T15:00:00Z')).toBe(
      "schedule rule 1 'holidays': holiday Culture Day in JP (Asia/Tokyo)",
    );
    // Los Angeles (UTC-8): Thanksgiving lasts until 27 Nov 08:00Z, into the next UTC day.
    expect(await holidayAt({ country: 'US' }, 'America/Los_Angeles', '2026-11-27T07:59:00Z')).not.toBeNull();
    expect(await holidayAt({ country: 'US' }, 'America/Los_Angeles', '2026-11-27T08:00:00Z')).toBeNull();
    // The calendar's date, read in another zone: Japan's holiday in a UTC schedule is the UTC date.
    expect(await holidayAt({ country: 'JP' }, 'UTC', '2026-11-02T15:00:00Z')).toBeNull();
  });

  it('types choose which days count (public by default)', async () => {
    // Christmas Eve: no public holiday (see above); banks close (the calendar's `bank` type).
    expect(
      await holidayAt({ country: 'DE', types: ['public'] }, 'Europe/Berlin', '2026-12-24T11:00:00Z'),
    ).toBeNull();
    expect(
      await holidayAt({ country: 'DE', types: ['public', 'bank'] }, 'Europe/Berlin', '2026-12-24T11:00:00Z'),
    ).toBe("schedule rule 1 'holidays': holiday Christmas Eve in DE (Europe/Berlin)");
  });

  it('a holiday rule listed first wins over the weekly rule, and otherwise resumes after it', async () => {
    const policy = schedulePolicy({
      timezone: 'Europe/Berlin',
      holidays: { country: 'DE', region: 'BY' },
      rules: [
        { when: 'holidays', counts: { web: 0 } },
        { when: 'Mon-Fri 07:30-20:30', counts: { web: 10 } },
      ],
      otherwise: { web: 1 },
    });
    const at = async (iso: string) =>
      (await policy.evaluate({ now: new Date(iso), cluster, pools: [] }))[0]?.count;
    expect(await at('2026-01-06T09:00:00Z')).toBe(0); // Tuesday, Epiphany
    expect(await at('2026-01-07T09:00:00Z')).toBe(10);
    expect(await at('2026-01-06T23:00:00Z')).toBe(1); // 7 Jan 00:00 local
  });
});

describe('schedule holidays: bad input', () => {
  function problems(spec: ScheduleSpec): ReadonlyArray<{ path: string; message: string }> {
    try {
      schedulePolicy(spec);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).issues;
    }
    throw new Error('expected a ConfigError');
  }

  it('an unknown country names what was typed and lists close codes', () => {
    const [issue, ...rest] = problems({ timezone: 'UTC', holidays: { country: 'DX' }, rules: [] });
    expect(rest).toEqual([]);
    expect(issue?.path).toBe('schedule.holidays.country');
    expect(issue?.message).toMatch(/^unknown holiday country "DX": use an ISO 3166-1 alpha-2 code/);
    expect(issue?.message).toContain('DE (Germany), DJ (Djibouti), DK (Denmark)');
    expect(issue?.message).toContain('(found "DX")');
  });

  it('a country name instead of its code, or a common alias, puts that code first', () => {
    const [issue] = problems({ timezone: 'UTC', holidays: { country: 'Germany' }, rules: [] });
    expect(issue?.message).toContain('such as DE (Germany), ');
    const [uk] = problems({ timezone: 'UTC', holidays: { country: 'UK' }, rules: [] });
    expect(uk?.message).toContain('such as GB (United Kingdom), ');
  });

  it('an unknown region (which the calendar itself would accept silently) lists the valid ones', () => {
    const [issue] = problems({ timezone: 'UTC', holidays: { country: 'DE', region: 'Bavaria' }, rules: [] });
    expect(issue?.path).toBe('schedule.holidays.region');
    expect(issue?.message).toContain('unknown region "Bavaria" of DE (Germany): use one of BB (Brandenburg)');
    expect(issue?.message).toContain('BY (Bayern)');
    const [us] = problems({ timezone: 'UTC', holidays: { country: 'US', region: 'CX' }, rules: [] });
    expect(us?.message).toContain('use one of CA (California), CO (Colorado), CT (Connecticut), TX (Texas)');
    expect(us?.message).toMatch(/and \d+ more/);
    const [jp] = problems({ timezone: 'UTC', holidays: { country: 'JP', region: 'X' }, rules: [] });
    expect(jp?.message).toBe(
      'JP (Japan) has no regions in the holiday calendar: remove `region` (found "X")',
    );
    const [sub] = problems({ timezone: 'UTC', holidays: { country: 'DE', region: 'BY.Q' }, rules: [] });
    expect(sub?.message).toContain(`use 'BY' or 'BY.<code>' with one of A (Stadt Augsburg)`);
  });

  it('takes a region of a state and matches codes in any case', async () => {
    // Augsburg's Peace Festival (8 August) is a public holiday in the city of Augsburg only (Bayerisches
    // Feiertagsgesetz, Art. 1 (2)).
    expect(
      await holidayAt({ country: 'de', region: 'by.a' }, 'Europe/Berlin', '2026-08-08T10:00:00Z'),
    ).toMatch(/ in DE-BY\.A \(Europe\/Berlin\)$/);
    expect(
      await holidayAt({ country: 'DE', region: 'BY' }, 'Europe/Berlin', '2026-08-08T10:00:00Z'),
    ).toBeNull();
  });

  it('an unknown type, and when: holidays without a calendar, are refused', () => {
    expect(
      problems({
        timezone: 'UTC',
        // @ts-expect-error: not a type of day
        holidays: { country: 'DE', types: ['national'] },
        rules: [],
      }).map((issue) => issue.path),
    ).toEqual(['schedule.holidays.types[0]']);
    const [issue] = problems({ timezone: 'UTC', rules: [{ when: 'holidays', counts: { a: 0 } }] });
    expect(issue).toEqual({
      path: 'schedule.rules[0].when',
      message:
        "`when: holidays` needs the schedule's holiday calendar: add `holidays: { country: 'DE' }` next to `timezone` (with a `region` such as 'BY' where holidays differ by state) (found \"holidays\")",
    });
  });

  it('in a config, the path says where in the file', () => {
    const text = [
      'clusters: [{ subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg, name: aks }]',
      'policy:',
      '  max:',
      '    - static: { web: 1 }',
      '    - schedule:',
      '        timezone: Europe/Berlin',
      '        holidays: { country: XX }',
      '        rules: [{ when: holidays, counts: { web: 0 } }]',
    ].join('\n');
    expect(() => parseScalerConfig(text, { source: 'scaler.yaml' })).toThrow(
      /policy\.max\[1\]\.schedule\.holidays\.country: unknown holiday country "XX"/,
    );
  });
});
