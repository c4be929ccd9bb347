// The lead-time examples of docs/policies.md: a schedule that starts scale-ups early, evaluated at chosen
// instants, on an ordinary Monday, for a pool stopped at night, and on the spring-forward day in Berlin.
import { schedulePolicy } from '@aks-scaler/policies';
import { table } from './schedule-dst.js';

// #region lead
export const earlyOffice = schedulePolicy({
  timezone: 'Europe/Berlin',
  leadTime: '6m', // or 'auto': each scale-up's learned duration (10 minutes until one is learned)
  rules: [{ when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10 } }],
  otherwise: { manualpool2: 2 },
});
// #endregion lead

/** Monday 30 November 2026: 6 minutes early up, on time down. */
export function earlyMonday(): Promise<string> {
  return table(earlyOffice, 'Europe/Berlin', 'manualpool2', [
    '2026-11-30T06:23:00Z',
    '2026-11-30T06:24:00Z',
    '2026-11-30T06:27:00Z',
    '2026-11-30T06:30:00Z',
    '2026-11-30T19:29:00Z',
    '2026-11-30T19:30:00Z',
  ]);
}

// #region lead-stop
export const earlyBatch = schedulePolicy({
  timezone: 'Europe/Berlin',
  leadTime: '10m',
  rules: [{ when: 'Mon-Fri 07:30-19:00', counts: { batch: 4 } }],
  otherwise: { batch: 'stop' },
});
// #endregion lead-stop

/** Monday 30 November 2026: the stopped pool starts 10 minutes early and stops on time. */
export function earlyFromStopped(): Promise<string> {
  return table(earlyBatch, 'Europe/Berlin', 'batch', [
    '2026-11-30T06:19:00Z',
    '2026-11-30T06:20:00Z',
    '2026-11-30T06:30:00Z',
    '2026-11-30T17:59:00Z',
    '2026-11-30T18:00:00Z',
  ]);
}

// #region lead-dst
export const sundayBatch = schedulePolicy({
  timezone: 'Europe/Berlin',
  leadTime: '45m',
  rules: [{ when: 'Sun 03:30-06:00', counts: { batch: 8 } }],
  otherwise: { batch: 1 },
});
// #endregion lead-dst

/** 29 March 2026: 03:30 CEST is 01:30Z; 45 minutes before is 00:45Z, 01:45 CET on the clock. */
export function leadAcrossGap(): Promise<string> {
  return table(sundayBatch, 'Europe/Berlin', 'batch', [
    '2026-03-29T00:44:00Z',
    '2026-03-29T00:45:00Z',
    '2026-03-29T01:29:00Z',
    '2026-03-29T01:30:00Z',
  ]);
}
