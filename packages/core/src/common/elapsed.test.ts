import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, tryParseDurationInMs } from './duration.js';

describe('tryParseDurationInMs (the forms the pod and CLI variables use)', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1500ms', 1_500],
    ['1h30m', 5_400_000],
    [' 2M ', 120_000],
    ['1.5s', 1_500],
    ['1d', 86_400_000],
  ])('%s is %d ms', (text, expected) => {
    expect(tryParseDurationInMs(text)).toBe(expected);
  });

  it.each(['', '60', 's', '5 m', '-5s', '5x', '1h-30m', 'abc'])('refuses %j', (text) => {
    expect(tryParseDurationInMs(text)).toBeUndefined();
  });
});

describe('formatElapsed and formatDuration', () => {
  it.each([
    [850, '850ms'],
    [4_200, '4.2s'],
    [185_000, '3m05s'],
    [3_720_000, '1h02m'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
    expect(formatDuration(ms)).toBe(text);
  });

  it('formatElapsed rounds to what a reader needs; formatDuration stays exact', () => {
    expect(formatElapsed(4_213)).toBe('4.2s');
    expect(formatDuration(4_213)).toBe('4.213s');
    expect(formatElapsed(3_723_000)).toBe('1h02m');
    expect(formatDuration(3_723_000)).toBe('1h02m03s');
  });
});
