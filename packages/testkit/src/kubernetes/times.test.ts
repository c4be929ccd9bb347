import { describe, expect, test } from 'vitest';
import { formatMicroTime, formatTime, humanDuration, parseMicroTime, parseTime } from './times.js';

describe('MicroTime and Time, as the API server parses them', () => {
  test('a MicroTime needs exactly six fractional digits; offsets are normalized to UTC', () => {
    expect(parseMicroTime('2026-12-01T07:30:00.123456Z')).toEqual({
      ok: true,
      value: '2026-12-01T07:30:00.123456Z',
      epochMs: Date.parse('2026-12-01T07:30:00.123Z') + 0.456,
    });
    expect(parseMicroTime('2026-12-01T08:30:00.000001+01:00')).toMatchObject({
      ok: true,
      value: '2026-12-01T07:30:00.000001Z',
    });
    expect(parseMicroTime('2026-12-01T07:30:00.123Z')).toEqual({
      ok: false,
      problem:
        'parsing time "2026-12-01T07:30:00.123Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".123Z" as ".000000"',
    });
    expect(parseMicroTime('2026-12-01T07:30:00Z')).toMatchObject({ ok: false });
    expect(parseMicroTime('2020-02-28T20:11:41.636526400Z')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('cannot parse "400Z" as "Z07:00"'),
    });
    expect(parseMicroTime('yesterday')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"2006"'),
    });
  });

  test('a Time takes any fraction and is kept in whole seconds', () => {
    expect(parseTime('2026-12-01T07:30:00.999Z')).toMatchObject({ ok: true, value: '2026-12-01T07:30:00Z' });
    expect(parseTime('2026-12-01T09:30:00+02:00')).toMatchObject({ ok: true, value: '2026-12-01T07:30:00Z' });
    expect(parseTime('2026-12-01 07:30:00')).toMatchObject({ ok: false });
  });

  test('formatting from epoch ms', () => {
    const at = Date.parse('2026-12-01T07:30:00.250Z');
    expect(formatMicroTime(at)).toBe('2026-12-01T07:30:00.250000Z');
    expect(formatTime(at)).toBe('2026-12-01T07:30:00Z');
  });
});

describe('humanDuration, as kubectl shows ages', () => {
  test.each([
    [-5_000, '<invalid>'],
    [-1_000, '0s'],
    [0, '0s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [200_000, '3m20s'],
    [25 * 60_000, '25m'],
    [3 * 3600_000 + 12 * 60_000, '3h12m'],
    [5 * 3600_000, '5h'],
    [30 * 3600_000, '30h'],
    [76 * 3600_000, '3d4h'],
    [200 * 86_400_000, '200d'],
    [(2 * 365 + 10) * 86_400_000, '2y10d'],
    [9 * 365 * 86_400_000, '9y'],
  ])('%d ms is %s', (durationInMs, expected) => {
    expect(humanDuration(durationInMs)).toBe(expected);
  });
});
