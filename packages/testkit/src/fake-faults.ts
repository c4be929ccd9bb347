import {
  type NodePool,
  OperationConflictError,
  OperationFailedError,
  ThrottledError,
  type WriteOptions,
} from '@aks-scaler/core';

/** The kind of a write the fake performs. */
export type FakeOperationKind = 'scale' | 'bounds' | 'start' | 'stop' | 'tags';

/** A write as the fake sees it, for scripted durations. */
export interface FakeOperation {
  /** What the write changes. */
  kind: FakeOperationKind;
  /** The pool's name. */
  pool: string;
  /** The value before, as logged (`1`, `1..3`, `Running`). */
  from: string;
  /** The value after, as logged. */
  to: string;
}

/**
 * A scripted failure for the next write(s) of a pool.
 * - `fail`: the operation runs, then ends `Failed` (`OperationFailedError` with `armCode`).
 * - `busy`: the pool is busy with a foreign operation (409) for `durationInMs`; the write waits, then retries,
 *   or, with `changesPool`, finds the pool changed (`OperationConflictError` reason `changed` with `latest`).
 * - `changed`: the pool's eTag changes just before the write (412): `OperationConflictError` reason `changed`.
 * - `throttled`: `ThrottledError`, as after the SDK's retries.
 * - `hang`: the operation never finishes (until aborted).
 * - `error`: throws `error` as is.
 */
export type FakeFault =
  | { type: 'fail'; armCode?: string | undefined; message?: string | undefined }
  | {
      type: 'busy';
      durationInMs?: number | undefined;
      provisioningState?: string | undefined;
      changesPool?: boolean | undefined;
    }
  | { type: 'changed'; update?: Partial<NodePool> | undefined }
  | { type: 'throttled'; retryAfterInMs?: number | undefined }
  | { type: 'hang' }
  | { type: 'error'; error: Error };

/** What playing a fault before a write may touch. */
export interface FaultContext {
  /** The pool as stored. */
  pool: NodePool;
  /** The write, as logged (`scale a 1->3`). */
  label: string;
  /** The fake's ordering log. */
  log: string[];
  /** How the fake waits. */
  sleep: (ms: number, abortSignal?: AbortSignal) => Promise<void>;
  /** The write's options (its signal and callbacks). */
  options: WriteOptions;
  /** Changes the stored pool (with a new eTag) and returns it. */
  changeTo: (update: Partial<NodePool>) => NodePool;
}

/**
 * Plays the faults that strike before a write starts (`error`, `throttled`, `changed`, `busy`) and returns the pool
 * as then stored; `fail` and `hang` strike the operation itself.
 */
export async function playFaultBeforeWrite(
  fault: FakeFault | undefined,
  ctx: FaultContext,
): Promise<NodePool> {
  const { pool, label, options } = ctx;
  if (fault?.type === 'error') throw fault.error;
  if (fault?.type === 'throttled') {
    throw new ThrottledError(`ARM throttled writes to pool '${pool.name}'.`, {
      retryAfterInMs: fault.retryAfterInMs ?? 1000,
    });
  }
  if (fault?.type === 'changed') {
    ctx.changeTo(fault.update ?? {});
    ctx.log.push(`CONFLICT ${label} 412`);
    throw new OperationConflictError(`Pool '${pool.name}' changed since it was read (412).`, {
      reason: 'changed',
    });
  }
  if (fault?.type === 'busy') {
    const state = fault.provisioningState ?? 'Updating';
    ctx.log.push(`BUSY ${label} 409`);
    options.onWaiting?.({ provisioningState: state, reason: 'another operation is in progress (409)' });
    await ctx.sleep(fault.durationInMs ?? 0, options.abortSignal);
    options.onRetry?.({ reason: 'the pool finished its other operation', delayInMs: 0 });
    if (fault.changesPool) {
      const latest = ctx.changeTo({});
      throw new OperationConflictError(`Pool '${pool.name}' changed while another operation ran.`, {
        reason: 'changed',
        latest,
      });
    }
  }
  return pool;
}

/** The error an operation ends with when its fault is `fail` (it ran, then ended `Failed`), else undefined. */
export function operationFailure(
  fault: FakeFault | undefined,
  pool: string,
): OperationFailedError | undefined {
  if (fault?.type !== 'fail') return undefined;
  const armCode = fault.armCode ?? 'OperationFailed';
  return new OperationFailedError(
    `The operation on pool '${pool}' failed: ${armCode}. ${fault.message ?? ''}`.trim(),
    { armCode },
  );
}
