import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { formatDuration, parseDurationInMs, tryParseDurationInMs } from './duration.js';

describe('parseDurationInMs', () => {
  it.each([
    ['8h', 28_800_000],
    ['90m', 5_400_000],
    ['1h30m', 5_400_000],
    ['45s', 45_000],
    ['500ms', 500],
    ['2d', 172_800_000],
    ['1.5h', 5_400_000],
    ['PT8H', 28_800_000],
    ['pt90m', 5_400_000],
    ['P1DT2H', 93_600_000],
    ['P1W', 604_800_000],
  ])('%s -> %i ms', (text, ms) => {
    expect(parseDurationInMs(text)).toBe(ms);
  });

  it.each(['', '8', 'h', '8 hours', '-1h', '0s', 'PT0S', 'P1M', 'P1Y', '400d', 'PT', '1h 30m'])(
    'rejects %j',
    (text) => {
      expect(() => parseDurationInMs(text, 'rules[0].duration')).toThrow(ConfigError);
      expect(() => parseDurationInMs(text, 'rules[0].duration')).toThrow('rules[0].duration');
    },
  );

  it('any string either parses to a positive duration or throws a ConfigError', () => {
    const durationish = fc
      .array(fc.tuple(fc.nat({ max: 500 }), fc.constantFrom('ms', 's', 'm', 'h', 'd', 'x', '')), {
        maxLength: 4,
      })
      .map((parts) => parts.map(([n, unit]) => `${n}${unit}`).join(''));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          durationish,
          durationish.map((text) => `PT${text.toUpperCase()}`),
        ),
        (text) => {
          try {
            const ms = parseDurationInMs(text);
            expect(Number.isInteger(ms) && ms > 0 && ms <= 366 * 86_400_000).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('formatDuration round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 366 * 86_400_000 }), (ms) => {
        expect(parseDurationInMs(formatDuration(ms))).toBe(ms);
      }),
    );
  });

  it('allowZero accepts a zero duration, and only then', () => {
    for (const text of ['0', '0s', '00m', '0ms']) {
      expect(parseDurationInMs(text, 'window', { allowZero: true })).toBe(0);
      expect(() => parseDurationInMs(text, 'window')).toThrow('window');
    }
  });

  it('tryParseDurationInMs returns undefined instead of throwing', () => {
    expect(tryParseDurationInMs('1h30m')).toBe(5_400_000);
    expect(tryParseDurationInMs('soon')).toBeUndefined();
  });
});
