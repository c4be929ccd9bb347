import type { Clock } from '@aks-scaler/core';
import type { Leadership, LeaseTimings } from '../leadership.js';
import type { LeadershipChange } from '../pod-events.js';
import type { KubernetesSession } from './kubernetes-session.js';

/** Options of `createLeaseElector` (lease-elector.ts). */
export interface LeaseElectorOptions {
  /** The connection (shared with the status ConfigMap and the Events). */
  session: KubernetesSession;
  /** The Lease's name. */
  name: string;
  /** This replica's `holderIdentity`. */
  identity: string;
  timings: LeaseTimings;
  /** Every wait and every time the election reads or writes. */
  clock: Clock;
  /** A number in [0, 1) for the jitter. @default Math.random */
  random?: () => number;
  /** Called on every change of leadership. */
  onChange(change: {
    change: LeadershipChange;
    leading: boolean;
    holder: string | undefined;
    reason: string;
  }): void;
}

/** The Lease part of {@link Leadership} (the state restore at a term's start is the Kubernetes sink's). */
export type LeaseElector = Omit<Leadership, 'termStarting'>;

/** One term of this replica as leader. */
export interface Term {
  /** Aborted when the term ends (what the loop sees). */
  lost: AbortController;
  /** Stops the renewals. */
  renewing: AbortController;
  /** When the last successful renewal began. */
  renewedAt: number;
}

/** The options of one call to the Kubernetes API. */
export type CallOptions = { abortSignal?: AbortSignal | undefined; timeoutInMs?: number | undefined };
