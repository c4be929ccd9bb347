import type {
  ArmResponseInfo,
  ClusterRef,
  ConfigIssue,
  FleetReport,
  NodePool,
  ReconcileReport,
  ScalerEvent,
} from '@aks-scaler/core';
import type { PolicyStateCarry } from './config-targets.js';

/** An error reduced to what every sink may see: a stable code and a redacted message. */
export interface PodEventError {
  /** The stable code (`AUTHENTICATION`, `CLUSTER_NOT_FOUND`...). */
  code: string;
  /** The redacted message: never a token. */
  message: string;
}

/**
 * What happens in the pod, as its sinks see it (logs and metrics; Kubernetes Events, the status ConfigMap and
 * notifications are further sinks of the same events). New kinds are added as the pod learns new things (config
 * reloads, override warnings, leadership changes): a sink ignores the kinds it does not know.
 *
 * - `pools-read` / `pools-unreadable`: a reconcile read a cluster's pools from ARM (announced with its plan, before
 *   any write), or could not.
 * - `scaler`: one of core's reconcile events (planned, started, succeeded...).
 * - `arm-response`: one HTTP attempt to ARM answered.
 * - `cluster-reconciled` / `cluster-failed`: one cluster's reconcile ended with a report, or with an error that
 *   stopped it (its pools unreadable, its policy failing).
 * - `fleet-reconciled`: every cluster of one reconcile ended.
 * - `clusters-listed`: a selector listed its subscription (or resource group): the clusters it matches now, and
 *   those `added` and `removed` since its last listing (`first` for the first listing of the process);
 *   `selector-failed`: a selector's listing failed, so its clusters are not reconciled this time;
 *   `selector-dropped`: a reloaded config no longer has a selector, whose clusters are no longer reconciled;
 *   `cluster-selected-twice`: a discovered cluster is already listed by name or by an earlier entry, which keeps it
 *   (sent once per entry and cluster).
 * - `reconcile-failed`: a reconcile stopped as a whole; `stopping` when that was the pod's own shutdown.
 * - `override-active` / `override-expired`: at a reconcile, an override (config or tags) decides a pool, or has
 *   passed its `until` and should be removed (for Kubernetes Events `OverrideActive` / `OverrideExpired` and the
 *   `override` webhook notification). Sent at every reconcile while it lasts: sinks that announce changes keep
 *   what they announced. The log writes the reconcile's `notice` event instead.
 * - `config-reloaded` / `config-rejected`: loop mode found a changed `SCALER_CONFIG` and uses it from the next
 *   reconcile, or found it invalid (or unreadable) and keeps the running one.
 * - `config-unchanged`: a check (on SIGHUP, or at a tick) found the content the pod already runs or rejected.
 * - `reload-requested`: SIGHUP arrived; `deferred` when a reconcile runs, which the check waits for.
 * - `kubernetes-failed`: a call to the Kubernetes API (the status ConfigMap, an Event) failed; it never changes a
 *   reconcile, and is retried at the next one.
 */
