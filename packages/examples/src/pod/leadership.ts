import type { WriteGuard } from '@aks-scaler/core';
import type { ScalerMode } from './env.js';
import type { KubernetesSetup } from './kubernetes-access.js';

/** The Lease the replicas of loop mode elect their leader with. */
export const LEADER_LEASE_NAME = 'aks-scaler-leader';

/** The timings of the leader election (client-go's names). */
export interface LeaseTimings {
  /** How long a Lease holds after its holder renewed it (the Lease's `leaseDurationSeconds`). @default 15_000 */
  leaseDurationInMs: number;
  /** How long a leader keeps trying to renew before it stops leading. @default 10_000 */
  renewDeadlineInMs: number;
  /** How often a leader renews, and a candidate tries to take the Lease. @default 2_000 */
  retryPeriodInMs: number;
}

/** client-go's defaults: lease 15 s, renew deadline 10 s, retry 2 s. */
export const DEFAULT_LEASE_TIMINGS: LeaseTimings = {
  leaseDurationInMs: 15_000,
  renewDeadlineInMs: 10_000,
  retryPeriodInMs: 2_000,
};

/** client-go's jitter of a candidate's retry period: it waits 1 to 2.2 retry periods between tries. */
export const JITTER_FACTOR = 1.2;

/** One stretch of time during which this replica leads. */
export interface LeaderTerm {
  /**
   * Aborts when this replica stops leading: the renew deadline passed, another holder took the Lease, or it gave
   * the Lease up (stopping). No write leaves after that (the client's write guard refuses it).
   */
  readonly lost: AbortSignal;
}

/** What `/readyz` and the log know of the election. */
export interface LeadershipState {
  /** Whether this replica leads now. */
  leading: boolean;
  /** This replica's identity (`POD_NAME`, else the hostname): the Lease's `holderIdentity` while it leads. */
  identity: string;
  /** The Lease's name (see {@link leaderLeaseName}). */
  lease: string;
  /** The holder as last read (`''`: nobody holds it); `undefined` before the Lease was read. */
  holder?: string | undefined;
  /** Why the Lease could not be read or written at the last try, while that lasts. */
  problem?: string | undefined;
}

/** The leader election of loop mode, as the reconcile loop uses it. */
export interface Leadership {
  /** This replica's identity. */
  readonly identity: string;
  /**
   * Tries to take the Lease every retry period until this replica leads (resolves with the term), or until
   * `abortSignal` aborts (resolves `undefined`). While it leads, the Lease is renewed in the background.
   */
  campaign(options: { abortSignal: AbortSignal }): Promise<LeaderTerm | undefined>;
  /**
   * Called by the loop once a term began and the config is current, before the term's first reconcile: the state
   * the previous leader saved is read back for the policies.
   */
  termStarting(): void;
  /**
   * Stops leading (SIGTERM): no write leaves from now on, the writes already sent are waited for, then the Lease is
   * cleared (`holderIdentity` empty, `leaseDurationSeconds` 1) so a follower takes over at its next retry.
   */
  resign(options: { abortSignal: AbortSignal }): Promise<void>;
  /** Admits the node-pool client's writes only while this replica leads. */
  readonly writeGuard: WriteGuard;
  /** The election as it stands. */
  state(): LeadershipState;
}

/**
 * The Lease the replicas elect their leader with: `aks-scaler-leader`, and `aks-scaler-leader-<i>` for shard `i`
 * (each shard has its own leader, as it has its own status ConfigMap).
 */
export function leaderLeaseName(shard?: { index: number }): string {
  return shard === undefined ? LEADER_LEASE_NAME : `${LEADER_LEASE_NAME}-${shard.index}`;
}

/**
 * Whether the pod elects a leader: in loop mode, when it talks to Kubernetes, unless `SCALER_LEADER_ELECTION=off`.
 * Once mode (a CronJob runs one pod at a time) and a pod without Kubernetes never do.
 */
export function electsLeader(mode: ScalerMode, kubernetes: KubernetesSetup | undefined): boolean {
  return mode === 'loop' && kubernetes?.access !== undefined && kubernetes.settings.leaderElection !== 'off';
}
