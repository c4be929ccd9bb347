import { describe, expect, it } from 'vitest';
import { scalerConfigWarnings } from './config-warnings.js';
import { parseScalerConfig } from './parse-scaler-config.js';

const CLUSTER = '{ subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg, name: aks }';
// Monday 2026-11-23 12:00 in Berlin.
const NOW = new Date('2026-11-23T11:00:00Z');

function warningsOf(policy: string, rest = ''): Array<[string, string]> {
  const config = parseScalerConfig(`clusters:\n  - ${CLUSTER}\npolicy:\n${policy}\n${rest}`);
  return scalerConfigWarnings(config, { now: NOW }).map(({ path, message }) => [path, message]);
}

function schedule(rules: string[], timezone = 'Europe/Berlin'): string {
  return [
    '  schedule:',
    `    timezone: ${timezone}`,
    '    rules:',
    ...rules.map((rule) => `      - ${rule}`),
  ].join('\n');
}

describe('scalerConfigWarnings', () => {
  it('has nothing to say about a config that means what it says', () => {
    const policy = schedule([
      '{ when: "2026-12-24T00:00/2026-12-27T00:00", counts: { manualpool2: 0 } }',
      '{ when: "Mon-Fri 07:30-20:30", counts: { manualpool2: 10 } }',
      '{ when: "Mon-Fri 07:30-20:30", counts: { manualpool3: 4 } }',
      '{ cron: "0 2 * * *", duration: 2h, counts: { manualpool2: 3 } }',
    ]);
    expect(warningsOf(policy, 'bounds: { manualpool2: { max: 50 } }')).toEqual([]);
  });

  it('says target, not count, for a stop or an autoscaler range that never applies', () => {
    const policy = [
      '  max:',
      '    - static: { batch: stop }',
      '    - schedule:',
      '        timezone: Europe/Berlin',
      '        rules:',
      '          - { when: "* 00:00-24:00", counts: { web: { min: 1, max: 4 }, api: 2 } }',
      '          - { when: "Mon-Fri 07:30-20:30", counts: { web: { min: 3, max: 20 }, api: 3, batch: 4 } }',
      '          - { when: "Sat 08:00-12:00", counts: { api: 5 } }',
    ].join('\n');
    // batch is named by the static stop, so its bound applies; the warnings name the targets by their kind.
    expect(warningsOf(policy, 'bounds: { batch: { max: 4 }, web: { max: 30 } }')).toEqual([
      [
        'policy.max[1].schedule.rules[1]',
        expect.stringMatching(/^its targets for web and api never apply: rules\[0\] comes first/),
      ],
      ['policy.max[1].schedule.rules[2]', expect.stringMatching(/^never wins: rules\[0\] comes first/)],
    ]);
  });

  it('a second holidays rule for the same pools never wins; a holidays rule after a weekday window still can', () => {
    const policy = [
      ...schedule([
        '{ when: holidays, counts: { manualpool2: 0 } }',
        '{ when: "Mon-Fri 07:30-20:30", counts: { manualpool2: 10 } }',
        '{ when: holidays, counts: { manualpool2: 3, manualpool3: 1 } }',
      ]).split('\n'),
      '    holidays: { country: DE }',
    ].join('\n');
    expect(warningsOf(policy)).toEqual([
      [
        'policy.schedule.rules[2]',
        expect.stringMatching(/^its count for manualpool2 never applies: rules\[0\] comes first/),
      ],
    ]);
  });

  it('reads `when: Holidays` in any case, as the schedule itself does', () => {
    const policy = [
      ...schedule([
        '{ when: Holidays, counts: { manualpool2: 0 } }',
        '{ when: " HOLIDAYS ", counts: { manualpool2: 3 } }',
      ]).split('\n'),
      '    holidays: { country: DE }',
    ].join('\n');
    expect(warningsOf(policy)).toEqual([
      ['policy.schedule.rules[1]', expect.stringMatching(/^never wins: rules\[0\] comes first/)],
    ]);
  });

  it('warns about an absolute window that is over, read in the schedule timezone', () => {
    // 2026-11-23T12:00 ended an hour ago in Berlin (11:00Z); in New York it is still 06:00 that morning.
    const ended = '{ when: "2026-11-20T00:00/2026-11-23T12:00", counts: { manualpool2: 0 } }';
    expect(warningsOf(schedule([ended]))).toEqual([
      [
        'policy.schedule.rules[0].when',
        'the window ended at 2026-11-23T12:00 (Europe/Berlin), before now: the rule never applies again; remove it or give it new dates',
      ],
    ]);
    expect(warningsOf(schedule([ended], 'America/New_York'))).toEqual([]);
  });

  it('warns about a rule that never wins: an earlier rule with the same window names the same pools', () => {
    const policy = schedule([
      '{ when: "Mon-Fri 07:30-20:30", counts: { manualpool2: 10 } }',
      '{ when: "mon-fri  07:30-20:30", counts: { manualpool2: 6 } }',
    ]);
    expect(warningsOf(policy)).toEqual([
      [
        'policy.schedule.rules[1]',
        'never wins: rules[0] comes first, is active whenever this rule is and names manualpool2 too (the first active rule wins for each pool); remove this rule, or move it above rules[0] if it is an exception to it',
      ],
    ]);
  });

  it('names the pools of a rule that never apply when an earlier, wider window names only some of them', () => {
    const policy = schedule([
      '{ when: "* 00:00-24:00", counts: { manualpool2: 2 } }',
      '{ when: "Sat,Sun 08:00-12:00", counts: { manualpool3: 1 } }',
      '{ when: "Fri 22:00-06:00", counts: { manualpool2: 5, manualpool3: 5 } }',
    ]);
    expect(warningsOf(policy)).toEqual([
      [
        'policy.schedule.rules[2]',
        'its count for manualpool2 never applies: rules[0] comes first, is active whenever this rule is and names manualpool2 too (the first active rule wins for each pool); remove those pools from it, or move it above rules[0] if it is an exception to it',
      ],
    ]);
  });

  it('sees a window that a weekly window covers across midnight and an absolute range inside a weekly one', () => {
    const policy = schedule([
      '{ when: "Fri-Sun", counts: { manualpool2: 1 } }',
      '{ when: "Sun 22:00-02:00", counts: { manualpool2: 3 } }',
      '{ when: "Sat 23:00-01:00", counts: { manualpool2: 3 } }',
      '{ when: "2026-12-26T10:00/2026-12-27T10:00", counts: { manualpool2: 0 } }',
    ]);
    // Sunday 22:00-02:00 runs into Monday, which Fri-Sun does not cover; Saturday 23:00-01:00 stays inside.
    // 2026-12-26 is a Saturday.
    expect(warningsOf(policy).map(([path, message]) => [path, message.slice(0, 10)])).toEqual([
      ['policy.schedule.rules[2]', 'never wins'],
      ['policy.schedule.rules[3]', 'never wins'],
    ]);
  });

  it('compares cron rules by expression and duration', () => {
    const policy = schedule([
      '{ cron: "0 7 * * 1-5", duration: 8h, counts: { manualpool2: 4 } }',
      '{ cron: "0  7 * * 1-5", duration: 2h, counts: { manualpool2: 9 } }',
      '{ cron: "0 7 * * 1-5", duration: 9h, counts: { manualpool2: 9 } }',
    ]);
    expect(warningsOf(policy).map(([path]) => path)).toEqual(['policy.schedule.rules[1]']);
  });

  it('warns about a rule that names no pool, inside combinators too', () => {
    const policy = [
      '  max:',
      '    - static: { manualpool3: 2 }',
      '    - stabilize:',
      '        scaleDownWindow: 5m',
      '        policy:',
      '          schedule: { timezone: UTC, rules: [{ when: "Mon", counts: {} }] }',
    ].join('\n');
    expect(warningsOf(policy)).toEqual([
      [
        'policy.max[1].stabilize.policy.schedule.rules[0].counts',
        'names no pool, so the rule never decides anything; add pools or remove the rule',
      ],
    ]);
  });

  it('warns about bounds for a pool no policy names', () => {
    const policy = [
      '  max:',
      '    - static: { manualpool2: 2 }',
      '    - metric: { prometheus: { url: "http://p:9090", query: q }, pools: [manualpool3], targetPerNode: 5 }',
    ].join('\n');
    const bounds = 'bounds: { manualpool2: { min: 1 }, manualpool3: { max: 9 }, manualpoo4: { max: 3 } }';
    expect(warningsOf(policy, bounds)).toEqual([
      [
        'bounds.manualpoo4',
        "no policy in this config names manualpoo4, so this bound never applies (bounds limit decisions, they never make one); check the pool's name",
      ],
    ]);
  });

  it('warns about a cluster listed twice', () => {
    const config = parseScalerConfig(
      `clusters:\n  - ${CLUSTER}\n  - ${CLUSTER.replace('name: aks', 'name: AKS')}\npolicy: { static: { a: 1 } }`,
    );
    expect(scalerConfigWarnings(config, { now: NOW })).toEqual([
      {
        path: 'clusters[1]',
        message:
          'the same cluster as clusters[0]: each entry gets its own policy and reconciles the same pools; list each cluster once',
      },
    ]);
  });

  it('warns about a selector given twice, not about two selectors of one subscription', () => {
    const sub = '00000000-0000-0000-0000-000000000000';
    const config = parseScalerConfig(
      JSON.stringify({
        clusters: [
          { subscription: sub, selector: { tags: { fleet: 'shop' } } },
          { subscription: sub, selector: { tags: { fleet: 'tools' } } },
          { subscription: sub, resourceGroup: 'rg', selector: { tags: { fleet: 'shop' } } },
          { subscription: sub, selector: { tags: { Fleet: 'shop' } } },
        ],
        policy: { static: { manualpool2: 1 } },
      }),
    );
    expect(scalerConfigWarnings(config)).toEqual([
      {
        path: 'clusters[3]',
        message:
          'the same selector as clusters[0]: its clusters are reconciled once, by clusters[0]; remove this entry',
      },
    ]);
  });
});
