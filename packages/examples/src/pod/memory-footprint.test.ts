import { describe, expect, it } from 'vitest';
import { favourMemoryOverSpeed } from './memory-footprint.js';

describe('favourMemoryOverSpeed', () => {
  it('leaves V8 alone when node was told either way, on its command line or in NODE_OPTIONS', () => {
    expect(favourMemoryOverSpeed(['--optimize-for-size'], '')).toBe(false);
    expect(favourMemoryOverSpeed([], '--max-old-space-size=256 --no-optimize-for-size')).toBe(false);
    expect(favourMemoryOverSpeed(['--optimize_for_size'], '')).toBe(false);
  });
});
