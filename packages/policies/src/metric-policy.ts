import type { Policy, PolicyContext, PoolDecision } from '@aks-scaler/core';
import { isPoolName, MAX_POOL_COUNT } from '@aks-scaler/core/common';
import { AbortedError, type ConfigIssue } from '@aks-scaler/core/errors';
import { currentCount } from './current-count.js';
import type { MetricSource } from './metric-source.js';
import { describeValue, throwIfIssues } from './pool-counts.js';
import { type RecommendationHistory, restoreHistory, stabilize } from './scale-down-window.js';

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

/** The state of a {@link metricPolicy} that should survive a restart (see `toJSON` and `initialState`). */
export interface MetricPolicyState {
  /** Source failures since the last successful read. */
  consecutiveFailures: number;
  /** Recent recommendations per pool, for the scale-down stabilization window. */
  recommendations: RecommendationHistory;
}

/** Options of {@link metricPolicy}. Exactly one of `targetPerNode` and `targetValue` is required. */
export interface MetricPolicyOptions {
  /** Where the value comes from. */
  source: MetricSource;
  /** The pools sized by this metric; each is sized independently by the same rule. */
  pools: string[];
  /** Desired = ceil(value / targetPerNode): e.g. 100 queued messages per node. */
  targetPerNode?: number | undefined;
  /** The HPA rule: desired = ceil(current * value / targetValue), e.g. a target average utilization of 0.6. */
  targetValue?: number | undefined;
  /**
   * Lowest count to ask for (a policy bound, not Azure's).
   * @default 0
   */
  min?: number | undefined;
  /**
   * Highest count to ask for (a policy bound, not Azure's).
   * @default 1000
   */
  max?: number | undefined;
  /**
   * With `targetValue`: no change while |value / targetValue - 1| <= tolerance.
   * @default 0.1
   */
  tolerance?: number | undefined;
  /**
   * Scale-down uses the highest recommendation within this window; 0 disables it.
   * @default 300000
   */
  scaleDownStabilizationInMs?: number | undefined;
  /** What to do when the source fails. By default the current count is held (never scales down on missing data). */
  fallback?: MetricFallback | undefined;
  /** State saved from `toJSON()` of an earlier instance. */
  initialState?: MetricPolicyState | undefined;
}

/** A metric-driven policy whose state (stabilization window, failure counter) is explicit and serializable. */
export interface MetricPolicy extends Policy {
  /** The current state; pass it back as `initialState` after a restart. */
  toJSON(): MetricPolicyState;
}

