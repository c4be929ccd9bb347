import { schedulePolicy, scheduleTransitions } from '@aks-scaler/policies';

// #region work-hours
export const workHours = schedulePolicy({
  timezone: 'Europe/Berlin',
  rules: [
    { when: '2026-12-24T00:00/2026-12-27T00:00', counts: { manualpool2: 0 } }, // holidays first: first match wins
    { when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10 } },
    { when: 'Fri 22:00-06:00', counts: { batch: 8 } }, // crosses midnight: Friday night into Saturday
    { cron: '0 2 * * *', duration: '2h', counts: { batch: 4 } }, // every night at 02:00 for two hours
  ],
  otherwise: { manualpool2: 1, batch: 0 },
});
// #endregion work-hours

/** When the counts change over Christmas week, as `scheduleTransitions` lists them. */
export async function christmasTransitions(): Promise<string> {
  const spec = {
    timezone: 'Europe/Berlin',
    rules: [
      { when: '2026-12-24T00:00/2026-12-27T00:00', counts: { manualpool2: 0 } },
      { when: 'Mon-Fri 07:30-20:30', counts: { manualpool2: 10 } },
    ],
    otherwise: { manualpool2: 1 },
  };
  const transitions = scheduleTransitions(spec, {
    from: new Date('2026-12-23T00:00:00+01:00'),
    to: new Date('2026-12-28T12:00:00+01:00'),
  });
  const lines = transitions.map((t) => `${t.at.toISOString()}  ${JSON.stringify(t.counts)}  ${t.rule}`);
  return ['```text', ...lines, '```'].join('\n');
}
