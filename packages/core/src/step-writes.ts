import type { Deadline } from './deadline.js';
import type { StepContext } from './execute-step.js';
import type { WriteOptions } from './node-pool-client.js';
import { directionOf, type OperationDirection } from './operation-durations.js';
import { type PlanStep, planPool } from './plan.js';
import { isWriteAction } from './plan-step.js';
import type { NodePool } from './types.js';

/**
 * Runs a step's writes in order and returns the step as done. A start gives the pool back the count (and autoscaler
 * range) it had when it stopped, so what follows a start is planned again from the pool as started: a scale that
 * is no longer needed is not sent, and a range for a pool that turns out to have no autoscaler is skipped. Each
 * write is timed on the context's clock into `ctx.durations`, by its direction.
 */
export async function runWrites(
  ctx: StepContext,
  step: PlanStep,
  signal: AbortSignal,
  deadline: Deadline,
): Promise<PlanStep> {
  const write: WriteOptions = {
    abortSignal: signal,
    deadline,
    // For clients that time writes themselves: what is left, not the whole allowance.
    operationTimeoutInMs: Math.max(1, deadline.remainingInMs()),
    onProgress: (state) => ctx.emit({ type: 'progress', pool: step.pool, state }),
    onWaiting: ({ provisioningState, reason }) =>
      ctx.emit({ type: 'waiting', pool: step.pool, provisioningState, reason }),
    onRetry: ({ reason, delayInMs }) => ctx.emit({ type: 'retry', pool: step.pool, reason, delayInMs }),
  };
  const timed = async (
    direction: OperationDirection | undefined,
    nodes: number,
    run: () => Promise<NodePool>,
  ) => {
    const startedAt = ctx.clock.now();
    const written = await run();
    if (ctx.durations && direction) {
      const endedAt = ctx.clock.now();
      ctx.durations.record({
        cluster: ctx.cluster,
        pool: step.pool,
        direction,
        nodes,
        durationInMs: endedAt - startedAt,
        endedAt,
      });
    }
    return written;
  };
  let pool = step.current;
  for (const operation of step.operations) {
    const from = pool;
    switch (operation) {
      case 'start': {
        pool = await timed('start', 0, () => ctx.client.setPowerState(from, 'Running', write));
        const { override: _, ...decision } = step.decision;
        const rest = planPool(pool, { ...decision, reason: 'after the start' }, ctx.planOptions);
        if (isWriteAction(rest.action)) await runWrites(ctx, rest, signal, deadline);
        const done = isWriteAction(rest.action) ? rest.operations : [];
        const result: PlanStep = {
          ...step,
          to: rest.to,
          operations: ['start', ...done],
          power: rest.power,
          reason: `${step.reason}; ${rest.reason.replace(/^after the start; /, 'after the start: ')}`,
          warning: step.warning || rest.warning,
        };
        if (rest.bounds && done.includes('bounds')) result.bounds = rest.bounds;
        else delete result.bounds;
        return result;
      }
      case 'stop':
        pool = await timed('stop', 0, () => ctx.client.setPowerState(from, 'Stopped', write));
        break;
      case 'scale':
        if (pool.count !== step.to) {
          const nodes = Math.abs(step.to - pool.count);
          pool = await timed(directionOf(pool.count, step.to), nodes, () =>
            ctx.client.scalePool(from, step.to, write),
          );
        }
        break;
      case 'bounds': {
        const bounds = step.bounds;
        if (bounds && (pool.minCount !== bounds.minCount || pool.maxCount !== bounds.maxCount)) {
          pool = await timed('bounds', 0, () => ctx.client.setAutoscalerBounds(from, bounds, write));
        }
        break;
      }
    }
  }
  return step;
}
