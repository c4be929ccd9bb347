import { type Emulator, startEmulator } from '@aks-scaler/testkit';
import type { ChaosScenario } from './scenario.js';

/** Starts the emulator of one run: the reconciled cluster first, then the decoy cluster nobody may write. */
export async function startRunEmulator(scenario: ChaosScenario): Promise<Emulator> {
  const emulator = await startEmulator({
    clusters: [
      { resourceGroup: scenario.resourceGroup, name: scenario.clusterName, pools: scenario.pools },
      {
        resourceGroup: scenario.resourceGroup,
        name: `${scenario.clusterName}decoy`,
        pools: scenario.decoyPools,
      },
    ],
    operationDurationInMs: scenario.operationDurationInMs,
    tokenLifetimeInSeconds: scenario.tokenLifetimeInSeconds,
    seed: scenario.seed,
    ...(scenario.pollRetryAfterInSeconds !== undefined && {
      pollRetryAfterInSeconds: scenario.pollRetryAfterInSeconds,
    }),
  });
  for (const fault of scenario.faults) emulator.faults.inject(fault);
  return emulator;
}

/** The pools of the run's two clusters as they are now. */
export function snapshotPools(emulator: Emulator, scenario: ChaosScenario) {
  return {
    pools: emulator.state.listPools(scenario.resourceGroup, scenario.clusterName),
    decoy: emulator.state.listPools(scenario.resourceGroup, `${scenario.clusterName}decoy`),
  };
}
