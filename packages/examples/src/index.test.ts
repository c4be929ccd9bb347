import { describe, expect, it } from 'vitest';
import { EXAMPLES_VERSION } from './index.js';

describe('examples', () => {
  it('has a semantic version', () => {
    expect(EXAMPLES_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
