import { describe, expect, it } from 'vitest';
import { isTimezone, previewRange } from './range.js';

const BERLIN = 'Europe/Berlin';
const now = new Date('2026-06-01T00:00:00Z');

describe('previewRange', () => {
  it('spans local calendar days: the spring-forward week in Berlin has 167 hours', () => {
    // Mon 23 Mar 2026 00:00 CET (UTC+1) = 22 Mar 23:00Z; clocks jump 02:00 -> 03:00 on Sun 29 Mar;
    // Mon 30 Mar 00:00 CEST (UTC+2) = 29 Mar 22:00Z. 7 days * 24 h - 1 h = 167 h.
    expect(previewRange({ from: '2026-03-23', days: 7, timezone: BERLIN, now })).toEqual({
      from: new Date('2026-03-22T23:00:00Z'),
      to: new Date('2026-03-29T22:00:00Z'),
      hours: 167,
    });
  });

  it('and the fall-back week 169 hours', () => {
    // Mon 19 Oct 2026 00:00 CEST = 18 Oct 22:00Z; 03:00 -> 02:00 on Sun 25 Oct; Mon 26 Oct 00:00 CET = 25 Oct 23:00Z.
    expect(previewRange({ from: '2026-10-19T00:00', days: 7, timezone: BERLIN, now })).toEqual({
      from: new Date('2026-10-18T22:00:00Z'),
      to: new Date('2026-10-25T23:00:00Z'),
      hours: 169,
    });
  });

  it('one local day is 23 or 25 hours on the change days', () => {
    expect(previewRange({ from: '2026-03-29', days: 1, timezone: BERLIN, now })?.hours).toBe(23);
    expect(previewRange({ from: '2026-10-25', days: 1, timezone: BERLIN, now })?.hours).toBe(25);
  });

  it('keeps an instant with an offset as it is', () => {
    expect(previewRange({ from: '2026-11-22T23:00:00Z', days: 1, timezone: BERLIN, now })).toEqual({
      from: new Date('2026-11-22T23:00:00Z'),
      to: new Date('2026-11-23T23:00:00Z'),
      hours: 24,
    });
  });

  it('defaults to the last Monday 00:00 local, also on the Sunday after a change', () => {
    // Sun 29 Mar 2026 14:00 CEST: six days and 14 wall-clock hours after Monday 00:00 CET, but only 157 real
    // hours, so subtracting wall-clock minutes (as a fixed offset) would land an hour early, on 22 Mar 22:00Z.
    const sunday = new Date('2026-03-29T12:00:00Z');
    expect(previewRange({ days: 7, timezone: BERLIN, now: sunday })?.from).toEqual(
      new Date('2026-03-22T23:00:00Z'),
    );
    // A Monday itself, just after midnight: that same Monday.
    const monday = new Date('2026-11-22T23:30:00Z'); // Mon 23 Nov 00:30 CET
    expect(previewRange({ days: 7, timezone: BERLIN, now: monday })?.from).toEqual(
      new Date('2026-11-22T23:00:00Z'),
    );
  });

  it('refuses what is not a date, and tells timezones apart', () => {
    expect(previewRange({ from: 'last week', days: 7, timezone: BERLIN, now })).toBeUndefined();
    expect(isTimezone(BERLIN)).toBe(true);
    expect(isTimezone('Europe/Atlantis')).toBe(false);
  });
});
