import { ConfigError } from '@aks-scaler/core';
import { describeTarget } from '@aks-scaler/core/common';
import { type PoolTarget, type ScheduleSpec, schedulePolicy } from '@aks-scaler/policies';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Holiday calendars and lead times: any spec is refused with a ConfigError or evaluates to valid decisions, and a
// lead only ever raises a count, to exactly the largest count the schedule asks for within the lead; with stops
// and autoscaler ranges, to the most capacity (a stop never comes early, ranges rise bound by bound).
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
const range = fc
  .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }))
  .map(([x, y]) => ({ min: Math.min(x, y), max: Math.max(x, y) }));
// Pool a gets counts or stop, pool b autoscaler ranges or stop (one kind of capacity per pool, as configs do).
const targets = fc.record(
  {
    a: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant('stop' as const)),
    b: fc.oneof(range, fc.constant('stop' as const)),
  },
  { requiredKeys: [] },
);
// Instants up to 50 minutes before a window of `when` starts or ends (Berlin is UTC+1 or +2), where leads matter.
const nearEdge = fc
  .tuple(
    fc.integer({ min: 0, max: 730 }),
    fc.constantFrom(0, 150, 190, 360, 450, 1230, 1320),
    fc.integer({ min: 0, max: 50 * 60_000 }),
    fc.constantFrom(60, 120),
  )
  .map(([day, minute, backInMs, offset]) => {
    const localMidnight = Date.UTC(2026, 0, 1) + day * 86_400_000;
    return new Date(localMidnight + (minute - offset) * 60_000 - backInMs);
  });
const instant = fc.date({
  min: new Date('1990-01-01T00:00:00Z'),
  max: new Date('2060-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const cluster = { subscriptionId: 's', resourceGroup: 'r', clusterName: 'c' };

async function countsAt(policy: ReturnType<typeof schedulePolicy>, ms: number, extra = {}) {
  const decisions = await policy.evaluate({ now: new Date(ms), cluster, pools: [], ...extra });
  for (const { count, reason } of decisions) {
    expect(count !== undefined && Number.isInteger(count) && count >= 0 && count <= 1000).toBe(true);
    expect(reason.length).toBeGreaterThan(0);
  }
  return new Map(decisions.map((d) => [d.pool, d.count ?? -1]));
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

  it('with stops and ranges, a lead takes exactly the most capacity within it, and never a stop', async () => {
    let accepted = 0;
    let raised = 0;
    await fc.assert(
      fc.asyncProperty(
        leadMinutes,
        fc.array(fc.record({ when, counts: targets }), { maxLength: 3 }),
        fc.option(targets, { nil: undefined }),
        fc.oneof(instant, nearEdge),
        async (lead, rules, otherwise, now) => {
          const spec = {
            timezone: 'Europe/Berlin',
            holidays: { country: 'DE' },
            rules,
            ...(otherwise !== undefined && { otherwise }),
          } as ScheduleSpec;
          const exact = schedulePolicy(spec);
          const early = schedulePolicy({ ...spec, leadTime: `${lead}m` });
          accepted++;
          const ms = now.getTime();
          const expected = await targetsAt(exact, ms);
          for (let at = Math.floor(ms / 60_000 + 1) * 60_000; at <= ms + lead * 60_000; at += 60_000) {
            for (const [pool, target] of await targetsAt(exact, at)) {
              const more = moreCapacity(expected.get(pool), target);
              if (more !== undefined) expected.set(pool, more);
            }
          }
          const withLead = await targetsAt(early, ms);
          expect(Object.fromEntries(withLead)).toEqual(Object.fromEntries(expected));
          if (JSON.stringify([...withLead]) !== JSON.stringify([...(await targetsAt(exact, ms))])) raised++;
        },
      ),
      {
        numRuns: 150,
        // Always one spec that starts a stopped pool and widens a range early, so the property is never vacuous.
        examples: [
          [
            10,
            [{ when: 'Mon-Fri 07:30-20:30', counts: { a: 4, b: { min: 2, max: 8 } } }],
            { a: 'stop', b: { min: 1, max: 3 } },
            new Date('2026-12-01T06:25:00Z'),
          ],
        ],
      },
    );
    expect(accepted).toBe(150);
    expect(raised).toBeGreaterThan(0);
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

/** Each pool's target at `ms`, as decisions give it (exactly one kind each), in config's words. */
async function targetsAt(policy: ReturnType<typeof schedulePolicy>, ms: number) {
  const decisions = await policy.evaluate({ now: new Date(ms), cluster, pools: [] });
  const result = new Map<string, PoolTarget>();
  for (const decision of decisions) {
    const kinds = [decision.count, decision.power, decision.autoscaler].filter((x) => x !== undefined);
    expect(kinds).toHaveLength(1);
    const text = describeTarget(decision);
    const [min, max] = text.split('..').map(Number);
    result.set(
      decision.pool,
      text === 'stop' ? 'stop' : max === undefined ? (min as number) : { min: min!, max },
    );
  }
  return result;
}

/**
 * The oracle: what a later target adds to one that comes first, or undefined when it adds nothing. A stop adds
 * nothing; anything else beats no opinion or a stop; the larger count; a range's bounds each to the larger value.
 */
function moreCapacity(first: PoolTarget | undefined, later: PoolTarget): PoolTarget | undefined {
  if (later === 'stop') return undefined;
  if (first === undefined || first === 'stop') return later;
  if (typeof first === 'number' && typeof later === 'number') return later > first ? later : undefined;
  if (typeof first === 'object' && typeof later === 'object') {
    const merged = { min: Math.max(first.min, later.min), max: Math.max(first.max, later.max) };
    return merged.min === first.min && merged.max === first.max ? undefined : merged;
  }
  throw new Error('one kind of capacity per pool');
}
