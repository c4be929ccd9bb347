import type { LimitFunction } from 'p-limit';
import { poolUrl } from './agent-pool-mapping.js';
import type { Clock } from './clock.js';
import { poolKey } from './common/pool-rules.js';
import { type Deadline, startDeadline } from './deadline.js';
import { AbortedError, OperationConflictError } from './errors.js';
import type { ScalerEvent } from './events.js';
import type { NodePoolClient } from './node-pool-client.js';
import type { OperationDurations } from './operation-durations.js';
import { type PlanOptions, type PlanStep, planPool } from './plan.js';
import { isWriteAction } from './plan-step.js';
import type { PoolLocks } from './pool-locks.js';
import { createPoolWaiter } from './pool-waiter.js';
import { toSafeError } from './redact.js';
import type { ExistingPoolReport as PoolReport } from './report.js';
import { anySignal, throwIfAborted, toAbortError } from './sleep.js';
import { runWrites } from './step-writes.js';
import { type ClusterRef, isTerminalProvisioningState, type NodePool } from './types.js';

/** Distributive `Omit` over the event union. */
type EventInput = ScalerEvent extends infer E
  ? E extends ScalerEvent
    ? Omit<E, 'cluster' | 'at'>
    : never
  : never;

/** What executing one plan step needs; shared by every step of a reconcile (and of a fleet). */
export interface StepContext {
  client: NodePoolClient;
  cluster: ClusterRef;
  limit: LimitFunction;
  locks: PoolLocks;
  clock: Clock;
  operationTimeoutInMs: number;
  pollIntervalInMs: number;
  planOptions: PlanOptions;
  abortSignal?: AbortSignal;
  drainSignal?: AbortSignal;
  emit: (event: EventInput) => void;
  /** Where each write's duration is learned, timed on `clock` (absent when the client learns them itself). */
  durations?: OperationDurations;
}

function baseReport(step: PlanStep): PoolReport {
  const report: PoolReport = {
    pool: step.pool,
    from: step.from,
    to: step.to,
    action: step.action,
    reason: step.reason,
    outcome: step.action === 'skip' ? 'skipped' : 'succeeded',
  };
  if (step.operations.length > 0) report.operations = [...step.operations];
  if (step.bounds) report.bounds = step.bounds;
  if (step.warning) report.warning = true;
  report.power = step.power;
  if (step.decision.override) report.override = { ...step.decision.override };
  return report;
}

/** The report of a step that is only planned (dry run). */
export function plannedReport(step: PlanStep): PoolReport {
  const report = baseReport(step);
  if (isWriteAction(step.action)) report.outcome = 'planned';
  return report;
}

/**
 * Executes one plan step: waits for a busy pool and plans it again, then runs its writes inside the shared
 * limiter, within the operation timeout, re-reading and re-planning once when the pool changed (412).
 */
export async function executeStep(ctx: StepContext, initial: PlanStep): Promise<PoolReport> {
  if (!isWriteAction(initial.action) && !initial.waitFirst) {
    ctx.emit({ type: 'skipped', pool: initial.pool, reason: initial.reason });
    return baseReport(initial);
  }
  return ctx.locks.run(poolKey(ctx.cluster, initial.pool), () => runStep(ctx, initial));
}

