import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { evaluate, NOW, pool } from '../test/override-context.js';
import { staticPolicy } from './static-policy.js';
import { withBounds } from './with-bounds.js';
import { withOverrides } from './with-overrides.js';

const loadTest = { pools: ['manualpool2'], target: 10, until: '2026-12-05T17:00:00Z', reason: 'load test' };

describe('withOverrides: config overrides', () => {
  it('beat the policy and bounds until their until, with the reason in the plan', async () => {
    const policy = withOverrides(withBounds(staticPolicy({ manualpool2: 8 }), { manualpool2: { max: 6 } }), {
      overrides: [loadTest],
      now: new Date(NOW),
    });
    const { decisions, notices } = await evaluate(policy, [pool('manualpool2')]);
    expect(decisions).toEqual([
      {
        pool: 'manualpool2',
        count: 10,
        power: 'Running',
        reason:
          'override until 2026-12-05T17:00:00Z (load test); the policy asked: static manualpool2=8 (capped from 8 to max 6)',
        override: { source: 'config', until: '2026-12-05T17:00:00Z', reason: 'load test' },
      },
    ]);
    expect(notices).toEqual([
      {
        level: 'info',
        code: 'override-active',
        pool: 'manualpool2',
        message:
          'override for manualpool2 active until 2026-12-05T17:00:00Z (load test): 10, from overrides[0] of the config',
        details: { source: 'config', target: '10', until: '2026-12-05T17:00:00Z', reason: 'load test' },
      },
    ]);
  });

  it('stop apply until they expire; then the policy decides again and a warning says to remove them', async () => {
    const policy = withOverrides(staticPolicy({ manualpool2: 5 }), {
      overrides: [{ ...loadTest, target: 'stop', reason: 'maintenance' }],
      now: new Date(NOW),
    });
    const during = await evaluate(policy, [pool('manualpool2')], '2026-12-05T16:59:59Z');
    expect(during.decisions).toMatchObject([{ pool: 'manualpool2', power: 'Stopped' }]);
    expect(during.decisions[0]).not.toHaveProperty('count');

    const after = await evaluate(policy, [pool('manualpool2')], '2026-12-05T17:00:00Z');
    expect(after.decisions).toEqual([{ pool: 'manualpool2', count: 5, reason: 'static manualpool2=5' }]);
    expect(after.notices).toEqual([
      expect.objectContaining({
        level: 'warning',
        code: 'override-expired',
        pool: 'manualpool2',
        message: expect.stringMatching(
          /^override for manualpool2 expired at 2026-12-05T17:00:00Z; remove it \(overrides\[0\] in the config\)$/,
        ),
      }),
    ]);
  });

  it('apply to a pool the policy has no opinion on, and only in the cluster they name', async () => {
    const policy = withOverrides(staticPolicy({ manualpool2: 5 }), {
      overrides: [
        {
          pools: ['manualpool3'],
          target: { min: 2, max: 8 },
          until: '2026-12-06T00:00:00+01:00',
          reason: 'sale',
        },
        {
          pools: ['manualpool2'],
          cluster: 'other',
          target: 0,
          until: '2026-12-06T00:00:00Z',
          reason: 'not here',
        },
      ],
      now: new Date(NOW),
    });
    const auto = pool('manualpool3', { enableAutoScaling: true, minCount: 1, maxCount: 3 });
    const { decisions } = await evaluate(policy, [pool('manualpool2'), auto]);
    expect(decisions).toEqual([
      { pool: 'manualpool2', count: 5, reason: 'static manualpool2=5' },
      {
        pool: 'manualpool3',
        autoscaler: { minCount: 2, maxCount: 8 },
        reason: 'override until 2026-12-06T00:00:00+01:00 (sale)',
        override: { source: 'config', until: '2026-12-06T00:00:00+01:00', reason: 'sale' },
      },
    ]);
  });

  it('pause keeps the count and marks the decision, so nothing is written', async () => {
    const policy = withOverrides(staticPolicy({ manualpool2: 5 }), {
      overrides: [{ ...loadTest, target: 'pause', reason: 'incident 4711' }],
      now: new Date(NOW),
    });
    const { decisions } = await evaluate(policy, [pool('manualpool2', { count: 3 })]);
    expect(decisions).toEqual([
      {
        pool: 'manualpool2',
        count: 3,
        reason: 'paused until 2026-12-05T17:00:00Z (incident 4711); the policy asked: static manualpool2=5',
        override: { source: 'config', until: '2026-12-05T17:00:00Z', reason: 'incident 4711', pause: true },
      },
    ]);
  });

  it('refuse, listing every problem, an until more than 30 days ahead or without an offset, no reason, min > max', () => {
    const error = (() => {
      try {
        withOverrides(staticPolicy({}), {
          now: new Date(NOW),
          overrides: [
            { ...loadTest, until: '2027-01-05T09:00:01Z' },
            { ...loadTest, pools: ['manualpool3'], until: '2026-12-06T08:00' },
            { pools: ['manualpool4'], target: { min: 5, max: 2 }, until: loadTest.until } as never,
          ],
        });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.map((i) => i.path).sort()).toEqual([
      'overrides[0].until',
      'overrides[1].until',
      'overrides[2].reason',
      'overrides[2].target',
    ]);
    expect(issues.find((i) => i.path === 'overrides[0].until')?.message).toMatch(
      /is 31d00h00m01s ahead, more than the 30 days an override may last; .*change the policy/,
    );
    expect(issues.find((i) => i.path === 'overrides[1].until')?.message).toMatch(/has no UTC offset.*Z/);
  });

  it('exactly 30 days ahead is allowed', () => {
    expect(() =>
      withOverrides(staticPolicy({}), {
        now: new Date(NOW),
        overrides: [{ ...loadTest, until: '2027-01-04T09:00:00Z' }],
      }),
    ).not.toThrow();
  });
});
