// Unit tests of the custom policy with the testkit helpers: instants are injected, nothing reads the real clock.
import type { Policy } from '@aks-scaler/core';
import { ConfigError } from '@aks-scaler/core/errors';
import { schedulePolicy, staticPolicy } from '@aks-scaler/policies';
import { countsOf, evaluateAt, fakeClock } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { withNodeBudget } from './node-budget.js';

// Working hours ask for 10 + 10 nodes; nights for 2 + 2.
const workHours = schedulePolicy({
  timezone: 'Europe/Berlin',
  rules: [{ when: 'Mon-Fri 07:30-20:30', counts: { web: 10, batch: 10 } }],
  otherwise: { web: 2, batch: 2 },
});

describe('withNodeBudget', () => {
  const policy = withNodeBudget(workHours, { maxNodes: 15, priority: ['web', 'batch'] });

  it.each([
    // instant (Berlin local time in the comment), current pools, expected counts
    ['2026-11-30T07:30:00+01:00', { web: 2, batch: 2 }, { web: 10, batch: 5 }], // Monday 07:30: batch is cut
    ['2026-11-30T21:00:00+01:00', { web: 10, batch: 5 }, { web: 2, batch: 2 }], // Monday night: under budget
    ['2026-12-05T12:00:00+01:00', { web: 2, batch: 2 }, { web: 2, batch: 2 }], // Saturday
  ])('at %s with %j asks for %j', async (instant, pools, expected) => {
    expect(countsOf(await evaluateAt(policy, instant, pools))).toEqual(expected);
  });

  it('says why it cut a pool', async () => {
    const decisions = await evaluateAt(policy, '2026-11-30T10:00:00+01:00', { web: 2, batch: 2 });
    expect(decisions.find((decision) => decision.pool === 'batch')?.reason).toBe(
      "schedule rule 1 'Mon-Fri 07:30-20:30' (Europe/Berlin) (cut by 5 to 5 to stay within the 15-node budget)",
    );
    expect(decisions.find((decision) => decision.pool === 'web')?.reason).not.toContain('cut');
  });

  it('counts the nodes of pools the policy leaves alone', async () => {
    const decisions = await evaluateAt(policy, '2026-11-30T10:00:00+01:00', [
      { name: 'web', count: 2 },
      { name: 'batch', count: 2 },
      { name: 'system', count: 3, mode: 'System' },
    ]);
    expect(countsOf(decisions)).toEqual({ web: 10, batch: 2 });
  });

  it('cuts unlisted pools first, then the least important listed ones', async () => {
    const three = withNodeBudget(staticPolicy({ web: 6, batch: 6, adhoc: 6 }), {
      maxNodes: 5,
      priority: ['web', 'batch'],
    });
    expect(countsOf(await evaluateAt(three, '2026-11-30T10:00:00Z'))).toEqual({ web: 5, batch: 0, adhoc: 0 });
  });

  it('follows a day on a fake clock', async () => {
    const clock = fakeClock('2026-11-30T06:00:00Z'); // Monday 07:00 in Berlin
    const seen: Array<[string, Record<string, number>]> = [];
    let current: Record<string, number> = { web: 2, batch: 2 };
    for (let step = 0; step < 4; step++) {
      current = countsOf(await evaluateAt(policy, clock.now(), current));
      seen.push([clock.now().toISOString(), current]);
      clock.advance(5 * 60 * 60_000);
    }
    expect(seen).toEqual([
      ['2026-11-30T06:00:00.000Z', { web: 2, batch: 2 }],
      ['2026-11-30T11:00:00.000Z', { web: 10, batch: 5 }],
      ['2026-11-30T16:00:00.000Z', { web: 10, batch: 5 }],
      ['2026-11-30T21:00:00.000Z', { web: 2, batch: 2 }],
    ]);
  });

  it('passes errors of the wrapped policy through', async () => {
    const broken: Policy = { name: 'broken', evaluate: () => Promise.reject(new Error('source down')) };
    await expect(evaluateAt(withNodeBudget(broken, { maxNodes: 1 }), '2026-11-30T10:00:00Z')).rejects.toThrow(
      'source down',
    );
  });

  it('rejects a bad budget', () => {
    expect(() => withNodeBudget(workHours, { maxNodes: -1 })).toThrow(ConfigError);
    expect(() => withNodeBudget(workHours, { maxNodes: 2.5 })).toThrow(ConfigError);
  });
});
