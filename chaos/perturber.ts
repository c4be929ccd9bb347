import { renameSync, writeFileSync } from 'node:fs';
import type { Emulator } from '@aks-scaler/testkit';
import type { AppliedPerturbation } from './observed.js';
import type { ChaosScenario, Perturbation } from './scenario.js';

/** Applies a scenario's perturbations when their trigger events are seen. */
export interface Perturber {
  /** Call with every reconcile event (library) or pod log line (`event`, `pool`). */
  onEvent(type: unknown, pool: unknown): void;
  /** What was applied, in order. */
  readonly applied: AppliedPerturbation[];
}

/** Options of {@link createPerturber}. */
export interface PerturberOptions {
  scenario: ChaosScenario;
  emulator: Emulator;
  /** The federated token file the scaler reads. */
  tokenFile: string;
  /** A fresh service-account token, written over the file on `rotate-token` (atomically, as the kubelet does). */
  nextToken: string;
}

/**
 * Creates the perturber of one run. A perturbation fires once, on the first matching event; one that would act on
 * a pool that is busy with an operation (which ARM would refuse with 409) or already gone is dropped.
 */
export function createPerturber(options: PerturberOptions): Perturber {
  const { scenario, emulator, tokenFile, nextToken } = options;
  const { resourceGroup, clusterName } = scenario;
  const pending = new Set<Perturbation>(scenario.perturbations);
  const applied: AppliedPerturbation[] = [];

  const apply = (perturbation: Perturbation): boolean => {
    if (perturbation.kind === 'rotate-token') {
      writeFileSync(`${tokenFile}.new`, nextToken, { mode: 0o600 });
      renameSync(`${tokenFile}.new`, tokenFile);
      return true;
    }
    const name = perturbation.pool ?? '';
    const pool = emulator.state.getPool(resourceGroup, clusterName, name);
    if (!pool || pool.operationId !== undefined) return false;
    switch (perturbation.kind) {
      case 'delete-pool':
        return emulator.state.deletePool(resourceGroup, clusterName, name);
      case 'enable-autoscaler':
        // AKS refuses to change a stopped pool (only a start); another actor cannot turn its autoscaler on.
        if (pool.powerState === 'Stopped') return false;
        emulator.state.setPool(resourceGroup, clusterName, name, {
          enableAutoScaling: true,
          minCount: 0,
          maxCount: Math.max(pool.count, 3),
        });
        return true;
      case 'foreign-change':
        emulator.state.setPool(resourceGroup, clusterName, name, {
          tags: { ...pool.tags, changedBy: 'someone-else' },
        });
        return true;
    }
  };

  return {
    applied,
    onEvent(type, pool) {
      for (const perturbation of [...pending]) {
        if (perturbation.on.event !== type || perturbation.on.pool !== pool) continue;
        pending.delete(perturbation);
        if (apply(perturbation)) {
          applied.push({
            kind: perturbation.kind,
            ...(perturbation.pool !== undefined && { pool: perturbation.pool }),
            at: Date.now(),
          });
        }
      }
    },
  };
}
