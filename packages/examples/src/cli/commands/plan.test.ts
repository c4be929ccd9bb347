import { ConfigError } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './plan.js';

function refusal(text: string): ConfigError {
  try {
    parseInstant(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`${text} was accepted`);
}

describe('plan --at', () => {
  it('takes an instant with Z or a UTC offset', () => {
    expect(parseInstant('2026-12-22T20:00Z').toISOString()).toBe('2026-12-22T20:00:00.000Z');
    expect(parseInstant('2026-12-22T20:00:00+01:00').toISOString()).toBe('2026-12-22T19:00:00.000Z');
    expect(parseInstant('2026-12-22T20:00:00.250-05:30').toISOString()).toBe('2026-12-23T01:30:00.250Z');
  });

  it("refuses a date and time without an offset instead of reading it in this machine's timezone", () => {
    const error = refusal('2026-12-22T20:00');
    expect(error.issues).toEqual([
      {
        path: '--at',
        message:
          '"2026-12-22T20:00" has no UTC offset, so it would be read in this machine\'s timezone; add Z or an offset: 2026-12-22T20:00Z (UTC) or 2026-12-22T20:00+01:00 (an offset from UTC).',
      },
    ]);
    expect(refusal('2026-12-22T20:00:00').issues[0]!.message).toContain('2026-12-22T20:00:00Z');
  });

  it('refuses what is not an instant, showing both accepted forms', () => {
    for (const text of ['yesterday', '2026-12-22', '2026-13-45T99:00:00Z', '2026-12-22T20:00+0100']) {
      expect(refusal(text).issues[0]!.message, text).toContain(
        '2026-12-24T09:00:00Z or 2026-12-24T10:00:00+01:00',
      );
    }
  });
});
