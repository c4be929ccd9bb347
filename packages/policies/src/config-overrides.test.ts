import type { NodePool, PolicyNotice } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';
import { nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { scalerConfigWarnings } from './config-warnings.js';
import { parseScalerConfig } from './parse-scaler-config.js';
import { policyFromConfig } from './policy-from-config.js';

const NOW = new Date('2026-12-05T09:00:00Z');
const cluster = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'rg',
  clusterName: 'aks',
};

const config = (overrides: string, extra = '') => `
clusters:
  - { subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg, name: aks }
  - { subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg, name: web }
policy:
  static: { manualpool2: 5, manualpool3: 5 }
bounds: { manualpool2: { max: 6 } }
limits: { maxStepUp: 1 }
${extra}
overrides:
${overrides}
`;

function issuesOf(text: string, now = NOW): Array<[string, string]> {
  try {
    parseScalerConfig(text, { source: 'scaler.yaml', now });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('scaler.yaml');
    return (error as ConfigError).issues.map((issue) => [issue.path, issue.message]);
  }
  throw new Error('expected a ConfigError');
}

describe('config overrides: validation', () => {
  it('accepts a count, stop, pause and a range, each with until and reason', () => {
    const parsed = parseScalerConfig(
      config(`
  - { pools: [manualpool2], target: 10, until: "2026-12-05T17:00:00Z", reason: load test }
  - { pools: [manualpool3], cluster: web, target: stop, until: "2026-12-07T08:00:00+01:00", reason: weekend }
  - { pools: [manualpool4], target: pause, until: "2026-12-06T00:00:00Z", reason: incident }
  - { pools: [autopool], target: { min: 2, max: 8 }, until: "2026-12-06T00:00:00Z", reason: sale }`),
      { now: NOW },
    );
    expect(parsed.overrides?.map((o) => o.target)).toEqual([10, 'stop', 'pause', { min: 2, max: 8 }]);
  });

  it('lists every problem at once: no until, no reason, an until beyond 30 days or without an offset, min > max, a bad target', () => {
    expect(
      issuesOf(
        config(`
  - { pools: [manualpool2], target: 10, reason: load test }
  - { pools: [manualpool3], target: 10, until: "2026-12-05T17:00:00Z" }
  - { pools: [manualpool4], target: 10, until: "2027-01-05T09:00:01Z", reason: too long }
  - { pools: [manualpool5], target: 10, until: "2026-12-06T08:00", reason: local }
  - { pools: [manualpool6], target: { min: 5, max: 2 }, until: "2026-12-06T08:00:00Z", reason: range }
  - { pools: [manualpool7], target: banana, until: "2026-12-06T08:00:00Z", reason: fruit }`),
      ),
    ).toEqual([
      ['overrides[0].until', expect.stringMatching(/expected string.*found nothing/i)],
      ['overrides[1].reason', expect.stringMatching(/expected string.*found nothing/i)],
      [
        'overrides[3].until',
        expect.stringMatching(/"2026-12-06T08:00" has no UTC offset.*2026-12-06T08:00Z/),
      ],
      [
        'overrides[4].target',
        'min 5 is greater than max 2; write { min: 2, max: 5 } (found { min: 5, max: 2 })',
      ],
      [
        'overrides[5].target',
        expect.stringMatching(/expected a node count \(0\.\.1000\), 'stop', 'pause' or \{ min, max \}/),
      ],
      [
        'overrides[2].until',
        expect.stringMatching(
          /^2027-01-05T09:00:01Z is 31d00h00m01s ahead, more than the 30 days an override may last; .*change the policy/,
        ),
      ],
    ]);
  });

  it('checks the 30 days against the clock it is given: the same file is valid a day later', () => {
    const text = config(
      '  - { pools: [manualpool2], target: 10, until: "2027-01-05T09:00:00Z", reason: long }',
    );
    expect(issuesOf(text, new Date('2026-12-05T08:59:59Z'))).toEqual([
      ['overrides[0].until', expect.stringMatching(/more than the 30 days/)],
    ]);
    expect(() => parseScalerConfig(text, { now: new Date('2026-12-06T09:00:00Z') })).not.toThrow();
  });

  it('an expired override is valid, with a warning to remove it (what validate and the pod at start say)', () => {
    const text = config(`
  - { pools: [manualpool2, manualpool3], target: 10, until: "2026-12-01T00:00:00Z", reason: old }
  - { pools: [manualpool4], target: 10, until: "2026-12-06T00:00:00Z", reason: current }`);
    const parsed = parseScalerConfig(text, { now: NOW });
    expect(scalerConfigWarnings(parsed, { now: NOW })).toEqual([
      {
        path: 'overrides[0]',
        message: 'override for manualpool2, manualpool3 expired at 2026-12-01T00:00:00Z; remove it',
      },
    ]);
  });

  it('refuses a cluster the config does not list and a pool with two overrides for one cluster', () => {
    expect(
      issuesOf(
        config(`
  - { pools: [manualpool2], cluster: wbe, target: 3, until: "2026-12-06T00:00:00Z", reason: a }
  - { pools: [manualpool3], target: 3, until: "2026-12-06T00:00:00Z", reason: b }
  - { pools: [manualpool3], cluster: web, target: 4, until: "2026-12-06T00:00:00Z", reason: c }`),
      ),
    ).toEqual([
      [
        'overrides[0].cluster',
        "'wbe' is not one of the clusters of this config (aks, web); use one of their names, or leave cluster out for all of them",
      ],
      [
        'overrides[2].pools',
        'manualpool3 already has an override in overrides[1] for the same cluster; give each pool one override',
      ],
    ]);
  });
  it('matches a cluster name in any case, as the override is applied, also when it finds two for one pool', () => {
    expect(
      issuesOf(
        config(`
  - { pools: [manualpool2], cluster: WEB, target: 3, until: "2026-12-06T00:00:00Z", reason: a }
  - { pools: [manualpool2], cluster: web, target: 4, until: "2026-12-06T00:00:00Z", reason: b }`),
      ),
    ).toEqual([
      [
        'overrides[1].pools',
        'manualpool2 already has an override in overrides[0] for the same cluster; give each pool one override',
      ],
    ]);
  });

  it('with a selector among the clusters, a cluster name cannot be checked offline and is accepted', () => {
    const text = `
clusters:
  - { subscription: 00000000-0000-0000-0000-000000000000, selector: { tags: { fleet: shop } } }
policy: { static: { manualpool2: 1 } }
overrides:
  - { pools: [manualpool2], cluster: web, target: 3, until: "2026-12-06T00:00:00Z", reason: sale }
`;
    expect(parseScalerConfig(text, { now: NOW }).overrides?.[0]?.cluster).toBe('web');
  });
});

