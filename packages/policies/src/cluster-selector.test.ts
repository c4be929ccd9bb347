import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { scalerConfigJsonSchema } from './config-json-schema.js';
import { validateScalerConfig } from './parse-scaler-config.js';

const SUB = '00000000-0000-0000-0000-000000000000';
const policy = { static: { manualpool2: 2 } };

function issuesOf(clusters: unknown[]): Array<[string, string]> {
  try {
    validateScalerConfig({ clusters, policy }, 'scaler.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => [issue.path, issue.message]);
  }
  throw new Error('expected a ConfigError');
}

describe('cluster entries: name or selector', () => {
  it('accepts a selector for a subscription or a resource group, beside clusters listed by name', () => {
    const config = validateScalerConfig({
      clusters: [
        { subscription: SUB, resourceGroup: 'rg', name: 'aks', autoscalerPools: 'bounds' },
        { subscription: SUB, selector: { tags: { fleet: 'shop' } } },
        {
          subscription: SUB,
          resourceGroup: 'rg-b',
          selector: { tags: { fleet: 'shop', env: 'prod' } },
          unknownPools: 'warn',
        },
      ],
      policy,
    });
    const [named, everywhere, inGroup] = config.clusters;
    expect(named).toEqual({ subscription: SUB, resourceGroup: 'rg', name: 'aks', autoscalerPools: 'bounds' });
    expect(everywhere).toEqual({ subscription: SUB, selector: { tags: { fleet: 'shop' } } });
    expect(inGroup?.selector?.tags).toEqual({ fleet: 'shop', env: 'prod' });
    expect(inGroup?.unknownPools).toBe('warn');
  });

  it('refuses an entry with both name and selector, naming the entry and its cluster', () => {
    const issues = issuesOf([
      { subscription: SUB, resourceGroup: 'rg', name: 'aks' },
      { subscription: SUB, resourceGroup: 'rg', name: 'web', selector: { tags: { fleet: 'shop' } } },
    ]);
    expect(issues).toEqual([['clusters[1]', expect.stringContaining("has both name ('web') and selector")]]);
  });

  it('refuses an entry with neither, and a name without its resource group', () => {
    expect(issuesOf([{ subscription: SUB, resourceGroup: 'rg' }])).toEqual([
      ['clusters[0]', expect.stringMatching(/needs name \(with resourceGroup\) .* or selector/)],
    ]);
    expect(issuesOf([{ subscription: SUB, name: 'aks' }])).toEqual([
      ['clusters[0].resourceGroup', expect.stringContaining("the resource group of cluster 'aks'")],
    ]);
  });

  it('refuses an empty tags map, which would take every cluster of the subscription', () => {
    expect(issuesOf([{ subscription: SUB, selector: { tags: {} } }])).toEqual([
      ['clusters[0].selector.tags', expect.stringContaining('is empty: give at least one tag')],
    ]);
    expect(issuesOf([{ subscription: SUB, selector: {} }]).map(([path]) => path)).toEqual([
      'clusters[0].selector.tags',
    ]);
  });

  it('refuses tag names Azure refuses, two names that are one Azure tag, long values and unknown keys', () => {
    const issues = issuesOf([
      {
        subscription: SUB,
        selector: {
          tags: { 'team/web': 'x', Fleet: 'shop', fleet: 'shop', long: 'v'.repeat(257) },
          match: 'all',
        },
      },
    ]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['clusters[0].selector.tags.team/web', expect.stringContaining('cannot contain < > % & \\ ? /')],
        [
          'clusters[0].selector.tags.fleet',
          expect.stringContaining("'Fleet' and 'fleet' are the same Azure tag"),
        ],
        ['clusters[0].selector.tags.long', expect.stringContaining('256')],
        ['clusters[0].selector', expect.stringContaining("unknown key 'match'")],
      ]),
    );
  });

  it('says the same rules in the JSON Schema', () => {
    const entry = (
      scalerConfigJsonSchema() as { properties: { clusters: { items: Record<string, unknown> } } }
    ).properties.clusters.items;
    expect(entry.required).toEqual(['subscription']);
    expect(entry.oneOf).toEqual([{ required: ['name', 'resourceGroup'] }, { required: ['selector'] }]);
    expect(entry.not).toEqual({ required: ['name', 'selector'] });
    const tags = (entry.properties as { selector: { properties: { tags: Record<string, unknown> } } })
      .selector.properties.tags;
    expect(tags).toMatchObject({
      type: 'object',
      minProperties: 1,
      additionalProperties: { type: 'string', maxLength: 256 },
    });
    const pattern = new RegExp((tags.propertyNames as { pattern: string }).pattern);
    expect(pattern.test('fleet')).toBe(true);
    expect(pattern.test('team/web')).toBe(false);
    expect(pattern.test('a\\b')).toBe(false);
  });
});
