import type { PlanOperation, PlanOptions, PlanStep, StoppedPoolMode } from './plan.js';
import { autoscalerBounds, autoscalerModeFor, clamp, rangeBounds } from './plan-rules.js';
import type { StepBuilder } from './plan-step.js';
import { isTerminalProvisioningState, type NodePool, type PoolDecision } from './types.js';
import { virtualMachinesRefusal } from './virtual-machines-pools.js';

/** What a count (or range) for a stopped pool does: the option, or its older boolean form. */
export function stoppedModeOf(options: PlanOptions): StoppedPoolMode {
  return options.stoppedPools ?? (options.startStoppedPools === true ? 'start' : 'skip');
}

/**
 * Why AKS would refuse to stop or start the pool now, or undefined. A busy pool is not refused: it is waited for
 * and planned again; a pool that ended `Failed` or `Canceled` cannot be stopped or started until it is repaired.
 */
function powerChangeRefusal(pool: NodePool, change: 'stop' | 'start'): string | undefined {
  if (!isTerminalProvisioningState(pool.provisioningState)) return undefined;
  if (pool.provisioningState.toLowerCase() === 'succeeded' || pool.provisioningState === '') return undefined;
  return `skipped: AKS ${change}s only a pool whose provisioning state is Succeeded, and this one is ${pool.provisioningState}; repair it first (e.g. 'az aks nodepool update'), the next reconcile ${change}s it`;
}

/** Why a decision cannot be planned at all (it names no target, or several), or undefined. */
export function decisionProblem(decision: PoolDecision): string | undefined {
  const { power, count, autoscaler } = decision;
  if (power !== undefined && power !== 'Running' && power !== 'Stopped') {
    return `refused: power ${JSON.stringify(power)} is neither 'Running' nor 'Stopped'; the pool is left alone`;
  }
  if (power === 'Stopped' && (count !== undefined || autoscaler !== undefined)) {
    return `refused: the decision stops the pool and also gives it ${count !== undefined ? `the count ${count}` : 'an autoscaler range'}; a decision does one of them, so the pool is left alone`;
  }
  if (count !== undefined && autoscaler !== undefined) {
    return 'refused: the decision gives both a count and an autoscaler range; a decision does one of them, so the pool is left alone';
  }
  if (count === undefined && autoscaler === undefined && power === undefined) {
    return "refused: the decision has no target (a count, power 'Stopped' or an autoscaler range); the pool is left alone";
  }
  if (count !== undefined && !Number.isInteger(count)) {
    return `refused: the count ${String(count)} is not an integer; the pool is left alone`;
  }
  if (autoscaler !== undefined) {
    const { minCount, maxCount } = autoscaler;
    if (!Number.isInteger(minCount) || !Number.isInteger(maxCount)) {
      return `refused: the autoscaler range ${String(minCount)}..${String(maxCount)} is not two integers; the pool is left alone`;
    }
    if (minCount > maxCount) {
      return `refused: the autoscaler range ${minCount}..${maxCount} has its minimum above its maximum; the pool is left alone`;
    }
  }
  return undefined;
}

/** Stops the pool: never a System pool, and only from `Succeeded` (a busy pool is waited for). */
export function planStop(b: StepBuilder): PlanStep {
  const { pool } = b;
  if (pool.powerState === 'Stopped') {
    b.note('already stopped');
    return b.leave('none', 0, false);
  }
  if (pool.mode === 'System') {
    return b.refuse(
      pool.count,
      'refused: System pools cannot be stopped (AKS keeps the System pools running; only User pools stop); the pool is left alone',
    );
  }
  const refusal = powerChangeRefusal(pool, 'stop');
  if (refusal) return b.refuse(pool.count, refusal);
  b.note(`stop the pool (${pool.count} node${pool.count === 1 ? '' : 's'} now)`);
  return b.write(0, ['stop'], false);
}

/** `power: 'Running'` alone: starts a stopped pool with the nodes it had. */
export function planStart(b: StepBuilder): PlanStep {
  const { pool } = b;
  if (pool.powerState === 'Running') {
    b.note('already running');
    return b.leave('none', pool.count, false);
  }
  const refusal = powerChangeRefusal(pool, 'start');
  if (refusal) return b.refuse(pool.count, refusal);
  b.note('start the stopped pool (it gets back the nodes it had)');
  return b.write(pool.count, ['start'], false);
}

/** Whether a count or range for this stopped pool starts it: `power: 'Running'`, or `stoppedPools: 'start'`. */
function startsStopped(b: StepBuilder, options: PlanOptions): boolean {
  return b.decision.power === 'Running' || stoppedModeOf(options) === 'start';
}

const STOPPED_HINT =
  "stoppedPools 'start' (or the older startStoppedPools: true), or power 'Running', starts it";