async function runStep(ctx: StepContext, initial: PlanStep): Promise<PoolReport> {
  let step = initial;
  const startedAt = ctx.clock.now();
  // The operation's deadline, computed once and handed down to the waits and writes. Its time runs while the
  // pool is waited for and while it is written, not while it queues for a slot of the shared limiter (behind
  // other pools' operations, or the subscription's write pacing).
  const deadline = startDeadline({
    clock: ctx.clock,
    timeoutInMs: ctx.operationTimeoutInMs,
    paused: !step.waitFirst,
    message: (ms) =>
      `Pool '${step.pool}' did not finish within ${ms} ms. The operation may still be running in Azure; the next reconcile waits for it. Raise the operation timeout if pools take longer to scale.`,
  });
  const signal = anySignal(deadline.signal, ctx.abortSignal) as AbortSignal;
  let started = false;
  try {
    if (ctx.drainSignal?.aborted) throw new AbortedError('Not started: the reconcile is stopping.');
    throwIfAborted(signal);
    if (step.waitFirst) {
      ctx.emit({
        type: 'waiting',
        pool: step.pool,
        provisioningState: step.current.provisioningState,
        reason: `the pool is ${step.current.provisioningState}; waiting for its operation to finish`,
      });
      const fresh = await waitForPool(ctx, step.current, signal, deadline);
      step = planPool(fresh, step.decision, ctx.planOptions);
      if (!isWriteAction(step.action)) {
        const report = baseReport(step);
        ctx.emit({ type: 'skipped', pool: step.pool, reason: step.reason });
        return report;
      }
    }
    deadline.pause();
    return await ctx.limit(async () => {
      if (ctx.drainSignal?.aborted) throw new AbortedError('Not started: the reconcile is stopping.');
      throwIfAborted(signal);
      deadline.resume();
      started = true;
      ctx.emit({ type: 'started', pool: step.pool, from: step.from, to: step.to });
      step = await runOperations(ctx, step, signal, deadline);
      const durationInMs = ctx.clock.now() - startedAt;
      const report = { ...baseReport(step), durationInMs };
      if (isWriteAction(step.action)) {
        ctx.emit({ type: 'succeeded', pool: step.pool, from: step.from, to: step.to, durationInMs });
      } else {
        ctx.emit({ type: 'skipped', pool: step.pool, reason: step.reason });
      }
      return report;
    });
  } catch (caught) {
    const error =
      signal.aborted && !(caught instanceof OperationConflictError) ? toAbortError(signal, caught) : caught;
    const safe = toSafeError(error);
    const durationInMs = ctx.clock.now() - startedAt;
    ctx.emit({ type: 'failed', pool: step.pool, code: safe.code, message: safe.message, durationInMs });
    const report: PoolReport = {
      ...baseReport(step),
      outcome: 'failed',
      error: { code: safe.code, message: safe.message },
    };
    if (started) report.durationInMs = durationInMs;
    return report;
  } finally {
    deadline.dispose();
  }
}

async function runOperations(
  ctx: StepContext,
  first: PlanStep,
  signal: AbortSignal,
  deadline: Deadline,
): Promise<PlanStep> {
  let step = first;
  let replanned = false;
  for (;;) {
    try {
      return await runWrites(ctx, step, signal, deadline);
    } catch (error) {
      if (!(error instanceof OperationConflictError) || error.reason !== 'changed' || replanned) throw error;
      replanned = true;
      ctx.emit({
        type: 'retry',
        pool: step.pool,
        reason: 'the pool changed since it was read (412); re-reading and planning again',
        delayInMs: 0,
      });
      const fresh = (error.latest as NodePool | undefined) ?? (await readFresh(ctx, step.pool, signal));
      step = planPool(fresh, step.decision, ctx.planOptions);
      if (step.waitFirst) {
        step = planPool(await waitForPool(ctx, fresh, signal, deadline), step.decision, ctx.planOptions);
      }
      if (!isWriteAction(step.action)) return step;
    }
  }
}

async function readFresh(ctx: StepContext, pool: string, signal: AbortSignal): Promise<NodePool> {
  return ctx.client.getPool(ctx.cluster, pool, { abortSignal: signal });
}

/**
 * Waits for a pool to reach a terminal state, within the step's deadline: the client's own waiter, or the same
 * core-lro pool waiter over `getPool`, on the reconcile's clock.
 */
export async function waitForPool(
  ctx: StepContext,
  pool: NodePool,
  signal: AbortSignal,
  deadline: Deadline,
): Promise<NodePool> {
  const onProgress = (state: NodePool) => ctx.emit({ type: 'progress', pool: pool.name, state });
  if (ctx.client.waitForPool) {
    return ctx.client.waitForPool(pool, {
      abortSignal: signal,
      deadline,
      timeoutInMs: Math.max(1, deadline.remainingInMs()),
      onProgress,
    });
  }
  return createPoolWaiter<NodePool>({
    url: poolUrl('', ctx.cluster, pool.name),
    initial: pool,
    read: async (abortSignal) => ({
      pool: await ctx.client.getPool(ctx.cluster, pool.name, { abortSignal }),
    }),
    isTerminal: (p) => isTerminalProvisioningState(p.provisioningState),
    clock: ctx.clock,
    intervalInMs: ctx.pollIntervalInMs,
    onRead: onProgress,
  }).pollUntilDone({ abortSignal: signal });
}
