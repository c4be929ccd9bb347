import { reconcile, type ScalerEvent } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { closedAfterEach, counts, rgAks } from './emulator-fixture.js';

const fixtures = closedAfterEach();

describe('skipped pools against the emulator', () => {
  it('an Upgrading autoscaler pool the plan skips is reported at once, never waited for; the run is ok', async () => {
    const fixture = await fixtures.start({
      clusters: rgAks([
        { name: 'manualpool2', count: 1 },
        {
          name: 'autopool',
          count: 2,
          enableAutoScaling: true,
          minCount: 1,
          maxCount: 5,
          provisioningState: 'Upgrading',
        },
      ]),
    });
    const { emulator, client, cluster } = fixture;
    const events: ScalerEvent[] = [];
    const report = await reconcile({
      client,
      cluster,
      policy: counts({ manualpool2: 3, autopool: 4 }),
      operationTimeoutInMs: 3000,
      onEvent: (event) => events.push(event),
    });
    expect(report.ok).toBe(true);
    expect(report.pools.map((p) => [p.pool, p.action, p.outcome, p.error?.code])).toEqual([
      ['manualpool2', 'scale', 'succeeded', undefined],
      ['autopool', 'skip', 'skipped', undefined],
    ]);
    expect(report.pools[1]?.reason).toMatch(/cluster autoscaler owns this pool's count/);
    expect(report.pools[1]?.reason).not.toMatch(/waits for it/);
    expect(events.some((e) => e.type === 'waiting' && e.pool === 'autopool')).toBe(false);
    // Read once by the list, never polled.
    expect(
      emulator.requests.filter((r) => r.method === 'GET' && /agentPools\/autopool$/.test(r.path)),
    ).toEqual([]);
    expect(emulator.state.getPool('autopool')).toMatchObject({ count: 2, provisioningState: 'Upgrading' });
  });
});
