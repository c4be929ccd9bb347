import type {
  EmulatorOperation,
  EmulatorPoolSnapshot,
  PoolWriteRecord,
  RequestLogEntry,
} from '@aks-scaler/testkit';
import type { ClusterEvidence } from './cluster-evidence.js';
import type { AppliedPerturbation, ProcessRecord } from './observed.js';
import type { ChaosScenario } from './scenario.js';

/** Everything a run leaves behind, for the invariant checks. */
export interface RunEvidence {
  scenario: ChaosScenario;
  subscriptionId: string;
  requests: readonly RequestLogEntry[];
  history: readonly PoolWriteRecord[];
  operations: readonly EmulatorOperation[];
  initialPools: EmulatorPoolSnapshot[];
  finalPools: EmulatorPoolSnapshot[];
  initialDecoy: EmulatorPoolSnapshot[];
  finalDecoy: EmulatorPoolSnapshot[];
  processes: ProcessRecord[];
  perturbed: AppliedPerturbation[];
  /** Replica runs: the Kubernetes side (the Lease, the status ConfigMap) and the replicas. */
  cluster?: ClusterEvidence | undefined;
}

/** Compares two JSON values structurally (undefined and null alike). */
export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