export type PodEvent =
  | { kind: 'pools-read'; at: Date; cluster: ClusterRef; pools: readonly NodePool[] }
  | { kind: 'pools-unreadable'; at: Date; cluster: ClusterRef; error: PodEventError }
  | { kind: 'scaler'; event: ScalerEvent }
  | { kind: 'arm-response'; response: ArmResponseInfo }
  | { kind: 'cluster-reconciled'; cluster: ClusterRef; report: ReconcileReport; durationInMs: number }
  | { kind: 'cluster-failed'; cluster: ClusterRef; error: PodEventError }
  | { kind: 'fleet-reconciled'; fleet: FleetReport }
  | {
      kind: 'clusters-listed';
      at: Date;
      selector: SelectorInfo;
      /** Every cluster the selector matches now. */
      clusters: readonly ClusterRef[];
      /** Matched now, not at the last listing (every match, at the first). */
      added: readonly ClusterRef[];
      /** Matched at the last listing, not now (their policy state is dropped). */
      removed: readonly ClusterRef[];
      /** Whether this is the selector's first successful listing in this process. */
      first: boolean;
      /** Added clusters whose region is not the entry's `location`. */
      locationMismatches: ReadonlyArray<{ cluster: ClusterRef; expected: string; actual: string }>;
    }
  | { kind: 'selector-failed'; at: Date; selector: SelectorInfo; error: PodEventError }
  | { kind: 'selector-dropped'; at: Date; selector: SelectorInfo; removed: readonly ClusterRef[] }
  | { kind: 'cluster-selected-twice'; at: Date; selector: SelectorInfo; cluster: ClusterRef; by: string }
  | {
      kind: 'reconcile-failed';
      /** The stable code (`UNEXPECTED` for an error that is not the library's) and the redacted message. */
      error: PodEventError;
      /** What was thrown, for the log's error serializer only (it redacts); never send it elsewhere. */
      cause: unknown;
      /** Whether the pod was stopping (a stop before in-flight operations finished is not a failure). */
      stopping: boolean;
    }
  | {
      kind: 'override-active';
      /** When the reconcile saw it (from the clock). */
      at: Date;
      cluster: ClusterRef;
      pool: string;
      /** The override's target as a tag writes it (`3`, `stop`, `pause`, `2-10`). */
      target: string;
      /** When it ends: an ISO instant, as written. */
      until: string;
      /** Why, as written (empty when a tag gives none). */
      reason: string;
      /** Where it was set. */
      source: 'config' | 'tag';
    }
  | {
      kind: 'override-expired';
      /** When the reconcile saw it (from the clock). */
      at: Date;
      cluster: ClusterRef;
      pool: string;
      /** When it ended, as written. */
      until: string;
      /** What it asked for, as a tag writes it. */
      target: string;
      /** Why, as written (empty when a tag gives none). */
      reason: string;
      /** Where it is still written, to be removed. */
      source: 'config' | 'tag';
    }
  | {
      kind: 'config-reloaded';
      at: Date;
      /** The file, as `SCALER_CONFIG` names it. */
      path: string;
      /** The sha256 of the new content, and of the content it replaces. */
      hash: string;
      previousHash?: string;
      reason: ReloadReason;
      /** The clusters the new config lists by name. */
      clusters: readonly ReloadedCluster[];
      /** The new config's selectors (their entries, `clusters[1]`); their clusters are listed at the next reconcile. */
      selectors: readonly string[];
      /** What the new config says that is surely not meant, with paths. */
      warnings: readonly ConfigIssue[];
    }
  | {
      kind: 'config-rejected';
      at: Date;
      path: string;
      /** The sha256 of the rejected content; absent when the file could not be read. */
      hash?: string;
      /** The sha256 of the content that keeps running. */
      runningHash?: string;
      reason: ReloadReason;
      /** Every problem, with its path. */
      problems: readonly ConfigIssue[];
    }
  | { kind: 'config-unchanged'; at: Date; path: string; hash: string; reason: ReloadReason; running: boolean }
  | { kind: 'reload-requested'; at: Date; deferred: boolean }
  | {
      kind: 'kubernetes-failed';
      /** Which call failed. */
      operation: KubernetesOperation;
      /** The HTTP status; `undefined` when the API server could not be reached or did not answer in time. */
      status: number | undefined;
      /** The `Status` reason (`Forbidden`, `Conflict`...), when the server gave one. */
      reason: string | undefined;
      /** What failed, in the API's words (never a token). */
      message: string;
    };

/** What a config check was started by: the loop's tick, or SIGHUP. */
export type ReloadReason = 'tick' | 'signal';

/** One cluster of a reloaded config: its policy, and what became of the state of the policy it ran before. */
export interface ReloadedCluster {
  /** The cluster. */
  cluster: ClusterRef;
  /** The new policy's name. */
  policy: string;
  /** `new`, `none` (nothing to carry), `carried` or `fresh` (some or all of it did not fit). */
  state: PolicyStateCarry;
  /** The parts of the saved state that started fresh, with their config paths. */
  stateIgnored?: readonly ConfigIssue[];
}

/** A config entry that discovers clusters by tag, as events name it. */
export interface SelectorInfo {
  /** Where the entry is in the config, e.g. `clusters[1]`. */
  entry: string;
  /** The subscription listed. */
  subscription: string;
  /** The resource group listed, when the entry names one. */
  resourceGroup?: string;
  /** The tags matched. */
  tags: Readonly<Record<string, string>>;
}

/** A call to the Kubernetes API, as `aks_scaler_kubernetes_errors_total{operation}` counts its failures. */
export type KubernetesOperation =
  | 'connect'
  | 'status-read'
  | 'status-create'
  | 'status-update'
  | 'event-create'
  | 'event-patch';

/** The `kind` of a {@link PodEvent}. */
export type PodEventKind = PodEvent['kind'];

/** Something to let go of: a listener, a sink. */
export interface Disposable {
  /** Stops it; calling it again does nothing. */
  dispose(): void;
}

/**
 * A typed event in cockatiel's shape: call it with a listener to subscribe, dispose the result to unsubscribe.
 *
 * @example
 * ```ts
 * const subscription = hub.onEvent((event) => console.log(event.kind));
 * subscription.dispose();
 * ```
 */
export type Event<T> = (listener: (value: T) => void) => Disposable;
