import { startEmulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { createPerturber } from './perturber.js';
import { generateScenario } from './scenario.js';

describe('the chaos perturber', () => {
  it("turns on a running pool's autoscaler as another actor would, and never a stopped pool's, which AKS refuses", async () => {
    const emulator = await startEmulator({
      operationDurationInMs: 1,
      clusters: [
        {
          resourceGroup: 'chaosRg',
          name: 'chaos1',
          pools: [
            { name: 'running', count: 2 },
            { name: 'stopped', count: 3, powerState: 'Stopped' },
          ],
        },
      ],
    });
    try {
      const scenario = {
        ...generateScenario(1, 1, 'library'),
        resourceGroup: 'chaosRg',
        clusterName: 'chaos1',
        perturbations: [
          {
            kind: 'enable-autoscaler' as const,
            pool: 'running',
            on: { event: 'planned' as const, pool: 'x' },
          },
          {
            kind: 'enable-autoscaler' as const,
            pool: 'stopped',
            on: { event: 'planned' as const, pool: 'x' },
          },
        ],
      };
      const perturber = createPerturber({ scenario, emulator, tokenFile: '/nonexistent', nextToken: '' });
      perturber.onEvent('planned', 'x');
      expect(perturber.applied.map((p) => p.pool)).toEqual(['running']);
      expect(emulator.state.getPool('chaosRg', 'chaos1', 'running')?.enableAutoScaling).toBe(true);
      expect(emulator.state.getPool('chaosRg', 'chaos1', 'stopped')?.enableAutoScaling).toBe(false);
    } finally {
      await emulator.close();
    }
  });
});
