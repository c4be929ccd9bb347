import { describe, expect, it } from 'vitest';
import { schedulePolicy } from './schedule-policy.js';
import { scheduleReasonNotes } from './schedule-reason.js';
import { withBounds } from './with-bounds.js';

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' };

describe('scheduleReasonNotes', () => {
  it('reads back the holiday and the early start that schedules write, through wrappers too', async () => {
    const policy = withBounds(
      schedulePolicy({
        timezone: 'Europe/Berlin',
        holidays: { country: 'DE' },
        leadTime: '6m',
        rules: [
          { when: 'holidays', counts: { web: 0 } },
          { when: 'Mon-Fri 07:30-20:30', counts: { web: 10 } },
        ],
        otherwise: { web: 1 },
      }),
      { web: { max: 8 } },
    );
    const reason = async (iso: string) =>
      (await policy.evaluate({ now: new Date(iso), cluster, pools: [] }))[0]?.reason ?? '';
    // 25 December is Christmas Day in every German state; 28 December 2026 is a Monday.
    expect(scheduleReasonNotes(await reason('2026-12-25T10:00:00Z'))).toEqual({ holiday: 'Christmas Day' });
    expect(scheduleReasonNotes(await reason('2026-12-28T06:25:00Z'))).toEqual({
      earlyStart: { window: 'rule 2: Mon-Fri 07:30-20:30', startsAt: '07:30', ahead: '5 min' },
    });
    expect(scheduleReasonNotes(await reason('2026-12-28T10:00:00Z'))).toEqual({});
    expect(scheduleReasonNotes('max of [static=1, static=3]: b web=3')).toEqual({});
  });
});
