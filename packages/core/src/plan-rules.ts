import { MAX_POOL_COUNT, minPoolCount } from './common/pool-rules.js';
import type { AutoscalerPoolMode, PlanOptions } from './plan.js';
import type { AutoscalerBounds, NodePool, PoolDecision } from './types.js';

/** The autoscaler mode `option` gives a pool: the one mode, or the pool's entry of the record (else `skip`). */
export function autoscalerModeFor(pool: string, option: PlanOptions['autoscalerPools']): AutoscalerPoolMode {
  if (option === undefined) return 'skip';
  if (typeof option === 'string') return option;
  return Object.hasOwn(option, pool) ? (option[pool] ?? 'skip') : 'skip';
}

/** Clamps a count to what the pool's mode allows, noting why. */
export function clamp(count: number, mode: string, notes: string[]): number {
  const min = minPoolCount(mode);
  if (count < min) {
    notes.push(`clamped ${count} to ${min} (${mode} pools allow ${min}..${MAX_POOL_COUNT} nodes)`);
    return min;
  }
  if (count > MAX_POOL_COUNT) {
    notes.push(`clamped ${count} to ${MAX_POOL_COUNT} (${mode} pools allow ${min}..${MAX_POOL_COUNT} nodes)`);
    return MAX_POOL_COUNT;
  }
  return count;
}

/** The bounds a `bounds` operation writes for a decision: its min/max (clamped), else the count and current max. */
export function autoscalerBounds(
  pool: NodePool,
  decision: PoolDecision,
  to: number,
  notes: string[],
): AutoscalerBounds {
  const requestedMin = decision.minCount ?? to;
  const minCount = Number.isInteger(requestedMin) ? clamp(requestedMin, pool.mode, notes) : to;
  const fallbackMax = Math.max(minCount, pool.maxCount ?? minCount);
  const requestedMax = decision.maxCount ?? fallbackMax;
  const maxCount = Number.isInteger(requestedMax) ? clamp(requestedMax, pool.mode, notes) : fallbackMax;
  return atLeastOne({ minCount, maxCount }, notes);
}

/**
 * The bounds an explicit autoscaler range writes (its integers were checked, min <= max): each clamped to what the
 * pool's mode allows, the maximum at least 1.
 */
export function rangeBounds(range: AutoscalerBounds, mode: string, notes: string[]): AutoscalerBounds {
  return atLeastOne(
    { minCount: clamp(range.minCount, mode, notes), maxCount: clamp(range.maxCount, mode, notes) },
    notes,
  );
}

/** Raises a maximum below the minimum (after clamping), or below the autoscaler's least maximum of 1. */
function atLeastOne(bounds: AutoscalerBounds, notes: string[]): AutoscalerBounds {
  let { minCount, maxCount } = bounds;
  if (maxCount < minCount) {
    notes.push(`raised maxCount ${maxCount} to minCount ${minCount}`);
    maxCount = minCount;
  }
  if (maxCount < 1) {
    notes.push('raised maxCount 0 to 1 (an autoscaler needs a maximum of at least 1)');
    maxCount = 1;
  }
  return { minCount, maxCount };
}
