// Unit tests of a policy with the testkit helpers: instants are given, nothing reads the real clock.
import { countsOf, evaluateAt, fakeClock } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { nightlyBatch } from './first-policy.js';

describe('nightlyBatch', () => {
  it.each([
    ['2026-11-30T21:59:00Z', 0],
    ['2026-11-30T22:00:00Z', 10],
    ['2026-12-01T05:59:00Z', 10],
    ['2026-12-01T06:00:00Z', 0],
  ])('at %s asks for %i batch nodes', async (instant, count) => {
    expect(countsOf(await evaluateAt(nightlyBatch, instant, { batch: 3 }))).toEqual({ batch: count });
  });

  it('says why', async () => {
    const [decision] = await evaluateAt(nightlyBatch, '2026-11-30T23:00:00+01:00', { batch: 0 });
    expect(decision?.reason).toBe('night: batch window');
  });

  it('walks through a day on a fake clock', async () => {
    const clock = fakeClock('2026-11-30T00:00:00Z');
    const counts: number[] = [];
    for (let hour = 0; hour < 24; hour += 6) {
      counts.push(countsOf(await evaluateAt(nightlyBatch, clock.now())).batch ?? -1);
      clock.advance(6 * 60 * 60_000);
    }
    expect(counts).toEqual([10, 0, 0, 0]);
  });
});
