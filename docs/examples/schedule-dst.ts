// The worked examples of docs/policies.md: each function evaluates a schedule at chosen instants and returns the
// markdown table the guide shows, so the guide cannot drift from what the code does.
import type { Policy } from '@aks-scaler/core';
import { describeTarget } from '@aks-scaler/core/common';
import { schedulePolicy } from '@aks-scaler/policies';

const cluster = { subscriptionId: 'docs', resourceGroup: 'docs', clusterName: 'docs' };

/** The markdown table of what `policy` asks for `pool` at each instant, with the wall clock in `timezone`. */
export async function table(
  policy: Policy,
  timezone: string,
  pool: string,
  instants: string[],
): Promise<string> {
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const rows = ['| instant (UTC) | wall clock | `' + pool + '` | reason |', '|---|---|---|---|'];
  for (const instant of instants) {
    const now = new Date(instant);
    const decisions = await policy.evaluate({ now, cluster, pools: [] });
    const decision = decisions.find((d) => d.pool === pool);
    const utc = now.toISOString().slice(0, 16).replace('T', ' ');
    rows.push(
      `| ${utc} | ${clock.format(now)} | ${decision ? describeTarget(decision) : '–'} | ${decision?.reason ?? 'no opinion'} |`,
    );
  }
  return rows.join('\n');
}

// #region spring-forward
export const nightBatch = schedulePolicy({
  timezone: 'Europe/Berlin',
  rules: [{ when: 'Sun 02:30-05:00', counts: { batch: 8 } }],
  otherwise: { batch: 1 },
});
// #endregion spring-forward

/** Berlin springs forward on 2026-03-29: 02:00 CET becomes 03:00 CEST; 02:30 does not exist that day. */
export function springForward(): Promise<string> {
  return table(nightBatch, 'Europe/Berlin', 'batch', [
    '2026-03-29T00:59:00Z',
    '2026-03-29T01:00:00Z',
    '2026-03-29T02:59:00Z',
    '2026-03-29T03:00:00Z',
  ]);
}

// #region fall-back
export const backupWindow = schedulePolicy({
  timezone: 'Europe/Berlin',
  rules: [{ when: 'Sun 02:00-02:30', counts: { batch: 8 } }],
  otherwise: { batch: 1 },
});
// #endregion fall-back

/** Berlin falls back on 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:00 to 03:00 happens twice. */
export function fallBack(): Promise<string> {
  return table(backupWindow, 'Europe/Berlin', 'batch', [
    '2026-10-24T23:59:00Z',
    '2026-10-25T00:00:00Z',
    '2026-10-25T00:30:00Z',
    '2026-10-25T01:00:00Z',
    '2026-10-25T01:30:00Z',
  ]);
}

// #region lord-howe
export const lordHowe = schedulePolicy({
  timezone: 'Australia/Lord_Howe', // daylight saving time moves the clock by 30 minutes
  rules: [{ when: 'Sun 01:30-02:00', counts: { web: 6 } }],
  otherwise: { web: 2 },
});
// #endregion lord-howe

/** Lord Howe Island falls back on 2026-04-05: 02:00 (UTC+11) becomes 01:30 (UTC+10:30). */
export function halfHourFallBack(): Promise<string> {
  return table(lordHowe, 'Australia/Lord_Howe', 'web', [
    '2026-04-04T14:29:00Z',
    '2026-04-04T14:30:00Z',
    '2026-04-04T15:00:00Z',
    '2026-04-04T15:29:00Z',
    '2026-04-04T15:30:00Z',
  ]);
}

// #region midnight
export const weekendBatch = schedulePolicy({
  timezone: 'Europe/Berlin',
  rules: [{ when: 'Fri 22:00-06:00', counts: { batch: 10 } }],
  otherwise: { batch: 0 },
});
// #endregion midnight

/** A window that crosses midnight belongs to the day it starts. */
export function crossingMidnight(): Promise<string> {
  return table(weekendBatch, 'Europe/Berlin', 'batch', [
    '2026-12-03T23:00:00Z',
    '2026-12-04T20:59:00Z',
    '2026-12-04T21:00:00Z',
    '2026-12-05T04:59:00Z',
    '2026-12-05T05:00:00Z',
    '2026-12-05T21:00:00Z',
  ]);
}

// #region holidays
export const officeHours = schedulePolicy({
  timezone: 'Europe/Berlin',
  rules: [
    { when: '2026-12-24T00:00/2026-12-27T00:00', counts: { manualpool2: 0 } },
    { when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10 } },
  ],
  otherwise: { manualpool2: 1 },
});
// #endregion holidays

/** An absolute range listed first wins over the weekly rule on the days it covers. */
export function holidays(): Promise<string> {
  return table(officeHours, 'Europe/Berlin', 'manualpool2', [
    '2026-12-23T09:00:00Z',
    '2026-12-24T09:00:00Z',
    '2026-12-26T22:59:00Z',
    '2026-12-26T23:00:00Z',
    '2026-12-28T06:29:00Z',
    '2026-12-28T06:30:00Z',
  ]);
}

// #region cron-dst
export const nightlyCron = schedulePolicy({
  timezone: 'Europe/Berlin',
  rules: [{ cron: '30 2 * * *', duration: '1h', counts: { batch: 8 } }],
  otherwise: { batch: 1 },
});
// #endregion cron-dst

/** Cron rules fire once a day: at the first existing time after a skipped one, once on a repeated hour. */
export function cronAcrossDst(): Promise<string> {
  return table(nightlyCron, 'Europe/Berlin', 'batch', [
    '2026-03-29T00:59:00Z',
    '2026-03-29T01:00:00Z',
    '2026-03-29T01:59:00Z',
    '2026-10-25T00:30:00Z',
    '2026-10-25T01:29:00Z',
    '2026-10-25T01:30:00Z',
    '2026-10-25T02:00:00Z',
  ]);
}
