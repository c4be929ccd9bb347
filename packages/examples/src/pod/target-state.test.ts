import { describe, expect, it } from 'vitest';
import { hashPolicyConfig } from './target-state.js';

describe("the hash of a config's policy part", () => {
  it('is the same whatever the key order, and differs when the policy does', () => {
    const a = hashPolicyConfig({
      metric: { pools: ['manualpool3'], targetPerNode: 100, azureMonitor: { metricName: 'q' } },
    });
    const b = hashPolicyConfig({
      metric: { azureMonitor: { metricName: 'q' }, targetPerNode: 100, pools: ['manualpool3'] },
    });
    expect(a).toBe(b);
    expect(a).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(
      hashPolicyConfig({
        metric: { pools: ['manualpool3'], targetPerNode: 50, azureMonitor: { metricName: 'q' } },
      }),
    ).not.toBe(a);
    expect(hashPolicyConfig({ max: [{ static: { a: 1 } }, { static: { b: 2 } }] })).not.toBe(
      hashPolicyConfig({ max: [{ static: { b: 2 } }, { static: { a: 1 } }] }),
    );
  });
});
