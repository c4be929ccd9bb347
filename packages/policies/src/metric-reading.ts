import type { Policy, PolicyContext, PoolDecision } from '@aks-scaler/core';
import { currentCount } from './current-count.js';
import type { MetricSource } from './metric-source.js';
import { describeValue } from './pool-counts.js';

/** What {@link metricReading} needs: the source, the pools and the rule. */
export interface MetricReadingSettings {
  readonly source: MetricSource;
  readonly pools: readonly string[];
  readonly targetPerNode?: number | undefined;
  readonly targetValue?: number | undefined;
  readonly tolerance: number;
}

/**
 * The core of a metric policy: reads the source once per evaluation and sizes each pool by the rule. It rejects
 * when the source fails or gives no finite number; bounds, the stabilization window and the fallback are
 * combinators around it (see {@link metricPolicy}).
 */
export function metricReading(settings: MetricReadingSettings): Policy {
  const { source, pools, targetPerNode, targetValue, tolerance } = settings;

  function size(ctx: PolicyContext, pool: string, value: number): PoolDecision | undefined {
    let count: number;
    let why: string;
    if (targetPerNode !== undefined) {
      count = ceil(value / targetPerNode);
      why = `ceil(${round(value)} / ${targetPerNode} per node) = ${count}`;
    } else {
      const current = currentCount(ctx, pool);
      if (current === undefined) return undefined;
      const ratio = value / (targetValue as number);
      if (Math.abs(ratio - 1) <= tolerance + 1e-9) {
        count = current;
        why = `within ${round(tolerance * 100)}% of target ${targetValue}: keep ${current}`;
      } else {
        const base = current === 0 && value > 0 ? 1 : current;
        count = ceil(base * ratio);
        why = `ceil(${base} x ${round(value)} / ${targetValue}) = ${count}`;
      }
    }
    return { pool, count, reason: `metric ${source.name} = ${round(value)}: ${why}` };
  }

  return {
    name: 'metric',
    async evaluate(ctx) {
      const value = await source.read(ctx);
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new TypeError(`the source returned ${describeValue(value)}, not a finite number`);
      }
      return pools.flatMap((pool) => size(ctx, pool, value) ?? []);
    },
  };
}

/** Ceiling that ignores floating-point noise (1.1 / 0.1 is 11.000000000000002, which must stay 11); never -0. */
function ceil(value: number): number {
  return Math.ceil(value - 1e-9) || 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
