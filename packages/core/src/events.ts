import type { PlanAction, ReconcileReport } from './report.js';
import type { AutoscalerBounds, ClusterRef, NodePool, PolicyNotice, PowerState } from './types.js';

/** Fields every {@link ScalerEvent} carries. */
export interface ScalerEventBase {
  /** The cluster the event is about. */
  cluster: ClusterRef;
  /** When it happened (from the injected clock). */
  at: Date;
}

/**
 * What reconcile reports as it goes, for logs, metrics and progress displays.
 *
 * - `notice`: what the policy told the operator while it decided (see `PolicyContext.notify`), before the plan's
 *   `planned` events.
 * - `planned`: one per pool in scope, before anything runs.
 * - `waiting`: the pool is busy with another operation (non-terminal state or 409); waiting for it.
 * - `started` / `progress` / `succeeded` / `failed`: an operation's life.
 * - `skipped`: the plan leaves the pool alone, with the reason.
 * - `retry`: a conflict (412), throttle (429) or busy pool (409) made the client try again.
 * - `finished`: the reconcile's report.
 */
export type ScalerEvent =
  | (ScalerEventBase & { type: 'notice' } & PolicyNotice)
  | (ScalerEventBase & {
      type: 'planned';
      pool: string;
      from: number;
      to: number;
      action: PlanAction;
      reason: string;
      /** The pool's power state once the step is done. */
      power?: PowerState | undefined;
      /** The autoscaler range the step writes (or finds already set), for a range or `bounds` mode. */
      bounds?: AutoscalerBounds | undefined;
    })
  | (ScalerEventBase & { type: 'waiting'; pool: string; provisioningState: string; reason: string })
  | (ScalerEventBase & { type: 'started'; pool: string; from: number; to: number })
  | (ScalerEventBase & { type: 'progress'; pool: string; state: NodePool })
  | (ScalerEventBase & { type: 'succeeded'; pool: string; from: number; to: number; durationInMs: number })
  | (ScalerEventBase & { type: 'failed'; pool: string; code: string; message: string; durationInMs: number })
  | (ScalerEventBase & { type: 'skipped'; pool: string; reason: string })
  | (ScalerEventBase & { type: 'retry'; pool: string; reason: string; delayInMs: number })
  | (ScalerEventBase & { type: 'finished'; report: ReconcileReport });

/** The `type` of a {@link ScalerEvent}. */
export type ScalerEventType = ScalerEvent['type'];
