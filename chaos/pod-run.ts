import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProcessRecord } from './observed.js';
import { outcomeOf, type RunOutcome } from './outcome.js';
import { createPerturber } from './perturber.js';
import { runPodProcess } from './pod-process.js';
import { collectEvidence, snapshotPools, startRunEmulator } from './run-emulator.js';
import type { ChaosScenario } from './scenario.js';

/** Runs one scenario with the bundled pod as child processes (a signal and a restart when the scenario says so). */
export async function runPodScenario(scenario: ChaosScenario, bundle: string): Promise<RunOutcome> {
  const emulator = await startRunEmulator(scenario);
  const dir = await mkdtemp(join(tmpdir(), 'aks-scaler-chaos-pod-'));
  const notes: string[] = [];
  try {
    const env: NodeJS.ProcessEnv = {
      ...(await emulator.workloadIdentityEnv({ cluster: scenario.clusterName })),
      SCALER_POLL_INTERVAL: '5ms',
      SCALER_OPERATION_TIMEOUT: `${scenario.operationTimeoutInMs}ms`,
      SCALER_CONCURRENCY: String(scenario.concurrency),
      SCALER_SHUTDOWN_TIMEOUT: '10s',
      SCALER_DRY_RUN: String(scenario.dryRun),
      ...(scenario.unknownPools && { SCALER_UNKNOWN_POOLS: scenario.unknownPools }),
      LOG_LEVEL: 'debug',
    };
    const counts = Object.fromEntries(scenario.decisions.map((d) => [d.pool, d.count]));
    if (scenario.autoscalerPools === 'bounds') {
      const config = {
        clusters: [
          {
            subscription: emulator.subscriptionId,
            resourceGroup: scenario.resourceGroup,
            name: scenario.clusterName,
            autoscalerPools: 'bounds',
          },
        ],
        policy: { static: counts },
      };
      env.SCALER_CONFIG = join(dir, 'scaler.json');
      await writeFile(env.SCALER_CONFIG, JSON.stringify(config));
    } else {
      env.NODE_POOLS_AMOUNT = JSON.stringify(counts);
    }
    const perturber = createPerturber({
      scenario,
      emulator,
      tokenFile: env.AZURE_FEDERATED_TOKEN_FILE!,
      nextToken: await emulator.issueServiceAccountToken('default', 'workload-identity-sa'),
    });
    const initial = snapshotPools(emulator, scenario);
    const scopeNow = () => {
      const present = new Set(snapshotPools(emulator, scenario).pools.map((p) => p.name));
      return [...new Set(scenario.decisions.map((d) => d.pool))].filter((name) => present.has(name));
    };
    const processes: ProcessRecord[] = [];
    const first = await runPodProcess({
      label: 'pod',
      bundle,
      env,
      scope: scopeNow(),
      onLine: (line) => perturber.onEvent(line.event, line.pool),
      ...(scenario.interrupt && { interrupt: scenario.interrupt }),
    });
    processes.push(first.record);
    if (first.stuck) notes.push('the pod did not exit in time');
    if (first.record.signalled) {
      const second = await runPodProcess({ label: 'pod (restart)', bundle, env, scope: scopeNow() });
      processes.push(second.record);
      if (second.stuck) notes.push('the restarted pod did not exit in time');
    }
    const evidence = collectEvidence(emulator, scenario, initial, processes, perturber.applied);
    return outcomeOf(evidence, emulator.faults.triggered, notes);
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
}
