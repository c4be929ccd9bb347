import { type ArmErrorContext, toScalerError } from './arm-errors.js';
import type { Clock } from './clock.js';
import { type Deadline, type OperationDeadline, startDeadline } from './deadline.js';
import { OperationConflictError, OperationTimeoutError } from './errors.js';
import { toAbortError } from './sleep.js';

/** The client's own deadline for a write or wait that was given none: its message names the pool and cluster. */
export function operationDeadline(
  clock: Clock,
  timeoutInMs: number,
  context: ArmErrorContext,
): OperationDeadline {
  return startDeadline({
    clock,
    timeoutInMs,
    message: (ms) =>
      `Pool '${context.pool}' of cluster '${context.cluster.clusterName}' did not reach a terminal state within ${ms} ms. The operation may still be running in Azure; the next reconcile waits for it. Raise the operation timeout if pools take longer.`,
  });
}

/** What decides how a failed write or wait is reported. */
export interface FailureState {
  /** The caller's signal: when it aborted, the failure is the abort. */
  abortSignal?: AbortSignal | undefined;
  /** The operation's deadline: when it expired, the failure is the timeout. */
  deadline: Deadline;
  /** Whether the write was waiting out a 409 (another operation) when it failed. */
  busy: boolean;
  /** For an HTTP-date `Retry-After`. */
  clock: Clock;
}

/**
 * The error a failed write or wait rejects with: the caller's abort; a deadline that expired while ARM kept
 * answering 409 (`OperationConflictError`, reason `busy`); the deadline's `OperationTimeoutError`; otherwise the
 * typed ARM error.
 */
export function failure(error: unknown, context: ArmErrorContext, state: FailureState): Error {
  const { abortSignal, deadline, busy } = state;
  if (abortSignal?.aborted) return toAbortError(abortSignal, error);
  if (deadline.signal.aborted && busy) {
    return new OperationConflictError(
      `Another operation kept pool '${context.pool}' of cluster '${context.cluster.clusterName}' busy (409 OperationNotAllowed) for longer than the operation timeout of ${deadline.timeoutInMs} ms. Wait for it to finish (or raise the operation timeout) and run again.`,
      { cause: error, reason: 'busy' },
    );
  }
  if (deadline.signal.aborted) {
    const reason: unknown = deadline.signal.reason;
    return reason instanceof OperationTimeoutError ? reason : toAbortError(deadline.signal, error);
  }
  return toScalerError(error, { ...context, nowInMs: state.clock.now() });
}
