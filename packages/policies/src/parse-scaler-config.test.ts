import { readFileSync } from 'node:fs';
import { ConfigError } from '@aks-scaler/core/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseScalerConfig, validateScalerConfig } from './parse-scaler-config.js';

const designExample = readFileSync(new URL('../test/fixtures/design-example.yaml', import.meta.url), 'utf8');
const cluster = { subscription: '00000000-0000-0000-0000-000000000000', resourceGroup: 'rg', name: 'aks' };

function issuesOf(text: string): Array<[string, string]> {
  try {
    parseScalerConfig(text, { source: 'scaler.yaml' });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('scaler.yaml');
    return (error as ConfigError).issues.map((issue) => [issue.path, issue.message]);
  }
  throw new Error('expected a ConfigError');
}

describe('parseScalerConfig', () => {
  it('accepts the documented example config', () => {
    const config = parseScalerConfig(designExample);
    expect(config.clusters[0]).toMatchObject({ name: 'myManagedCluster', autoscalerPools: 'skip' });
    expect(config.limits).toEqual({ concurrency: 4, maxStepUp: 10, maxStepDown: 5 });
    expect(config.policy).toHaveProperty('max');
  });

  it('accepts the same config as JSON, with a $schema key', () => {
    const json = JSON.stringify({
      $schema: './scaler-config.schema.json',
      ...parseScalerConfig(designExample),
    });
    expect(parseScalerConfig(json)).toEqual({
      $schema: './scaler-config.schema.json',
      ...parseScalerConfig(designExample),
    });
  });

  it('lists every problem at once with its path and the value found', () => {
    const issues = issuesOf(`
clusters: []
policy:
  max:
    - static: { Manual: 5, ok: 1001 }
    - schedule:
        timezone: Europe/Berln
        rules:
          - { when: "Mon-Fry 07:00-08:00", counts: { a: 1 } }
          - { cron: "0 7 * * 1-5", counts: { a: 1 } }
    - metric: { prometheus: { url: "ftp://x", query: "q" }, pools: [a], targetPerNode: 10, targetValue: 3 }
limits: { concurency: 4 }
`);
    const paths = issues.map(([path]) => path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'clusters',
        'policy.max[0].static.Manual',
        'policy.max[0].static.ok',
        'policy.max[1].schedule.timezone',
        'policy.max[1].schedule.rules[0].when',
        'policy.max[1].schedule.rules[1].duration',
        'policy.max[2].metric.prometheus.url',
        'policy.max[2].metric',
        'limits',
      ]),
    );
    expect(issues.find(([path]) => path === 'limits')?.[1]).toContain("unknown key 'concurency'");
    expect(issues.find(([path]) => path === 'policy.max[1].schedule.timezone')?.[1]).toContain(
      '"Europe/Berln"',
    );
  });

  it.each([
    ['a policy with two kinds', { static: { a: 1 }, max: [] }, 'policy', 'exactly one kind'],
    ['a policy with no kind', {}, 'policy', 'needs one of'],
    [
      'a rule with when and cron',
      { schedule: { timezone: 'UTC', rules: [{ when: '*', cron: '* * * * *', counts: {} }] } },
      'policy.schedule.rules[0]',
      'exactly one of',
    ],
    [
      'a metric with two sources',
      {
        metric: {
          prometheus: { url: 'http://p', query: 'q' },
          azureMonitor: { resourceUri: '/subscriptions/x/y', metricName: 'm' },
          pools: ['a'],
          targetPerNode: 1,
        },
      },
      'policy.metric',
      'exactly one source',
    ],
    [
      'min above max',
      {
        metric: {
          prometheus: { url: 'http://p', query: 'q' },
          pools: ['a'],
          targetPerNode: 1,
          min: 5,
          max: 2,
        },
      },
      'policy.metric.min',
      'greater than max',
    ],
    [
      'a bad duration',
      { stabilize: { policy: { static: {} }, scaleDownWindow: 'soon' } },
      'policy.stabilize.scaleDownWindow',
      'duration',
    ],
  ])('rejects %s', (_name, policy, path, message) => {
    const issues = issuesOf(JSON.stringify({ clusters: [cluster], policy }));
    expect(issues.find(([at]) => at === path)?.[1]).toContain(message);
  });

  it("reads each cluster's unknownPools: error or warn, with no default in the file", () => {
    const config = parseScalerConfig(
      JSON.stringify({ clusters: [{ ...cluster, unknownPools: 'warn' }, cluster], policy: { static: {} } }),
    );
    expect(config.clusters.map((entry) => entry.unknownPools)).toEqual(['warn', undefined]);
    const issues = issuesOf(
      JSON.stringify({ clusters: [{ ...cluster, unknownPools: 'ignore' }], policy: { static: {} } }),
    );
    expect(issues).toEqual([['clusters[0].unknownPools', expect.stringContaining('"error"|"warn"')]]);
  });

  it.each([
    ['duplicate keys', 'clusters: []\nclusters: []\n', 'unique'],
    ['broken YAML', 'policy: { static: [\n', 'line'],
    ['an empty file', '  \n', 'empty'],
  ])('reports %s', (_name, text, message) => {
    expect(
      issuesOf(text)
        .map(([path, msg]) => `${path}: ${msg}`)
        .join('\n'),
    ).toContain(message);
  });

  it('never echoes secret-looking values', () => {
    const text = JSON.stringify({
      clusters: [cluster],
      policy: {
        metric: {
          prometheus: { url: 'http://p', query: 'q', headers: { authorization: 12345 } },
          pools: ['a'],
          targetPerNode: 1,
        },
      },
    });
    expect(issuesOf(text).join('\n')).not.toContain('12345');
  });

  it('either returns a valid config or throws a ConfigError, for any input', () => {
    const policy = fc.letrec((tie) => ({
      policy: fc.oneof(
        { depthSize: 'small' },
        fc.record({
          static: fc.dictionary(fc.constantFrom('a', 'b', 'Bad'), fc.integer({ min: -1, max: 1001 })),
        }),
        fc.record({
          schedule: fc.record({
            timezone: fc.constantFrom('UTC', 'Europe/Berlin', 'Mars/Base'),
            rules: fc.array(
              fc.record({
                when: fc.constantFrom('Mon-Fri 07:30-20:30', '* 25:00-26:00', 'x'),
                counts: fc.constant({ a: 1 }),
              }),
            ),
          }),
        }),
        fc.record({ max: fc.array(tie('policy'), { maxLength: 3 }) }),
        fc.record({ first: fc.array(tie('policy'), { maxLength: 3 }) }),
        fc.anything(),
      ),
    }));
    const config = fc.record(
      {
        clusters: fc.oneof(fc.constant([cluster]), fc.anything()),
        policy: policy.policy,
        extra: fc.anything(),
      },
      { requiredKeys: ['policy'] },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          config.map((value) => stringify(value)),
          config.map((value) => JSON.stringify(value) ?? ''),
          fc.string(),
        ),
        (text) => {
          try {
            const parsed = parseScalerConfig(text);
            expect(validateScalerConfig(parsed)).toEqual(parsed);
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
