import { describe, expect, it } from 'vitest';
import { matchesTags } from './tags.js';

describe('matchesTags', () => {
  it('needs every wanted tag with exactly its value; other tags do not matter', () => {
    expect(matchesTags({ fleet: 'shop', team: 'web' }, { fleet: 'shop' })).toBe(true);
    expect(matchesTags({ fleet: 'shop', team: 'web' }, { fleet: 'shop', team: 'web' })).toBe(true);
    expect(matchesTags({ fleet: 'shop' }, { fleet: 'shop', team: 'web' })).toBe(false);
    expect(matchesTags({}, { fleet: 'shop' })).toBe(false);
    expect(matchesTags({ fleet: 'shopping' }, { fleet: 'shop' })).toBe(false);
    expect(matchesTags({ fleet: '' }, { fleet: '' })).toBe(true);
  });

  it('compares tag names case-insensitively, as Azure does, and values exactly', () => {
    expect(matchesTags({ Fleet: 'shop' }, { fleet: 'shop' })).toBe(true);
    expect(matchesTags({ fleet: 'shop' }, { FLEET: 'shop' })).toBe(true);
    expect(matchesTags({ fleet: 'Shop' }, { fleet: 'shop' })).toBe(false);
    expect(matchesTags({ fleet: 'shop ' }, { fleet: 'shop' })).toBe(false);
  });
});
