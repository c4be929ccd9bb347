import { describe, expect, it } from 'vitest';
import { nodePool } from './pool-builder.js';

describe('nodePool', () => {
  it('builds an idle running User pool and applies overrides', () => {
    const pool = nodePool({ name: 'nodepool1', mode: 'System', count: 3 });
    expect(pool).toMatchObject({
      name: 'nodepool1',
      mode: 'System',
      count: 3,
      provisioningState: 'Succeeded',
    });
    expect(pool.enableAutoScaling).toBe(false);
  });
});
