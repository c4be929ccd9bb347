import { reconcile } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { closedAfterEach, counts, puts, rgAks } from './emulator-fixture.js';

const fixtures = closedAfterEach();

// VirtualMachines pools keep their size per VM size in virtualMachinesProfile.scale.manual, not in count. The real
// client against the emulator, which refuses a count-only write to such a pool as AKS does.
describe('VirtualMachines pools against the emulator', () => {
  it('scales a one-size pool through its scale profile, skips a several-size pool, and scales the others', async () => {
    const fixture = await fixtures.start({
      clusters: rgAks([
        { name: 'manualpool2', count: 1 },
        { name: 'vmpool', type: 'VirtualMachines', manualScale: [{ size: 'Standard_D4s_v5', count: 2 }] },
        {
          name: 'mixedpool',
          type: 'VirtualMachines',
          manualScale: [
            { size: 'Standard_D4s_v5', count: 1 },
            { size: 'Standard_D8s_v5', count: 1 },
          ],
        },
      ]),
    });
    const { emulator, client, cluster } = fixture;
    const pools = await client.listPools(cluster);
    expect(pools.find((p) => p.name === 'vmpool')?.count).toBe(2);
    expect(pools.find((p) => p.name === 'mixedpool')?.count).toBe(2); // the sum of its sizes

    const report = await reconcile({
      client,
      cluster,
      policy: counts({ manualpool2: 3, vmpool: 5, mixedpool: 4 }),
    });
    expect(report.ok).toBe(true);
    expect(report.pools.map((p) => [p.pool, p.action, p.outcome])).toEqual([
      ['manualpool2', 'scale', 'succeeded'],
      ['vmpool', 'scale', 'succeeded'],
      ['mixedpool', 'skip', 'skipped'],
    ]);
    expect(report.pools[2]?.reason).toMatch(/has 2 VM sizes/);
    expect(emulator.state.getPool('manualpool2')?.count).toBe(3);
    expect(emulator.state.getPool('vmpool')?.count).toBe(5);
    expect(emulator.state.getPool('mixedpool')?.count).toBe(2);
    // The vmpool write went through its scale profile (the emulator refuses a count-only write to such a pool).
    expect(emulator.state.getPool('vmpool')?.manualScale).toEqual([{ size: 'Standard_D4s_v5', count: 5 }]);
    const bodyFields = (name: string) =>
      puts(emulator)
        .filter((request) => request.path.endsWith(`/agentPools/${name}`))
        .map((request) => request.bodyFieldsSent);
    expect(bodyFields('vmpool')).toHaveLength(1);
    expect(bodyFields('vmpool')[0]).toContain('virtualMachinesProfile');
    expect(bodyFields('mixedpool')).toEqual([]);
  });
});