describe('config overrides: the policy', () => {
  const pools = (extra: Partial<NodePool> = {}) => [
    nodePool({ name: 'manualpool2', cluster, count: 2 }),
    nodePool({ name: 'manualpool3', cluster, count: 2, ...extra }),
  ];

  it('apply outermost: they beat the policy, bounds and step limits; a tag beats them', async () => {
    const policy = policyFromConfig(
      parseScalerConfig(
        config(`
  - { pools: [manualpool2, manualpool3], target: 9, until: "2026-12-05T17:00:00Z", reason: load test }`),
        { now: NOW },
      ),
    );
    const notices: PolicyNotice[] = [];
    const decisions = await policy.evaluate({
      now: NOW,
      cluster,
      pools: pools({ tags: { 'aks-scaler-override': 'pause', 'aks-scaler-until': '2026-12-06T00:00:00Z' } }),
      notify: (n) => notices.push(n),
    });
    expect(decisions.map((d) => [d.pool, d.count, d.reason])).toEqual([
      [
        'manualpool2',
        9,
        'override until 2026-12-05T17:00:00Z (load test); the policy asked: static manualpool2=5 (step limited to 3, +1 from 2)',
      ],
      [
        'manualpool3',
        2,
        'paused until 2026-12-06T00:00:00Z; the policy asked: static manualpool3=5 (step limited to 3, +1 from 2)',
      ],
    ]);
    expect(notices.map((n) => [n.code, n.pool, n.details?.source])).toEqual([
      ['override-active', 'manualpool2', 'config'],
      ['override-active', 'manualpool3', 'tag'],
    ]);
  });

  it('an override for another cluster leaves this one to the policy; an expired one warns', async () => {
    const policy = policyFromConfig(
      parseScalerConfig(
        config(`
  - { pools: [manualpool2], cluster: web, target: 0, until: "2026-12-06T00:00:00Z", reason: web only }
  - { pools: [manualpool3], target: 0, until: "2026-12-05T08:00:00Z", reason: over }`),
        { now: NOW },
      ),
    );
    const notices: PolicyNotice[] = [];
    const decisions = await policy.evaluate({
      now: NOW,
      cluster,
      pools: pools(),
      notify: (n) => notices.push(n),
    });
    expect(decisions.map((d) => [d.pool, d.count, (d as { override?: unknown }).override])).toEqual([
      ['manualpool2', 3, undefined],
      ['manualpool3', 3, undefined],
    ]);
    expect(notices.map((n) => n.message)).toEqual([
      'override for manualpool3 expired at 2026-12-05T08:00:00Z; remove it (overrides[1] in the config)',
    ]);
  });
});
