import { describe, expect, it } from 'vitest';
import { fnv1a32, subscriptionShard } from './shard.js';

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    // From the FNV reference test suite (Fowler, Noll, Vo): "" is the offset basis.
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes, not UTF-16 code units', () => {
    // 'ü' is two bytes in UTF-8 (c3 bc); the value was computed with a separate Python implementation.
    expect(fnv1a32('ü')).toBe(0x119dd44a);
  });
});

describe('subscriptionShard', () => {
  // Values computed independently (Python: h = 0x811c9dc5; for b in s.lower().encode(): h = ((h ^ b) * 0x01000193) % 2**32).
  it.each([
    ['00000000-0000-0000-0000-000000000000', 3, 0],
    ['00000000-0000-0000-0000-000000000000', 7, 3],
    ['6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c', 3, 2],
    ['ffffffff-ffff-ffff-ffff-ffffffffffff', 3, 0],
    ['ffffffff-ffff-ffff-ffff-ffffffffffff', 7, 2],
  ])('%s of %i shards is shard %i', (subscriptionId, shards, expected) => {
    expect(subscriptionShard(subscriptionId, shards)).toBe(expected);
  });

  it('lower-cases the subscription id first, so its spelling does not move it', () => {
    expect(fnv1a32('6F1C2A3B-0D4E-4F5A-8B6C-7D8E9F0A1B2C')).not.toBe(
      fnv1a32('6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c'),
    );
    expect(subscriptionShard('6F1C2A3B-0D4E-4F5A-8B6C-7D8E9F0A1B2C', 7)).toBe(3);
    expect(subscriptionShard('6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c', 7)).toBe(3);
  });

  it('one shard takes everything; a count below 1 or not an integer is refused', () => {
    expect(subscriptionShard('6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c', 1)).toBe(0);
    expect(() => subscriptionShard('x', 0)).toThrow(/at least 1, got 0/);
    expect(() => subscriptionShard('x', 2.5)).toThrow(/got 2.5/);
  });
});
