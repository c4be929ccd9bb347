import { nodePool } from '@aks-scaler/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overrideStatuses } from './override-status.js';
import { formatOverrideTarget, type OverrideTarget, parseOverrideTarget } from './override-target.js';
import { parseUntil, untilFrom } from './override-until.js';
import { parseScalerConfig } from './parse-scaler-config.js';

const NOW = new Date('2026-12-05T09:00:00Z');

describe('parseOverrideTarget', () => {
  const target = fc.oneof(
    fc.integer({ min: 0, max: 1000 }),
    fc.constantFrom<OverrideTarget>('stop', 'pause'),
    fc
      .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }))
      .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
  );

  it('reads back every target it formats', () => {
    fc.assert(
      fc.property(target, (t) => {
        expect(parseOverrideTarget(formatOverrideTarget(t))).toEqual({ target: t });
      }),
    );
  });

  it('never throws, and whatever it refuses gets a message quoting the value', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseOverrideTarget(text);
        if ('problem' in result) expect(result.problem).toContain(JSON.stringify(text).slice(0, 20));
      }),
    );
  });

  it.each([
    ['1001', /more than 1000 nodes/],
    ['3-1001', /goes above 1000 nodes/],
    ['-1', /is not an override/],
    ['03', /is not an override/],
    ['2.5', /is not an override/],
    ['', /is not an override/],
  ])('%j is refused', (text, message) => {
    expect(parseOverrideTarget(text)).toEqual({ problem: expect.stringMatching(message) });
  });
});

describe('parseUntil and untilFrom', () => {
  it('take an instant with Z or an offset; a duration only from the command line', () => {
    expect(parseUntil('2026-12-07T09:00:00+01:00')).toEqual({ at: new Date('2026-12-07T08:00:00Z') });
    expect(parseUntil('4h')).toEqual({ problem: expect.stringMatching(/not an ISO 8601 instant/) });
    expect(parseUntil('2026-02-30T00:00:00Z')).toEqual({
      problem: expect.stringMatching(/is not a date and time that exists/),
    });
    expect(untilFrom('4h', NOW)).toEqual({
      until: '2026-12-05T13:00:00Z',
      at: new Date('2026-12-05T13:00:00Z'),
    });
    expect(untilFrom('2026-12-07T09:00:00+01:00', NOW)).toMatchObject({ until: '2026-12-07T08:00:00Z' });
    expect(untilFrom('monday', NOW)).toEqual({
      problem: expect.stringMatching(
        /"monday" is not an ISO 8601 instant.*or a duration from now such as 4h or 2d$/,
      ),
    });
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        parseUntil(text);
        untilFrom(text, NOW);
      }),
    );
  });
});

describe('overrideStatuses', () => {
  const cluster = {
    subscriptionId: '00000000-0000-0000-0000-000000000000',
    resourceGroup: 'rg',
    clusterName: 'aks',
  };
  const { overrides = [] } = parseScalerConfig(
    `
clusters: [{ subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg, name: aks }]
policy: { static: {} }
overrides:
  - { pools: [manualpool2, manualpool3], target: 4, until: "2026-12-06T00:00:00Z", reason: sale }
  - { pools: [old], target: stop, until: "2026-12-01T00:00:00Z", reason: gone }
`,
    { now: NOW },
  );

  it('lists config and tag overrides with their state, which one applies, and what to fix', () => {
    const pools = [
      nodePool({
        name: 'manualpool2',
        cluster,
        tags: { 'aks-scaler-override': 'pause', 'aks-scaler-until': '2026-12-05T17:00:00Z' },
      }),
      nodePool({
        name: 'manualpool3',
        cluster,
        tags: { 'aks-scaler-override': 'banana', 'aks-scaler-until': 'x' },
      }),
    ];
    const { statuses, active } = overrideStatuses({ now: NOW, cluster, pools, overrides });
    expect(statuses.map((s) => [s.pool, s.source, s.state, s.applies, s.target])).toEqual([
      ['manualpool2', 'config', 'active', false, '4'],
      ['manualpool3', 'config', 'active', true, '4'],
      ['old', 'config', 'expired', false, 'stop'],
      ['manualpool2', 'tag', 'active', true, 'pause'],
      ['manualpool3', 'tag', 'invalid', false, 'banana'],
    ]);
    expect(statuses[0]?.note).toBe("the pool's aks-scaler-override tag beats it while the tag lasts");
    expect(statuses[2]?.note).toBe('expired at 2026-12-01T00:00:00Z; remove overrides[1] from the config');
    expect(statuses[4]?.note).toMatch(
      /^ignored: aks-scaler-override="banana" is not an override.*left to the config's overrides\[0\]$/,
    );
    expect([...active.keys()]).toEqual(['manualpool2', 'manualpool3']);
    expect(active.get('manualpool2')).toMatchObject({ source: 'tag', target: 'pause' });
  });

  it("leaves out config overrides of another cluster, and tags when they don't count", () => {
    const other = { ...cluster, clusterName: 'web' };
    const { statuses } = overrideStatuses({
      now: NOW,
      cluster: other,
      pools: [nodePool({ name: 'x', cluster: other, tags: { 'aks-scaler-override': '3' } })],
      overrides: [{ ...overrides[0]!, cluster: 'aks' }],
      tags: false,
    });
    expect(statuses).toEqual([]);
  });
});
