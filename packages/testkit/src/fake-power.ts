import { type NodePool, OperationConflictError, OperationFailedError } from '@aks-scaler/core';
import type { FakeOperationKind } from './fake-faults.js';

/** What a stopped pool gets back when it starts: the count and the autoscaler it had (as the emulator keeps them). */
export interface FakeStoppedWith {
  count: number;
  enableAutoScaling: boolean;
  minCount?: number | undefined;
  maxCount?: number | undefined;
}

/** What a stop puts aside, and the pool as AKS shows it while stopped: count 0, the autoscaler paused. */
export function stopped(pool: NodePool): { shown: NodePool; kept: FakeStoppedWith } {
  const kept: FakeStoppedWith = { count: pool.count, enableAutoScaling: pool.enableAutoScaling };
  if (pool.enableAutoScaling) {
    kept.minCount = pool.minCount;
    kept.maxCount = pool.maxCount;
  }
  const { minCount: _, maxCount: __, ...rest } = pool;
  return { shown: { ...rest, count: 0, enableAutoScaling: false, powerState: 'Stopped' }, kept };
}

/** The pool as a start leaves it: the count and autoscaler range it had when it stopped. */
export function started(pool: NodePool, kept: FakeStoppedWith | undefined): NodePool {
  const running: NodePool = { ...pool, powerState: 'Running' };
  if (!kept) return running;
  running.count = kept.count;
  if (kept.enableAutoScaling) {
    running.enableAutoScaling = true;
    if (kept.minCount !== undefined) running.minCount = kept.minCount;
    if (kept.maxCount !== undefined) running.maxCount = kept.maxCount;
  }
  return running;
}

/** A pool as the fake stores it: a pool given stopped shows count 0 and starts with its count (and autoscaler). */
export function storedForm(pool: NodePool, kept: Map<string, FakeStoppedWith>, poolKey: string): NodePool {
  kept.delete(poolKey);
  if (pool.powerState !== 'Stopped') return { ...pool };
  const { shown, kept: aside } = stopped(pool);
  kept.set(poolKey, aside);
  return shown;
}

/**
 * The change a power-state write makes: a stop puts the count and autoscaler aside in `kept` (by pool key), a start
 * gives them back; a pool already in `state` stays as it is.
 */
export function powerChange(
  state: 'Running' | 'Stopped',
  kept: Map<string, FakeStoppedWith>,
  poolKey: string,
): (current: NodePool) => NodePool {
  return (current) => {
    if (current.powerState === state) return { ...current };
    if (state === 'Running') {
      const running = started(current, kept.get(poolKey));
      kept.delete(poolKey);
      return running;
    }
    const { shown, kept: aside } = stopped(current);
    kept.set(poolKey, aside);
    return shown;
  };
}

const refused = (name: string, armCode: string, message: string) =>
  new OperationFailedError(
    `Azure Resource Manager refused the write to pool '${name}' (400 ${armCode}): ${message}`,
    {
      armCode,
    },
  );

/**
 * What AKS refuses, as the emulator does: stopping a System pool; stopping or starting a pool whose provisioning
 * state is not `Succeeded`; scaling (or setting the autoscaler range of) a stopped pool; a manual count on an
 * autoscaler pool.
 */
export function refusal(pool: NodePool, kind: FakeOperationKind): OperationFailedError | undefined {
  const state = pool.provisioningState;
  if (kind === 'stop' && pool.mode === 'System') {
    return refused(
      pool.name,
      'InvalidParameter',
      `Agent pool '${pool.name}' is a System pool and cannot be stopped.`,
    );
  }
  if ((kind === 'stop' || kind === 'start') && state !== 'Succeeded') {
    const verb = kind === 'stop' ? 'stopped if it is Running' : 'started if it is Stopped';
    return refused(
      pool.name,
      'OperationNotAllowed',
      `An Agent Pool can only be ${verb} and provisioning state is Succeeded. Agent pool '${pool.name}' is in provisioning state '${state}'.`,
    );
  }
  if ((kind === 'scale' || kind === 'bounds') && pool.powerState === 'Stopped') {
    return refused(
      pool.name,
      'OperationNotAllowed',
      `Agent pool '${pool.name}' is stopped and cannot be scaled. Start it first.`,
    );
  }
  if (kind === 'scale' && pool.enableAutoScaling) {
    return refused(
      pool.name,
      'InvalidParameter',
      `Cannot manually scale AgentPool '${pool.name}' of an AKS cluster with cluster autoscaler enabled.`,
    );
  }
  return undefined;
}

/**
 * Throws what ARM answers to a write of `stored` sent with `eTag` as `If-Match`: a `changed` conflict (412) when
 * the pool changed since it was read, or the refusal of {@link refusal}; each logged as `CONFLICT` or `REFUSED`.
 */
export function checkWrite(
  stored: NodePool,
  eTag: string | undefined,
  kind: FakeOperationKind,
  label: string,
  log: string[],
): void {
  if (stored.eTag !== eTag) {
    log.push(`CONFLICT ${label} 412`);
    throw new OperationConflictError(`Pool '${stored.name}' changed since it was read (412).`, {
      reason: 'changed',
    });
  }
  const refused = refusal(stored, kind);
  if (refused) {
    log.push(`REFUSED ${label} ${refused.armCode}`);
    throw refused;
  }
}
