import type { EmulatorPoolSnapshot, KubernetesRequestLogEntry } from '@aks-scaler/testkit';
import type { LeaseHold } from '../packages/examples/test/helpers/leadership-timeline.js';
import type { ChaosScenario } from './scenario.js';

/** One replica of a replica run: its ARM identity, and how it ended. */
export interface ReplicaRecord {
  /** Its `POD_NAME` (the Lease's holderIdentity while it leads). */
  name: string;
  /** Its ARM client id: the emulator's log names it as the principal of each request. */
  clientId: string;
  /** `null` when killed; undefined when it never ended (stuck). */
  exitCode?: number | null | undefined;
  signalled?: 'SIGTERM' | 'SIGKILL' | undefined;
  stderr?: string | undefined;
}

/** What a replica run leaves in the Kubernetes API emulator, besides ARM's evidence. */
export interface ClusterEvidence {
  /** Every request the Kubernetes emulator served (who wrote the Lease when, and who holds it after). */
  requests: readonly KubernetesRequestLogEntry[];
  /** The takeovers the harness forced on the Lease (`lease-lost`). */
  forced: LeaseHold[];
  /** `status.json` of the status ConfigMap after the run; undefined when there is none. */
  statusJson?: string | undefined;
  replicas: ReplicaRecord[];
  /** Whether the run settled: the pools converged and a leader wrote the status after its converged reconcile. */
  settled: boolean;
}

const minCount = (mode: string) => (mode === 'System' ? 1 : 0);

/**
 * The count each pool must end at once the loop converged: the largest decision for it, clamped, for the pools the
 * replicas write the count of (running, without the autoscaler: replica runs skip the others).
 */
export function desiredCounts(
  scenario: ChaosScenario,
  pools: readonly EmulatorPoolSnapshot[],
): Map<string, number> {
  const desired = new Map<string, number>();
  for (const decision of scenario.decisions) {
    const pool = pools.find((p) => p.name === decision.pool);
    if (!pool || pool.enableAutoScaling || pool.powerState === 'Stopped' || decision.count === undefined)
      continue;
    const count = Math.min(1000, Math.max(minCount(pool.mode), decision.count));
    desired.set(pool.name, Math.max(desired.get(pool.name) ?? count, count));
  }
  return desired;
}