/**
 * Sizes pools from one metric. With `targetPerNode`, desired = ceil(value / targetPerNode); with `targetValue`
 * (the HPA rule), desired = ceil(current * value / targetValue), unchanged while within `tolerance` of the target.
 * The result is clamped to `min`/`max`; scale-down uses the highest recommendation within the stabilization
 * window. When the source fails it holds each pool's current count, or asks for `fallback.count` after
 * `fallback.afterFailures` consecutive failures.
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
  const settings = validate(options);
  const { source, pools, targetPerNode, targetValue, min, max, tolerance, windowInMs, fallback } = settings;
  const state: MetricPolicyState = {
    consecutiveFailures: Math.max(0, Math.floor(Number(options.initialState?.consecutiveFailures) || 0)),
    recommendations: restoreHistory(options.initialState?.recommendations),
  };

  function decide(ctx: PolicyContext, pool: string, value: number): PoolDecision | undefined {
    const current = currentCount(ctx, pool);
    let raw: number;
    let why: string;
    if (targetPerNode !== undefined) {
      raw = ceil(value / targetPerNode);
      why = `ceil(${round(value)} / ${targetPerNode} per node) = ${raw}`;
    } else {
      if (current === undefined) return undefined;
      const ratio = value / (targetValue as number);
      if (Math.abs(ratio - 1) <= tolerance + 1e-9) {
        raw = current;
        why = `within ${round(tolerance * 100)}% of target ${targetValue}: keep ${current}`;
      } else {
        const base = current === 0 && value > 0 ? 1 : current;
        raw = ceil(base * ratio);
        why = `ceil(${base} x ${round(value)} / ${targetValue}) = ${raw}`;
      }
    }
    let count = Math.min(Math.max(raw, min), max);
    if (count !== raw) why += count > raw ? ` (raised to min ${min})` : ` (capped at max ${max})`;
    const stable = stabilize(state.recommendations, pool, count, current, ctx.now.getTime(), windowInMs);
    if (stable.note) why += `; ${stable.note}`;
    count = stable.count;
    return { pool, count, reason: `metric ${source.name} = ${round(value)}: ${why}` };
  }

  return {
    name: 'metric',
    async evaluate(ctx) {
      let value: number;
      try {
        value = await source.read(ctx);
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          throw new TypeError(`the source returned ${describeValue(value)}, not a finite number`);
        }
      } catch (error) {
        if (error instanceof AbortedError || ctx.abortSignal?.aborted) throw error;
        state.consecutiveFailures++;
        return failed(ctx, error);
      }
      state.consecutiveFailures = 0;
      return pools.flatMap((pool) => decide(ctx, pool, value) ?? []);
    },
    toJSON: () => structuredClone(state),
  };

  function failed(ctx: PolicyContext, error: unknown): PoolDecision[] {
    const message = error instanceof Error ? error.message : String(error);
    const failures = state.consecutiveFailures;
    const prefix = `metric ${source.name} failed (${failures} in a row: ${message})`;
    if (fallback.count !== undefined && failures >= fallback.afterFailures) {
      return pools.map((pool) => ({
        pool,
        count: fallback.count as number,
        reason: `${prefix}: fallback count ${fallback.count}`,
      }));
    }
    return pools.flatMap((pool) => {
      const current = currentCount(ctx, pool);
      return current === undefined
        ? []
        : [{ pool, count: current, reason: `${prefix}: holding current count ${current}` }];
    });
  }
}

/** Ceiling that ignores floating-point noise (1.1 / 0.1 is 11.000000000000002, which must stay 11). */
function ceil(value: number): number {
  return Math.ceil(value - 1e-9);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function validate(options: MetricPolicyOptions) {
  const issues: ConfigIssue[] = [];
  const problem = (path: string, message: string) => issues.push({ path: `metric.${path}`, message });
  const {
    source,
    pools,
    targetPerNode,
    targetValue,
    min = 0,
    max = MAX_POOL_COUNT,
    tolerance = 0.1,
  } = options ?? {};
  const windowInMs = options?.scaleDownStabilizationInMs ?? 300_000;
  const fallback = { afterFailures: options?.fallback?.afterFailures ?? 3, count: options?.fallback?.count };
  if (typeof source?.read !== 'function') problem('source', 'expected a metric source with read(ctx)');
  if (!Array.isArray(pools) || pools.length === 0) problem('pools', 'name at least one pool to size');
  else
    for (const pool of pools)
      if (!isPoolName(pool)) problem('pools', `${describeValue(pool)} is not a valid AKS pool name`);
  if ((targetPerNode === undefined) === (targetValue === undefined)) {
    problem('targetPerNode', 'give exactly one of targetPerNode and targetValue');
  }
  for (const [key, value] of [
    ['targetPerNode', targetPerNode],
    ['targetValue', targetValue],
  ] as const) {
    if (value !== undefined && !(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
      problem(key, `must be a number greater than 0, got ${describeValue(value)}`);
    }
  }
  const isCount = (value: unknown) =>
    Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_POOL_COUNT;
  if (!isCount(min))
    problem('min', `must be an integer from 0 to ${MAX_POOL_COUNT}, got ${describeValue(min)}`);
  if (!isCount(max))
    problem('max', `must be an integer from 0 to ${MAX_POOL_COUNT}, got ${describeValue(max)}`);
  if (isCount(min) && isCount(max) && min > max) problem('min', `min ${min} is greater than max ${max}`);
  if (!(typeof tolerance === 'number' && tolerance >= 0 && tolerance < 1)) {
    problem('tolerance', `must be a number from 0 to below 1, got ${describeValue(tolerance)}`);
  }
  if (!(typeof windowInMs === 'number' && windowInMs >= 0 && Number.isFinite(windowInMs))) {
    problem(
      'scaleDownStabilizationInMs',
      `must be a number of milliseconds >= 0, got ${describeValue(windowInMs)}`,
    );
  }
  if (!(Number.isInteger(fallback.afterFailures) && fallback.afterFailures >= 1)) {
    problem(
      'fallback.afterFailures',
      `must be an integer >= 1, got ${describeValue(fallback.afterFailures)}`,
    );
  }
  if (fallback.count !== undefined && !isCount(fallback.count)) {
    problem(
      'fallback.count',
      `must be an integer from 0 to ${MAX_POOL_COUNT}, got ${describeValue(fallback.count)}`,
    );
  }
  throwIfIssues('Invalid metric policy', issues);
  return { source, pools: [...pools], targetPerNode, targetValue, min, max, tolerance, windowInMs, fallback };
}
