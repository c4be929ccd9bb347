import { describe, expect, it } from 'vitest';
import { retryAfterInMs } from './retry-after.js';

describe('retryAfterInMs', () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name];
  it('reads seconds, HTTP dates and milliseconds, and takes the longest', () => {
    expect(retryAfterInMs(headers({ 'retry-after': '7' }), 0)).toBe(7000);
    expect(retryAfterInMs(headers({ 'retry-after-ms': '250' }), 0)).toBe(250);
    expect(retryAfterInMs(headers({ 'x-ms-retry-after-ms': '300' }), 0)).toBe(300);
    expect(retryAfterInMs(headers({ 'retry-after': '7', 'retry-after-ms': '3' }), 0)).toBe(7000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterInMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterInMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }), now)).toBe(10_000);
    expect(retryAfterInMs(headers({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }), now)).toBe(0);
    expect(retryAfterInMs(headers({}), 0)).toBeUndefined();
    expect(retryAfterInMs(headers({ 'retry-after': 'soon' }), 0)).toBeUndefined();
    expect(retryAfterInMs(headers({ 'retry-after': '-5' }), 0)).toBeUndefined();
  });
});
