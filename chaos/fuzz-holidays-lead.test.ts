import { ConfigError } from '@aks-scaler/core';
import { type ScheduleSpec, schedulePolicy } from '@aks-scaler/policies';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Holiday calendars and lead times: any spec is refused with a ConfigError or evaluates to valid decisions, and a
// lead only ever raises a count, to exactly the largest count the schedule asks for within the lead.
const country = fc.oneof(
  { arbitrary: fc.constantFrom('DE', 'US', 'JP', 'gb', 'FR', 'BR'), weight: 6 },
  fc.constantFrom('XX', 'UK', '', 'Germany', 'D E'),
  fc.string({ maxLength: 4 }),
);
const region = fc.option(
  fc.oneof(fc.constantFrom('BY', 'BE', 'CA', 'ny', 'BY.A', 'ZZ', '', '.', 'BY..A'), fc.string()),
  {
    nil: undefined,
  },
);
const types = fc.option(
  fc.array(fc.constantFrom('public', 'bank', 'school', 'optional', 'observance', 'national'), {
    maxLength: 3,
  }),
  { nil: undefined },
);
const leadMinutes = fc.integer({ min: 0, max: 45 });
const when = fc.constantFrom(
  'holidays',
  'Holidays',
  'Mon-Fri 07:30-20:30',
  'Fri 22:00-06:00',
  '* 00:00-24:00',
  'Sun 02:30-03:10',
);
const counts = fc.dictionary(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 20 }), { maxKeys: 2 });
const instant = fc.date({
  min: new Date('1990-01-01T00:00:00Z'),
  max: new Date('2060-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const cluster = { subscriptionId: 's', resourceGroup: 'r', clusterName: 'c' };

async function countsAt(policy: ReturnType<typeof schedulePolicy>, ms: number, extra = {}) {
  const decisions = await policy.evaluate({ now: new Date(ms), cluster, pools: [], ...extra });
  for (const decision of decisions) {
    expect(Number.isInteger(decision.count) && decision.count >= 0 && decision.count <= 1000).toBe(true);
    expect(decision.reason.length).toBeGreaterThan(0);
  }
  return new Map(decisions.map((d) => [d.pool, d.count]));
}

describe('fuzz: holiday calendars and lead time', () => {
  it('a spec is refused with a ConfigError, or its lead raises each count to the largest within the lead', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ country, region, types }),
        fc.boolean(),
        leadMinutes,
        fc.array(fc.record({ when, counts }), { maxLength: 3 }),
        fc.option(counts, { nil: undefined }),
        instant,
        async (holidays, withCalendar, lead, rules, otherwise, now) => {
          const spec = {
            timezone: 'Europe/Berlin',
            ...(withCalendar && { holidays }),
            rules,
            ...(otherwise !== undefined && { otherwise }),
          } as ScheduleSpec;
          let exact: ReturnType<typeof schedulePolicy>;
          let early: ReturnType<typeof schedulePolicy>;
          try {
            exact = schedulePolicy(spec);
            early = schedulePolicy({ ...spec, leadTime: `${lead}m` });
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
            return;
          }
          accepted++;
          const ms = now.getTime();
          const withLead = await countsAt(early, ms);
          // Windows and holidays change on whole minutes: the largest count in [now, now + lead] is the largest of
          // the count now and at each whole minute up to now + lead.
          const expected = await countsAt(exact, ms);
          for (let at = Math.floor(ms / 60_000 + 1) * 60_000; at <= ms + lead * 60_000; at += 60_000) {
            for (const [pool, count] of await countsAt(exact, at)) {
              if (count > (expected.get(pool) ?? -1)) expected.set(pool, count);
            }
          }
          expect(Object.fromEntries(withLead)).toEqual(Object.fromEntries(expected));
        },
      ),
      { numRuns: 150 },
    );
    expect(accepted).toBeGreaterThan(10);
  });

  it('auto takes any answer of expectedOperationInMs without failing', async () => {
    const spec: ScheduleSpec = {
      timezone: 'Europe/Berlin',
      holidays: { country: 'DE' },
      leadTime: 'auto',
      rules: [
        { when: 'holidays', counts: { a: 0 } },
        { when: 'Mon-Fri 07:30-20:30', counts: { a: 10 } },
      ],
      otherwise: { a: 1 },
    };
    const policy = schedulePolicy(spec);
    const answer = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, -1, Number.POSITIVE_INFINITY, 1e15, 0));
    await fc.assert(
      fc.asyncProperty(answer, instant, async (value, now) => {
        const result = await countsAt(policy, now.getTime(), { expectedOperationInMs: () => value });
        expect([0, 1, 10]).toContain(result.get('a'));
      }),
      { numRuns: 150 },
    );
  });
});