/** An autoscaler range: both bounds written, for a pool that has the autoscaler on. */
export function planRange(b: StepBuilder, options: PlanOptions): PlanStep {
  const { pool, decision } = b;
  const requested = decision.autoscaler as { minCount: number; maxCount: number };
  let warning = false;
  const clampNotes: string[] = [];
  const bounds = rangeBounds(requested, pool.mode, clampNotes);
  if (clampNotes.length > 0) {
    warning = true;
    b.note(...clampNotes);
  }
  const range = `${bounds.minCount}..${bounds.maxCount}`;
  if (pool.powerState === 'Stopped') {
    if (!startsStopped(b, options)) {
      b.note(`skipped: the pool is stopped; ${STOPPED_HINT} and sets its range ${range}`);
      return b.leave('skip', pool.count, true);
    }
    const refusal = powerChangeRefusal(pool, 'start');
    if (refusal) return b.refuse(pool.count, refusal);
    b.note(`start the stopped pool, then set its autoscaler range ${range}`);
    return b.write(pool.count, ['start', 'bounds'], warning, bounds);
  }
  const unscalable = virtualMachinesRefusal(pool, 'bounds');
  if (unscalable) return b.refuse(pool.count, unscalable);
  if (!pool.enableAutoScaling) {
    return b.refuse(
      pool.count,
      `skipped: the pool has no cluster autoscaler, so it has no range to set; turn the autoscaler on for it ('az aks nodepool update --enable-cluster-autoscaler --min-count ${bounds.minCount} --max-count ${bounds.maxCount}') or give it a count`,
    );
  }
  if (bounds.minCount === pool.minCount && bounds.maxCount === pool.maxCount) {
    b.note(`autoscaler range already ${range}`);
    return b.leave('none', pool.count, warning, bounds);
  }
  b.note(`set the autoscaler range ${pool.minCount ?? '?'}..${pool.maxCount ?? '?'} -> ${range}`);
  return b.write(pool.count, ['bounds'], warning, bounds);
}

/** A node count: clamped to what the pool's mode allows; autoscaler and stopped pools as the options say. */
export function planCount(b: StepBuilder, options: PlanOptions): PlanStep {
  const { pool, decision } = b;
  let warning = false;
  const clampNotes: string[] = [];
  const to = clamp(decision.count as number, pool.mode, clampNotes);
  if (clampNotes.length > 0) {
    warning = true;
    b.note(...clampNotes);
  }
  const mode = autoscalerModeFor(pool.name, options.autoscalerPools);
  const unscalable = virtualMachinesRefusal(pool, mode);
  if (unscalable) return b.refuse(to, unscalable);
  const stopped = pool.powerState === 'Stopped';
  const startRefusal = stopped ? powerChangeRefusal(pool, 'start') : undefined;

  if (pool.enableAutoScaling) {
    if (mode === 'skip') {
      return b.refuse(
        to,
        "skipped: the cluster autoscaler owns this pool's count (choose autoscalerPools 'bounds' to set its min/max instead, or give it an autoscaler range)",
      );
    }
    const notes: string[] = [];
    const bounds = autoscalerBounds(pool, decision, to, notes);
    b.note(...notes);
    const operations: PlanOperation[] = [];
    if (stopped) {
      if (!startsStopped(b, options)) {
        b.note(`skipped: the pool is stopped; ${STOPPED_HINT}`);
        return b.leave('skip', to, true);
      }
      if (startRefusal) return b.refuse(to, startRefusal);
      operations.push('start');
    }
    if (bounds.minCount !== pool.minCount || bounds.maxCount !== pool.maxCount) operations.push('bounds');
    if (operations.length === 0) {
      b.note(`autoscaler bounds already ${bounds.minCount}..${bounds.maxCount}`);
      return b.leave('none', to, warning, bounds);
    }
    b.note(
      operations.includes('bounds')
        ? `set autoscaler bounds ${pool.minCount ?? '?'}..${pool.maxCount ?? '?'} -> ${bounds.minCount}..${bounds.maxCount}`
        : `autoscaler bounds already ${bounds.minCount}..${bounds.maxCount}`,
    );
    if (stopped) b.note('start the stopped pool');
    return b.write(to, operations, warning, bounds);
  }

  if (stopped) {
    const start = startsStopped(b, options);
    if (to === 0 && decision.power !== 'Running') {
      b.note('the pool is stopped, which already runs no nodes');
      return b.leave('none', to, warning);
    }
    if (!start) {
      b.note(`skipped: the pool is stopped; ${STOPPED_HINT} and scales it to ${to}`);
      return b.leave('skip', to, true);
    }
    if (startRefusal) return b.refuse(to, startRefusal);
    b.note(pool.count === to ? 'start the stopped pool' : `start the stopped pool, then scale to ${to}`);
    return b.write(to, pool.count === to ? ['start'] : ['start', 'scale'], warning);
  }

  const stoppable = powerChangeRefusal(pool, 'stop') === undefined;
  // A decision that asks for the pool running keeps it running at 0 nodes, stopAtZero or not.
  const stopsAtZero = options.stopAtZero && decision.power !== 'Running';
  if (to === 0 && stopsAtZero && pool.mode === 'User' && pool.count > 0 && stoppable) {
    b.note(`stop the pool instead of scaling ${pool.count} -> 0 (stopAtZero)`);
    return b.write(0, ['stop'], warning);
  }
  if (to === pool.count) {
    b.note(`already at ${to}`);
    return b.leave('none', to, warning);
  }
  b.note(`scale ${pool.count} -> ${to}`);
  return b.write(to, ['scale'], warning);
}
