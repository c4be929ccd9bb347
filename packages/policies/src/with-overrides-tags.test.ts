import { describe, expect, it } from 'vitest';
import { evaluate, NOW, pool } from '../test/override-context.js';
import { staticPolicy } from './static-policy.js';
import { withOverrides } from './with-overrides.js';

const tags = (override: string, until = '2026-12-05T17:00:00Z', reason?: string) => ({
  'aks-scaler-override': override,
  'aks-scaler-until': until,
  ...(reason !== undefined && { 'aks-scaler-reason': reason }),
  team: 'web',
});

const loadTest = { pools: ['manualpool2'], target: 10, until: '2026-12-05T17:00:00Z', reason: 'load test' };

describe('withOverrides: tags', () => {
  it('a tag override beats a config override and the policy, read at every evaluation', async () => {
    const policy = withOverrides(staticPolicy({ manualpool2: 5 }), {
      overrides: [loadTest],
      now: new Date(NOW),
    });
    const tagged = pool('manualpool2', { tags: tags('pause', '2026-12-07T08:00:00Z', 'deploy freeze') });
    const { decisions, notices } = await evaluate(policy, [tagged]);
    expect(decisions).toEqual([
      {
        pool: 'manualpool2',
        count: 2,
        reason: 'paused until 2026-12-07T08:00:00Z (deploy freeze); the policy asked: static manualpool2=5',
        override: { source: 'tag', until: '2026-12-07T08:00:00Z', reason: 'deploy freeze', pause: true },
      },
    ]);
    expect(notices.map((n) => [n.code, n.details?.source])).toEqual([['override-active', 'tag']]);

    const untagged = await evaluate(policy, [pool('manualpool2')]);
    expect(untagged.decisions[0]).toMatchObject({ count: 10, override: { source: 'config' } });
  });

  it.each([
    [
      '2-10 on an autoscaler pool',
      '2-10',
      { enableAutoScaling: true },
      { autoscaler: { minCount: 2, maxCount: 10 } },
    ],
    ['a count', '7', {}, { count: 7, power: 'Running' }],
    ['0 on a User pool', '0', {}, { count: 0 }],
    ['stop', 'STOP', {}, { power: 'Stopped' }],
  ])('%s applies, even to a pool the policy has no opinion on', async (_, value, extra, expected) => {
    const policy = withOverrides(staticPolicy({}));
    const { decisions } = await evaluate(policy, [pool('batch', { ...extra, tags: tags(value) })]);
    expect(decisions).toEqual([
      {
        pool: 'batch',
        ...expected,
        reason: 'override until 2026-12-05T17:00:00Z',
        override: { source: 'tag', until: '2026-12-05T17:00:00Z' },
      },
    ]);
  });

  it.each([
    [
      'banana',
      tags('banana'),
      {},
      /aks-scaler-override="banana" is not an override: use a node count such as 3, 'stop', 'pause'/,
    ],
    ['no until', { 'aks-scaler-override': '3' }, {}, /has no aks-scaler-until tag, and an override must end/],
    [
      'an until without offset',
      tags('3', '2026-12-06T08:00'),
      {},
      /aks-scaler-until="2026-12-06T08:00" has no UTC offset/,
    ],
    [
      'an until that is no instant',
      tags('3', 'monday'),
      {},
      /aks-scaler-until="monday" is not an ISO 8601 instant/,
    ],
    [
      'an until 31 days ahead',
      tags('3', '2027-01-05T09:00:00Z'),
      {},
      /more than the 30 days an override may last/,
    ],
    ['stop on a System pool', tags('stop'), { mode: 'System' }, /System pool, which AKS never stops/],
    ['0 on a System pool', tags('0'), { mode: 'System' }, /keeps at least 1 node/],
    ['a range without the autoscaler', tags('2-10'), {}, /does not have the cluster autoscaler on/],
    [
      'a count on an autoscaler pool',
      tags('4'),
      { enableAutoScaling: true },
      /autoscaler owns the count.*give a range/,
    ],
    ['a range with min > max', tags('9-3'), {}, /min above its max; write it as 3-9/],
    [
      'an until but no override',
      { 'aks-scaler-until': '2026-12-05T17:00:00Z' },
      {},
      /has aks-scaler-until but no aks-scaler-override tag/,
    ],
  ])(
    '%s is ignored with a warning naming the pool and what to fix; the policy decides',
    async (_, poolTags, extra, message) => {
      const policy = withOverrides(staticPolicy({ manualpool2: 5 }));
      const { decisions, notices } = await evaluate(policy, [
        pool('manualpool2', { ...extra, tags: poolTags }),
      ]);
      expect(decisions).toEqual([{ pool: 'manualpool2', count: 5, reason: 'static manualpool2=5' }]);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ level: 'warning', code: 'override-ignored', pool: 'manualpool2' });
      expect(notices[0]?.message).toMatch(message);
      expect(notices[0]?.message).toMatch(/^the override tags of pool manualpool2 are ignored: /);
      expect(notices[0]?.message).toMatch(
        /aks-scaler override clear manualpool2\); until then the pool is left to the policy\.$/,
      );
    },
  );

  it('an invalid tag leaves the pool to a config override when there is one', async () => {
    const policy = withOverrides(staticPolicy({}), { overrides: [loadTest], now: new Date(NOW) });
    const { decisions, notices } = await evaluate(policy, [pool('manualpool2', { tags: tags('banana') })]);
    expect(decisions[0]).toMatchObject({ count: 10, override: { source: 'config' } });
    expect(notices.map((n) => n.code)).toEqual(['override-active', 'override-ignored']);
    expect(notices[1]?.message).toMatch(/left to the config's overrides\[0\]\.$/);
  });

  it('an expired tag no longer applies, with a warning to remove it', async () => {
    const policy = withOverrides(staticPolicy({ manualpool2: 5 }));
    const expired = pool('manualpool2', { tags: tags('pause', '2026-12-05T08:59:59Z') });
    const { decisions, notices } = await evaluate(policy, [expired]);
    expect(decisions).toEqual([{ pool: 'manualpool2', count: 5, reason: 'static manualpool2=5' }]);
    expect(notices).toEqual([
      expect.objectContaining({
        code: 'override-expired',
        message:
          "override for manualpool2 expired at 2026-12-05T08:59:59Z; remove it (the pool's aks-scaler-* tags: aks-scaler override clear manualpool2)",
      }),
    ]);
  });

  it('tags: false ignores the tags altogether', async () => {
    const policy = withOverrides(staticPolicy({ manualpool2: 5 }), { tags: false });
    const { decisions, notices } = await evaluate(policy, [pool('manualpool2', { tags: tags('banana') })]);
    expect(decisions).toEqual([{ pool: 'manualpool2', count: 5, reason: 'static manualpool2=5' }]);
    expect(notices).toEqual([]);
  });

  it('keeps the wrapped policy state', () => {
    const inner = { name: 'x', evaluate: () => [], toJSON: () => ({ kept: true }) };
    expect(withOverrides(inner).toJSON()).toEqual({ kept: true });
  });
});
