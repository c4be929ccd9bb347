import { type Emulator, startEmulator } from '@aks-scaler/testkit';
import type { RunEvidence } from './evidence.js';
import type { AppliedPerturbation, ProcessRecord } from './observed.js';
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

/** Everything the run left in the emulator, with the processes that ran and the perturbations applied. */
export function collectEvidence(
  emulator: Emulator,
  scenario: ChaosScenario,
  initial: ReturnType<typeof snapshotPools>,
  processes: ProcessRecord[],
  perturbed: AppliedPerturbation[],
): RunEvidence {
  const final = snapshotPools(emulator, scenario);
  return {
    scenario,
    subscriptionId: emulator.subscriptionId,
    requests: emulator.requests,
    history: emulator.state.history,
    operations: emulator.state.operations,
    initialPools: initial.pools,
    finalPools: final.pools,
    initialDecoy: initial.decoy,
    finalDecoy: final.decoy,
    processes,
    perturbed,
  };
}
