import type { PolicyContext, PoolDecision } from '@aks-scaler/core';
import { z } from 'zod';
import { currentCount } from './current-count.js';
import { metricReading } from './metric-reading.js';
import { METRIC_DEFAULTS, type MetricSettings, metricOptionsSchema } from './metric-schema.js';
import type { MetricSource } from './metric-source.js';
import { type RestoreOptions, restoreState, type StatefulPolicy } from './policy-state.js';
import { type RecommendationHistory, recommendationHistorySchema } from './scale-down-window.js';
import { validateWith } from './validation.js';
import { type ClampNote, createBounds } from './with-bounds.js';
import { createFallback, type PolicyFailure } from './with-fallback.js';
import { createStabilization } from './with-stabilization.js';

/** What {@link metricPolicy} does when its source fails. */
export interface MetricFallback {
  /**
   * Consecutive failures after which `count` is used instead of holding the current count.
   * @default 3
   */
  afterFailures?: number | undefined;
  /** The count to ask for after `afterFailures` failures. Without it the current count is held indefinitely. */
  count?: number | undefined;
}

/**
 * The state of a {@link metricPolicy} that should survive a restart (see `toJSON` and `initialState`):
 * `{ consecutiveFailures: 0, recommendations: { manualpool3: [{ at: 1764504000000, count: 9 }] } }`.
 */
export interface MetricPolicyState {
  /** Source failures since the last successful read. */
  consecutiveFailures: number;
  /** Recent recommendations per pool (`at` in ms since the epoch), for the scale-down stabilization window. */
  recommendations: RecommendationHistory;
}

/** Options of {@link metricPolicy}. Exactly one of `targetPerNode` and `targetValue` is required. */
export interface MetricPolicyOptions extends RestoreOptions<MetricPolicyState> {
  /** Where the value comes from. */
  source: MetricSource;
  /** The pools sized by this metric; each is sized independently by the same rule. */
  pools: string[];
  /** Desired = ceil(value / targetPerNode): e.g. 100 queued messages per node. */
  targetPerNode?: number | undefined;
  /** The HPA rule: desired = ceil(current * value / targetValue), e.g. a target average utilization of 0.6. */
  targetValue?: number | undefined;
  /**
   * Lowest count to ask for (a policy bound, not Azure's): sugar for {@link withBounds}.
   * @default 0
   */
  min?: number | undefined;
  /**
   * Highest count to ask for (a policy bound, not Azure's): sugar for {@link withBounds}.
   * @default 1000
   */
  max?: number | undefined;
  /**
   * With `targetValue`: no change while |value / targetValue - 1| <= tolerance.
   * @default 0.1
   */
  tolerance?: number | undefined;
  /**
   * Scale-down uses the highest recommendation within this window; 0 disables it. Sugar for
   * {@link withStabilization}.
   * @default 300000
   */
  scaleDownStabilizationInMs?: number | undefined;
  /**
   * What to do when the source fails: sugar for {@link withFallback}. By default the current count is held (never
   * scales down on missing data).
   */
  fallback?: MetricFallback | undefined;
}

/** A metric-driven policy whose state (stabilization window, failure counter) is explicit and serializable. */
export type MetricPolicy = StatefulPolicy<MetricPolicyState>;

const stateSchema = z.strictObject({
  consecutiveFailures: z.int().min(0),
  recommendations: recommendationHistorySchema,
});

/**
 * Sizes pools from one metric. With `targetPerNode`, desired = ceil(value / targetPerNode); with `targetValue`
 * (the HPA rule), desired = ceil(current * value / targetValue), unchanged while within `tolerance` of the target.
 *
 * `min`/`max`, `scaleDownStabilizationInMs` and `fallback` are sugar for combinators around that reading:
 * `withFallback(withStabilization(withBounds(reading, { min, max }), window), fallback)`. So the result is clamped
 * to `min`/`max`; scale-down uses the highest recommendation within the window (a fresh policy counts each pool's
 * current size as recent, so it does not scale down inside its first window); and when the source fails it holds
 * each pool's current count, or asks for `fallback.count` after `fallback.afterFailures` failures in a row.
 * Bad options throw one `ConfigError` listing every problem.
 *
 * @example
 * ```ts
 * const policy = metricPolicy({
 *   source: prometheusSource({ url: 'http://prometheus:9090', query: 'sum(queue_depth)' }),
 *   pools: ['manualpool3'],
 *   targetPerNode: 100,
 *   min: 1,
 *   max: 20,
 * });
 * ```
 */
export function metricPolicy(options: MetricPolicyOptions): MetricPolicy {
  const settings = validateWith(metricOptionsSchema, options, {
    title: 'Invalid metric policy',
    path: 'metric',
  });
  return createMetricPolicy(settings, options ?? {});
}

const shortNote: ClampNote = ({ bound, limit }) =>
  bound === 'min' ? `raised to min ${limit}` : `capped at max ${limit}`;

/** {@link metricPolicy} for settings that are already valid (a parsed config). */
export function createMetricPolicy(
  settings: MetricSettings,
  restore: { initialState?: unknown; onWarning?: ((message: string) => void) | undefined },
): MetricPolicy {
  const { source, pools } = settings;
  const min = settings.min ?? METRIC_DEFAULTS.min;
  const max = settings.max ?? METRIC_DEFAULTS.max;
  const afterFailures = settings.fallback?.afterFailures ?? METRIC_DEFAULTS.afterFailures;
  const fallbackCount = settings.fallback?.count;
  const saved = restoreState(stateSchema, restore.initialState, `metric ${source.name}`, restore.onWarning);

  const reading = metricReading({ ...settings, tolerance: settings.tolerance ?? METRIC_DEFAULTS.tolerance });
  const bounded = createBounds(
    reading,
    Object.fromEntries(pools.map((pool) => [pool, { min, max }])),
    shortNote,
  );
  const stabilized = createStabilization(
    bounded,
    settings.scaleDownStabilizationInMs ?? METRIC_DEFAULTS.scaleDownStabilizationInMs,
    saved?.recommendations,
  );
  const onFailure = (failure: PolicyFailure, ctx: PolicyContext): PoolDecision[] => {
    const failures = failure.consecutiveFailures;
    const prefix = `metric ${source.name} failed (${failures} in a row: ${failure.message})`;
    if (fallbackCount !== undefined && failures >= afterFailures) {
      return pools.map((pool) => ({
        pool,
        count: fallbackCount,
        reason: `${prefix}: fallback count ${fallbackCount}`,
      }));
    }
    return pools.flatMap((pool) => {
      const current = currentCount(ctx, pool);
      return current === undefined
        ? []
        : [{ pool, count: current, reason: `${prefix}: holding current count ${current}` }];
    });
  };
  const guarded = createFallback(stabilized, onFailure, saved?.consecutiveFailures ?? 0);
  return {
    name: 'metric',
    evaluate: (ctx) => guarded.evaluate(ctx),
    toJSON: () => ({
      consecutiveFailures: guarded.toJSON().consecutiveFailures,
      recommendations: stabilized.toJSON().recommendations,
    }),
  };
}
