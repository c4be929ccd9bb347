import { ConfigError } from '@aks-scaler/core';
import { parseScalerConfig, policyFromConfig, schedulePolicy } from '@aks-scaler/policies';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// `when` strings, NODE_POOLS_AMOUNT and the config text are fuzzed by the policies package itself; these add the
// cron rules, their durations, timezones, and whole declarative policies evaluated at arbitrary instants.
// Valid values are weighted up so that a good share of whole specs is accepted and evaluated (one bad rule
// refuses the whole spec), while bad values still come often enough to exercise every refusal.
const timezone = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Etc/GMT+12',
    ),
    weight: 6,
  },
  fc.constantFrom('europe/berlin', 'Mars/Olympus', 'GMT+1', '', ' UTC', 'Europe/Berlin '),
  fc.string(),
);
const cronField = fc.oneof(
  fc.constantFrom('*', '*/5', '0', '59', '60', '1-5', '5-1', 'MON-FRI', 'L', '?', '#', '1,2,3', '*/0', '-1'),
  fc.integer({ min: -2, max: 70 }).map(String),
);
const cron = fc.oneof(
  fc.array(cronField, { minLength: 4, maxLength: 7 }).map((fields) => fields.join(' ')),
  { arbitrary: fc.constantFrom('0 7 * * 1-5', '30 22 * * 5', '0 0 29 2 *', '@daily'), weight: 4 },
  fc.constantFrom('0 0 31 4 *', '@reboot', ''),
  fc.string(),
);
const duration = fc.oneof(
  { arbitrary: fc.constantFrom('8h', '90m', '1h30m', 'PT8H', 'P1D'), weight: 4 },
  fc.constantFrom('0s', '-1h', '1y', '', '3650d', 'PT'),
  fc.string(),
);
const counts = fc.dictionary(
  fc.oneof({ arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/), weight: 4 }, fc.string()),
  fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 1000 }), weight: 4 },
    fc.integer({ min: -1, max: 1001 }),
    fc.double(),
  ),
  { maxKeys: 3 },
);
const when = fc.constantFrom(
  'Mon-Fri 07:30-20:30',
  'Fri 22:00-06:00',
  '* 00:00-24:00',
  'Sat,Sun 10:00-10:00',
  '2026-12-24T00:00/2026-12-27T00:00',
);
const rule = fc.oneof(fc.record({ cron, duration, counts }), fc.record({ when, counts }));
const instant = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('2100-01-01T00:00:00Z'),
  noInvalidDate: true,
});

function expectValidDecisions(decisions: Array<{ pool: string; count: number; reason: string }>): void {
  for (const decision of decisions) {
    expect(decision.pool).toMatch(/^[a-z][a-z0-9]{0,11}$/);
    expect(Number.isInteger(decision.count) && decision.count >= 0 && decision.count <= 1000).toBe(true);
    expect(decision.reason.length).toBeGreaterThan(0);
  }
}

describe('fuzz: schedules', () => {
  it('a schedule spec is refused with a ConfigError, or evaluates to valid decisions at any instant', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        timezone,
        fc.array(rule, { maxLength: 3 }),
        fc.option(counts, { nil: undefined }),
        fc.array(instant, { minLength: 1, maxLength: 4 }),
        (tz, rules, otherwise, instants) => {
          let policy: ReturnType<typeof schedulePolicy>;
          try {
            policy = schedulePolicy({ timezone: tz, rules, ...(otherwise !== undefined && { otherwise }) });
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
            return;
          }
          accepted++;
          for (const now of instants) {
            const decisions = policy.evaluate({
              now,
              cluster: { subscriptionId: 's', resourceGroup: 'r', clusterName: 'c' },
              pools: [],
            });
            expectValidDecisions(decisions as Array<{ pool: string; count: number; reason: string }>);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(10);
  });

  it('a declarative policy (static, schedule, combinators, bounds, limits) parses and evaluates, or is a ConfigError', async () => {
    const validCounts = fc.dictionary(
      fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/),
      fc.integer({ min: 0, max: 1000 }),
      { maxKeys: 3 },
    );
    const validRule = fc.oneof(
      fc.record({
        cron: fc.constantFrom('0 7 * * 1-5', '30 22 * * 5', '*/15 * * * *'),
        duration: fc.constantFrom('8h', '90m', 'PT1H'),
        counts: validCounts,
      }),
      fc.record({ when, counts: validCounts }),
    );
    const leaf = fc.oneof(
      { arbitrary: fc.record({ static: validCounts }), weight: 3 },
      {
        arbitrary: fc.record({
          schedule: fc.record({
            timezone: fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kathmandu'),
            rules: fc.array(validRule, { maxLength: 2 }),
          }),
        }),
        weight: 3,
      },
      fc.record({ static: counts }),
      fc.record({ schedule: fc.record({ timezone, rules: fc.array(rule, { maxLength: 2 }) }) }),
    );
    const policy = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.record({ max: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ min: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ first: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
      ),
    })).node;
    const config = fc.record(
      {
        clusters: fc.constant([
          { subscription: '00000000-0000-0000-0000-000000000000', resourceGroup: 'rg', name: 'aks' },
        ]),
        policy,
        bounds: fc.dictionary(
          fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/),
          fc.record({ min: fc.integer({ min: 0, max: 5 }), max: fc.integer({ min: 5, max: 1001 }) }),
          { maxKeys: 2 },
        ),
        limits: fc.record(
          {
            concurrency: fc.integer({ min: 1, max: 64 }),
            maxStepUp: fc.integer({ min: 0, max: 10 }),
            maxStepDown: fc.integer({ min: 0, max: 10 }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['clusters', 'policy'] },
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(config, instant, async (value, now) => {
        let built: ReturnType<typeof policyFromConfig>;
        try {
          built = policyFromConfig(parseScalerConfig(JSON.stringify(value)));
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          return;
        }
        accepted++;
        const pools = [
          {
            cluster: { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'aks' },
            name: 'a',
            count: 2,
            mode: 'User',
            enableAutoScaling: false,
            powerState: 'Running' as const,
            provisioningState: 'Succeeded',
          },
        ];
        const decisions = await built.evaluate({ now, cluster: pools[0]!.cluster, pools });
        for (const decision of decisions) {
          expect(typeof decision.pool).toBe('string');
          expect(Number.isFinite(decision.count)).toBe(true);
          expect(typeof decision.reason).toBe('string');
        }
      }),
      { numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(10);
  });
});
