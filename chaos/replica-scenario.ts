import type { Random } from './random.js';

/**
 * What a replica run does to the Kubernetes API while the leader works:
 * - `api-down`: the API resets every connection for `forInMs` (longer than the renew deadline: the leader stops
 *   leading, and nobody can take the Lease until the API is back);
 * - `status-conflict`: the next `times` updates of the status ConfigMap meet 409 (another writer);
 * - `lease-lost`: something that is no replica takes the Lease (`state.takeOverLease`) and never renews it: the
 *   leader finds out at its next renewal, and a replica takes the Lease back once it expired.
 */
export type KubernetesChaos =
  | { kind: 'api-down'; forInMs: number }
  | { kind: 'status-conflict'; times: number }
  | { kind: 'lease-lost' };

/** The plan of a replica run. */
export interface ReplicaChaos {
  /** Kubernetes faults, at the first operation the leader starts (a status conflict from the start). */
  kubernetes: KubernetesChaos[];
  /** A signal to the leader at its first operation; a new replica then starts, as a ReplicaSet would start one. */
  interrupt?: 'SIGTERM' | 'SIGKILL';
}

/** The leader election's timings in replica runs (SCALER_LEADER_ELECTION_TIMINGS): lease 3 s, deadline 1.5 s. */
export const REPLICA_TIMINGS = { leaseDurationInMs: 3_000, renewDeadlineInMs: 1_500, retryPeriodInMs: 250 };

/** Draws a replica run's plan: one or two Kubernetes faults, and a signal to the leader in half of the runs. */
export function replicaChaos(rng: Random): ReplicaChaos {
  const kinds = rng.sample(['api-down', 'status-conflict', 'lease-lost'] as const, rng.int(1, 2));
  const kubernetes = kinds.map((kind): KubernetesChaos => {
    if (kind === 'api-down') return { kind, forInMs: rng.int(300, 2_500) };
    if (kind === 'status-conflict') return { kind, times: rng.int(1, 3) };
    return { kind };
  });
  const interrupt = rng.chance(0.5) ? rng.pick(['SIGTERM', 'SIGKILL'] as const) : undefined;
  return { kubernetes, ...(interrupt && { interrupt }) };
}
