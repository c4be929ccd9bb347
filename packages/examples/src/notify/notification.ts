import type { ClusterRef, ExistingPoolReport } from '@aks-scaler/core';
import type { NotifyEvent, OverrideTarget } from '@aks-scaler/policies';

/** What a notification announces: one of `scaled`, `failed`, `override`, `config-rejected`. */
export type NotificationKind = NotifyEvent;

/** A pool operation that succeeded: scaled up or down, started, stopped, or its autoscaler range set. */
export interface ScaledNotification {
  /** The kind. */
  kind: 'scaled';
  /** When it happened (from the injected clock). */
  at: Date;
  /** The cluster of the pool. */
  cluster: ClusterRef;
  /** The pool's entry of the reconcile report (`outcome` `succeeded`). */
  entry: ExistingPoolReport;
}

/** A pool operation that failed or timed out. */
export interface FailedNotification {
  /** The kind. */
  kind: 'failed';
  /** When it ended (from the injected clock). */
  at: Date;
  /** The cluster of the pool. */
  cluster: ClusterRef;
  /** The pool's entry of the reconcile report (`outcome` `failed`, with its redacted `error`). */
  entry: ExistingPoolReport;
}

/** An override's target: a count, `stop`, `pause`, or an autoscaler range (the policies' own type). */
export type { OverrideTarget };

/** An operator override that became active or expired. */
export interface OverrideNotification {
  /** The kind. */
  kind: 'override';
  /** When the scaler saw the change (from the injected clock). */
  at: Date;
  /** The cluster of the pool. */
  cluster: ClusterRef;
  /** The override. */
  override: {
    /** The pool it names. */
    pool: string;
    /** `active`: it now beats the policy; `expired`: its `until` has passed. */
    state: 'active' | 'expired';
    /** What it asks for. */
    target: OverrideTarget;
    /** When it ends, as an ISO instant. */
    until: string;
    /** Why, as the operator wrote it. */
    reason: string;
    /** Where it was set: the config's `overrides`, or the pool's tags. */
    source?: 'config' | 'tag';
  };
}

/** A reloaded config that was invalid (the running config stays). */
export interface ConfigRejectedNotification {
  /** The kind. */
  kind: 'config-rejected';
  /** When it was read (from the injected clock). */
  at: Date;
  /** The file that was rejected, e.g. `/etc/aks-scaler/scaler.yaml`. */
  config: string;
  /** Every problem, with its path in the file. */
  problems: ReadonlyArray<{ path: string; message: string }>;
}

/**
 * What the scaler can announce to webhooks. Build them from a reconcile report with
 * `notificationsFromReport`, or directly for overrides and rejected configs.
 *
 * @example
 * ```ts
 * const rejected: Notification = {
 *   kind: 'config-rejected',
 *   at: new Date(),
 *   config: '/etc/aks-scaler/scaler.yaml',
 *   problems: [{ path: 'policy.static.Manual', message: 'pool name "Manual" is not valid' }],
 * };
 * ```
 */
export type Notification =
  | ScaledNotification
  | FailedNotification
  | OverrideNotification
  | ConfigRejectedNotification;
