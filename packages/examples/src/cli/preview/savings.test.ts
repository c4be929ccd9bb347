import type { Policy } from '@aks-scaler/core';
import { schedulePolicy } from '@aks-scaler/policies';
import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../render/timeline.js';
import { previewRange } from './range.js';
import { previewSavings } from './savings.js';

// manualpool2: 10 nodes on weekdays 07:30-20:30 Berlin time, 1 otherwise.
// manualpool3: an opinion on Sundays only: 1 node 01:00-04:00 (first match wins), 4 the rest of the day.
const berlin = schedulePolicy({
  timezone: 'Europe/Berlin',
  rules: [
    { when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10 } },
    { when: 'Sun 01:00-04:00', counts: { manualpool3: 1 } },
    { when: 'Sun 00:00-24:00', counts: { manualpool3: 4 } },
  ],
  otherwise: { manualpool2: 1 },
});

async function week(from: string, policy: Policy = berlin) {
  const range = previewRange({ from, days: 7, timezone: 'Europe/Berlin', now: new Date(0) })!;
  return buildTimeline({ policy, from: range.from, to: range.to, stepInMs: 15 * 60_000 });
}

describe('preview savings', () => {
  it('counts the spring-forward week as 167 hours and its Sunday as 23', async () => {
    const savings = previewSavings(await week('2026-03-23'), { baseline: 'max' });
    // manualpool2: 5 weekdays * 13 h * 10 nodes = 650; the other 167 - 65 = 102 h at 1 node = 102; 752 in all.
    //   Baseline max 10 nodes * 167 h = 1670; saved 918 = 54.97 %.
    // manualpool3: Sunday 29 Mar has 23 h. 01:00-04:00 local is 2 real hours (02:00-03:00 does not exist):
    //   2 h * 1 + 21 h * 4 = 86. Baseline 4 nodes over the 23 covered hours = 92 (the other 144 hours have no
    //   opinion and count on neither side); saved 6 = 6.52 %.
    expect(savings.pools).toEqual([
      {
        pool: 'manualpool2',
        baselineCount: 10,
        coveredHours: 167,
        nodeHours: 752,
        baselineNodeHours: 1670,
        savedNodeHours: 918,
        savedPercent: 55,
      },
      {
        pool: 'manualpool3',
        baselineCount: 4,
        coveredHours: 23,
        nodeHours: 86,
        baselineNodeHours: 92,
        savedNodeHours: 6,
        savedPercent: 6.5,
      },
    ]);
    // Total: 752 + 86 = 838 of 1670 + 92 = 1762; saved 924 = 52.44 %.
    expect(savings.total).toEqual({
      nodeHours: 838,
      baselineNodeHours: 1762,
      savedNodeHours: 924,
      savedPercent: 52.4,
    });
  });

  it('counts the fall-back week as 169 hours and its Sunday as 25', async () => {
    const savings = previewSavings(await week('2026-10-19'), { baseline: 'max' });
    // manualpool2: 650 + (169 - 65) h * 1 = 754; baseline 10 * 169 = 1690; saved 936 = 55.38 %.
    // manualpool3: Sunday 25 Oct has 25 h; 01:00-04:00 local is 4 real hours (02:00-03:00 happens twice):
    //   4 h * 1 + 21 h * 4 = 88; baseline 4 * 25 = 100; saved 12 = 12 %.
    expect(savings.pools.map((p) => [p.pool, p.coveredHours, p.nodeHours, p.baselineNodeHours])).toEqual([
      ['manualpool2', 169, 754, 1690],
      ['manualpool3', 25, 88, 100],
    ]);
    expect(savings.pools.map((p) => [p.savedNodeHours, p.savedPercent])).toEqual([
      [936, 55.4],
      [12, 12],
    ]);
    // Total: 842 of 1790, saved 948 = 52.96 %.
    expect(savings.total).toEqual({
      nodeHours: 842,
      baselineNodeHours: 1790,
      savedNodeHours: 948,
      savedPercent: 53,
    });
  });

  it('compares against a fixed count or the current counts, and can save less than nothing', async () => {
    const timeline = await week('2026-03-23');
    const fixed = previewSavings(timeline, { baseline: 5 });
    // manualpool2 against 5 nodes all 167 h = 835: saves 835 - 752 = 83 (9.94 %).
    expect(fixed.pools[0]).toMatchObject({ baselineCount: 5, baselineNodeHours: 835, savedNodeHours: 83 });
    const current = previewSavings(timeline, {
      baseline: 'current',
      currentCounts: { manualpool2: 1, manualpool3: 0 },
    });
    // manualpool2 runs 1 node now: 167 node-hours, so the schedule costs 752 - 167 = 585 more.
    expect(current.pools[0]).toMatchObject({
      baselineNodeHours: 167,
      savedNodeHours: -585,
      savedPercent: -350.3,
    });
    // manualpool3 runs none now (stopped): a baseline of 0 node-hours has no percent.
    expect(current.pools[1]).toMatchObject({ baselineNodeHours: 0, savedNodeHours: -86, savedPercent: null });
  });

  it('adds cost per pool, and a total only when every pool has a price', async () => {
    const timeline = await week('2026-03-23');
    const row = {
      skuName: 'D2s v5',
      meterName: 'D2s v5',
      productName: 'DSv5',
      effectiveStartDate: '2024-01-01',
    };
    const priced = previewSavings(timeline, {
      prices: {
        manualpool2: { vmSize: 'Standard_D2s_v5', hourlyPrice: 0.1, currency: 'USD', row },
        manualpool3: { vmSize: 'Standard_D4s_v5', hourlyPrice: 0.2, currency: 'USD', row },
      },
    });
    // 752 * 0.1 = 75.20 of 1670 * 0.1 = 167.00; 86 * 0.2 = 17.20 of 92 * 0.2 = 18.40.
    expect(priced.pools.map((p) => [p.cost, p.baselineCost, p.savedCost, p.currency])).toEqual([
      [75.2, 167, 91.8, 'USD'],
      [17.2, 18.4, 1.2, 'USD'],
    ]);
    expect(priced.total).toMatchObject({ cost: 92.4, baselineCost: 185.4, savedCost: 93, currency: 'USD' });
    const partly = previewSavings(timeline, {
      prices: {
        manualpool2: { vmSize: 'Standard_D2s_v5', hourlyPrice: 0.1, currency: 'USD', row },
        manualpool3: { vmSize: 'Standard_X', missing: 'no price row for Standard_X in westeurope' },
      },
    });
    expect(partly.pools[1]).toMatchObject({ vmSize: 'Standard_X', priceMissing: expect.any(String) });
    expect(partly.pools[1]).not.toHaveProperty('cost');
    expect(partly.total).toMatchObject({ unpricedPools: ['manualpool3'] });
    expect(partly.total).not.toHaveProperty('cost');
  });
});
