import type { PoolDecision } from '@aks-scaler/core';
import type { Timeline, TimelineSegment } from '../render/timeline.js';
import { type PoolCost, type PoolPricing, poolCost, type TotalCost, totalCost } from './cost.js';

/**
 * What a pool is compared against: `max` (the largest count the policy gives it over the range, all the time),
 * `current` (its node count now, read from the cluster) or a node count.
 */
export type PreviewBaseline = 'max' | 'current' | number;

/** A pool's node-hours over the range, in exact milliseconds. */
export interface PoolUsage {
  /** The pool. */
  pool: string;
  /** The baseline's node count. */
  baselineCount: number;
  /** Milliseconds in which the policy has an opinion on the pool (the only time that counts, on both sides). */
  coveredMs: number;
  /** Node-milliseconds the policy asks for. */
  nodeMs: number;
  /** Node-milliseconds of the baseline over the covered time. */
  baselineNodeMs: number;
}

/** One pool's savings, as `preview` prints them (hours to two decimals, percent to one). */
export interface PoolSavings extends PoolCost {
  /** The pool. */
  pool: string;
  /** The baseline's node count. */
  baselineCount: number;
  /** Hours in which the policy has an opinion on the pool. */
  coveredHours: number;
  /** Node-hours the policy asks for. */
  nodeHours: number;
  /** Node-hours of the baseline over the same hours. */
  baselineNodeHours: number;
  /** `baselineNodeHours - nodeHours` (negative when the policy asks for more than the baseline). */
  savedNodeHours: number;
  /** `savedNodeHours` in percent of `baselineNodeHours`; `null` when the baseline is 0 node-hours. */
  savedPercent: number | null;
}

/** The savings of all pools together. */
export interface TotalSavings extends TotalCost {
  /** Sum of the pools' node-hours. */
  nodeHours: number;
  /** Sum of the pools' baseline node-hours. */
  baselineNodeHours: number;
  /** Sum of the pools' saved node-hours. */
  savedNodeHours: number;
  /** `savedNodeHours` in percent of `baselineNodeHours`; `null` when that is 0. */
  savedPercent: number | null;
}

/** What `preview` reports on savings. */
export interface PreviewSavings {
  /** The baseline the pools were compared against. */
  baseline: PreviewBaseline;
  /** Per pool, in the timeline's order. */
  pools: PoolSavings[];
  /** All pools. */
  total: TotalSavings;
}

/** Options of {@link previewSavings}. */
export interface PreviewSavingsOptions {
  /** @default 'max' */
  baseline?: PreviewBaseline;
  /** Each pool's running nodes now (a stopped pool runs 0); required for `baseline: 'current'`. */
  currentCounts?: Readonly<Record<string, number>>;
  /** Each pool's price, or why it has none; without it no cost is computed. */
  prices?: Readonly<Record<string, PoolPricing>>;
}

const HOUR_IN_MS = 3_600_000;

/**
 * The nodes that run for a decision. This is the one place that maps a decision to node-hours: its count; 0 for a
 * stop (a stopped pool runs no nodes, whatever count it keeps); the maximum of an autoscaler range (the autoscaler
 * may grow the pool that far, so savings are never overstated); the count it had for a start alone, which a
 * preview cannot know (no opinion). `undefined`: no decision, no opinion.
 */
export function nodesFor(decision: PoolDecision | undefined): number | undefined {
  if (decision === undefined) return undefined;
  if (decision.power === 'Stopped') return 0;
  if (decision.autoscaler !== undefined) return decision.autoscaler.maxCount;
  return decision.count;
}

/** The nodes a pool runs during a span of the timeline; `undefined` when the policy has no opinion on it. */
export function nodesDuring(segment: TimelineSegment, pool: string): number | undefined {
  return nodesFor(segment.decisions[pool]);
}

/**
 * Each pool's node-milliseconds against its baseline. A span in which the policy has no opinion on a pool adds
 * nothing to either side. Durations are real elapsed time, so a 23-hour or 25-hour day counts as such.
 */
export function measureUsage(timeline: Timeline, options: PreviewSavingsOptions = {}): PoolUsage[] {
  const baseline = options.baseline ?? 'max';
  return timeline.pools.map((pool) => {
    let coveredMs = 0;
    let nodeMs = 0;
    let largest = 0;
    for (const segment of timeline.segments) {
      const nodes = nodesDuring(segment, pool);
      if (nodes === undefined) continue;
      const ms = segment.to.getTime() - segment.from.getTime();
      coveredMs += ms;
      nodeMs += nodes * ms;
      largest = Math.max(largest, nodes);
    }
    let baselineCount: number;
    if (baseline === 'max') baselineCount = largest;
    else if (baseline === 'current') {
      const current = options.currentCounts?.[pool];
      if (current === undefined) throw new Error(`no current count for pool '${pool}'`);
      baselineCount = current;
    } else baselineCount = baseline;
    return { pool, baselineCount, coveredMs, nodeMs, baselineNodeMs: baselineCount * coveredMs };
  });
}

/** Node-hours, savings and (with prices) cost per pool and in total over a timeline. */
export function previewSavings(timeline: Timeline, options: PreviewSavingsOptions = {}): PreviewSavings {
  const usages = measureUsage(timeline, options);
  const pools = usages.map((usage): PoolSavings => {
    const nodeHours = hours(usage.nodeMs);
    const baselineNodeHours = hours(usage.baselineNodeMs);
    const savedNodeHours = round(baselineNodeHours - nodeHours, 2);
    const pricing = options.prices?.[usage.pool];
    return {
      pool: usage.pool,
      baselineCount: usage.baselineCount,
      coveredHours: hours(usage.coveredMs),
      nodeHours,
      baselineNodeHours,
      savedNodeHours,
      savedPercent: percent(savedNodeHours, baselineNodeHours),
      ...(pricing !== undefined && poolCost(usage, pricing)),
    };
  });
  const sum = (pick: (p: PoolSavings) => number) =>
    round(
      pools.reduce((total, p) => total + pick(p), 0),
      2,
    );
  const nodeHours = sum((p) => p.nodeHours);
  const baselineNodeHours = sum((p) => p.baselineNodeHours);
  const savedNodeHours = round(baselineNodeHours - nodeHours, 2);
  return {
    baseline: options.baseline ?? 'max',
    pools,
    total: {
      nodeHours,
      baselineNodeHours,
      savedNodeHours,
      savedPercent: percent(savedNodeHours, baselineNodeHours),
      ...(options.prices !== undefined && totalCost(pools)),
    },
  };
}

function hours(ms: number): number {
  return Math.round(ms / (HOUR_IN_MS / 100)) / 100;
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : round((100 * part) / whole, 1);
}

/** `value` rounded to `decimals` decimal places, which also drops floating-point noise from sums. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
