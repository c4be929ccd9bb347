import { ConfigError } from '@aks-scaler/core/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWhen, windowContains } from './when.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

describe('parseWhen', () => {
  it.each([
    ['Mon-Fri 07:30-20:30', [false, true, true, true, true, true, false], 450, 1230],
    ['Sat,Sun 00:00-24:00', [true, false, false, false, false, false, true], 0, 1440],
    ['Mon 22:00-06:00', [false, true, false, false, false, false, false], 1320, 360],
    ['Mon-Sun 00:00-01:00', [true, true, true, true, true, true, true], 0, 60],
    ['* 00:00-01:00', [true, true, true, true, true, true, true], 0, 60],
    ['Sat-Mon 1:05-2:00', [true, true, false, false, false, false, true], 65, 120],
    ['  Sun  ', [true, false, false, false, false, false, false], 0, 1440],
  ])('parses %j', (text, days, start, end) => {
    expect(parseWhen(text)).toEqual({ kind: 'weekly', days, startInMinutes: start, endInMinutes: end });
  });

  it('parses absolute ranges as local wall-clock times', () => {
    expect(parseWhen('2026-12-24T00:00/2026-12-27T00:00')).toEqual({
      kind: 'absolute',
      startInLocalMs: Date.UTC(2026, 11, 24),
      endInLocalMs: Date.UTC(2026, 11, 27),
    });
  });

  it.each([
    ['', 'not a window'],
    ['Mon-Fri', undefined],
    ['Mon-Fry 07:00-08:00', 'days'],
    ['Mon 07:00', 'HH:MM-HH:MM'],
    ['Mon 24:00-24:00', 'start 24:00'],
    ['Mon 07:60-08:00', 'start 07:60'],
    ['Mon 07:00-24:01', 'end 24:01'],
    ['Mon 07:00-07:00', 'empty'],
    ['Mon 07:00-08:00 extra', 'not a window'],
    ['2026-02-30T00:00/2026-03-01T00:00', 'not a local date-time'],
    ['2026-12-27T00:00/2026-12-24T00:00', 'ends before it starts'],
    ['2026-12-24T00:00/2026-12-24T00:00', 'ends before it starts'],
    ['2026-12-24T00:00/2026-12-25T00:00/2026-12-26T00:00', 'not an absolute range'],
  ])('rejects %j', (text, message) => {
    if (message === undefined) {
      expect(parseWhen(text).kind).toBe('weekly');
      return;
    }
    expect(() => parseWhen(text)).toThrow(ConfigError);
    expect(() => parseWhen(text)).toThrow(message);
  });

  it('any string either parses or throws a ConfigError', () => {
    const grammarish = fc
      .tuple(
        fc.constantFrom(
          'Mon',
          'mon',
          'Mon-Fri',
          'Sat,Sun',
          '*',
          'Fri-Mon',
          'Xyz',
          '',
          'Mon,',
          '2026-12-24T00:00',
        ),
        fc.constantFrom(' ', '  ', '/', ''),
        fc.constantFrom(
          '07:30-20:30',
          '24:00-01:00',
          '00:00-24:00',
          '7:5-8:00',
          '99:99-00:00',
          '2026-12-27T00:00',
          '',
        ),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), grammarish), (text) => {
        try {
          const window = parseWhen(text);
          expect(['weekly', 'absolute']).toContain(window.kind);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('weekly windows contain exactly the local minutes they name', () => {
    const window = fc.record({
      days: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }).filter((days) => days.some(Boolean)),
      start: fc.integer({ min: 0, max: 1439 }),
      end: fc.integer({ min: 1, max: 1440 }),
    });
    const localMinute = fc.integer({ min: 0, max: 7 * 1440 * 60 - 1 }); // seconds into a week starting on a Sunday
    fc.assert(
      fc.property(window, localMinute, ({ days, start, end }, second) => {
        fc.pre(start !== end);
        const hhmm = (minutes: number) =>
          `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const text = `${DAYS.filter((_, i) => days[i]).join(',')} ${hhmm(start)}-${hhmm(end)}`;
        const parsed = parseWhen(text);
        const sunday = Date.UTC(2026, 10, 29); // a Sunday
        const day = Math.floor(second / 86_400);
        const minute = (second % 86_400) / 60;
        const expected =
          start < end
            ? days[day]! && minute >= start && minute < end
            : (days[day]! && minute >= start) || (days[(day + 6) % 7]! && minute < end);
        expect(windowContains(parsed, sunday + second * 1000)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
