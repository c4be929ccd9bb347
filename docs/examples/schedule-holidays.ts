// The holiday examples of docs/policies.md: a schedule with a holiday calendar, evaluated at chosen instants, and
// the messages for codes the calendar does not know.
import { ConfigError } from '@aks-scaler/core';
import { type ScheduleSpec, schedulePolicy } from '@aks-scaler/policies';
import { table } from './schedule-dst.js';

// #region holidays
export const bavarianOffice = schedulePolicy({
  timezone: 'Europe/Berlin',
  holidays: { country: 'DE', region: 'BY' }, // Bavaria; types: ['public'] by default
  rules: [
    { when: 'holidays', counts: { manualpool2: 0 } }, // first, so it wins over the weekly rule
    { when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10 } },
  ],
  otherwise: { manualpool2: 1 },
});
// #endregion holidays

/**
 * Epiphany (6 January) is a public holiday in Bavaria, Christmas Day (25 December) in every German state, Christmas
 * Eve none (their holiday laws); each holiday begins at local midnight, on the previous UTC day.
 */
export function bavarianHolidays(): Promise<string> {
  return table(bavarianOffice, 'Europe/Berlin', 'manualpool2', [
    '2026-01-05T22:59:00Z',
    '2026-01-05T23:00:00Z',
    '2026-01-06T09:00:00Z',
    '2026-01-07T09:00:00Z',
    '2026-12-24T09:00:00Z',
    '2026-12-24T23:00:00Z',
  ]);
}

/** What a country or region the calendar does not know says (nothing is written: the policy is never built). */
export function unknownCodes(): string {
  const attempts: Array<NonNullable<ScheduleSpec['holidays']>> = [
    { country: 'UK' },
    { country: 'DE', region: 'Bavaria' },
    { country: 'JP', region: 'Tokyo' },
  ];
  const lines: string[] = [];
  for (const holidays of attempts) {
    try {
      schedulePolicy({ timezone: 'Europe/Berlin', holidays, rules: [] });
      lines.push(`holidays: ${JSON.stringify(holidays)} is valid`);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      lines.push(`holidays: ${JSON.stringify(holidays)}`);
      for (const issue of error.issues) lines.push(`  ${issue.path}: ${issue.message}`);
    }
  }
  return ['```text', ...lines, '```'].join('\n');
}
