import type { Policy, PoolDecision } from '@aks-scaler/core';
import { combineDecisions, describeTarget } from '@aks-scaler/core/common';
import { nodesFor } from '../preview/savings.js';
import { marksOf, type SegmentMark, sameMarks } from './timeline-marks.js';

/** A span of time during which every pool's target stays the same. */
export interface TimelineSegment {
  /** Start (inclusive). */
  from: Date;
  /** End (exclusive). */
  to: Date;
  /**
   * Nodes per pool (see `nodesFor`: 0 for a stop, the maximum of an autoscaler range); a pool the policy has no
   * opinion on is absent.
   */
  counts: Record<string, number>;
  /** The target per pool in words: `5`, `stop`, `2..10`. */
  targets: Record<string, string>;
  /** The reason per pool, as the policy gave it at the segment's start. */
  reasons: Record<string, string>;
  /**
   * The decision per pool at the segment's start (combined by capacity, as `maxOf` does, when a policy named a pool
   * twice). Node-hours come from these through `nodesDuring` only.
   */
  decisions: Record<string, PoolDecision>;
  /** Per pool, the holiday or the early start that its reason names (pools without one are absent). */
  marks: Record<string, SegmentMark>;
}

/** A week (or any range) of desired counts. */
export interface Timeline {
  /** Start of the range. */
  from: Date;
  /** End of the range. */
  to: Date;
  /** Sampling step. */
  stepInMs: number;
  /** Every pool any decision named, sorted. */
  pools: string[];
  /** Consecutive segments covering the range. */
  segments: TimelineSegment[];
}

/** Options of {@link buildTimeline}. */
export interface BuildTimelineOptions {
  /** The policy to evaluate. */
  policy: Policy;
  /** Start of the range. */
  from: Date;
  /** End of the range. */
  to: Date;
  /** How often to evaluate. @default 300_000 (5 minutes) */
  stepInMs?: number;
}

/**
 * Evaluates a policy at every step from `from` to `to` and merges consecutive results with the same targets and
 * the same marks (a schedule's holiday, an early start of its lead time) into segments.
 * The policy sees a cluster with no pools (nothing is read from Azure), so it is what the policy asks for, not
 * what planning would clamp.
 */
export async function buildTimeline(options: BuildTimelineOptions): Promise<Timeline> {
  const stepInMs = options.stepInMs ?? 300_000;
  const cluster = { subscriptionId: 'preview', resourceGroup: 'preview', clusterName: 'preview' };
  const segments: TimelineSegment[] = [];
  const pools = new Set<string>();
  for (let t = options.from.getTime(); t < options.to.getTime(); t += stepInMs) {
    const now = new Date(t);
    const decisions = await options.policy.evaluate({ now, cluster, pools: [] });
    const byPool = new Map<string, PoolDecision[]>();
    for (const d of decisions) byPool.set(d.pool, [...(byPool.get(d.pool) ?? []), d]);
    const counts: Record<string, number> = {};
    const targets: Record<string, string> = {};
    const reasons: Record<string, string> = {};
    const chosen: Record<string, PoolDecision> = {};
    for (const [pool, candidates] of byPool) {
      const decision = combineDecisions(candidates, 'more').decision;
      const nodes = nodesFor(decision);
      if (nodes === undefined) continue;
      counts[pool] = nodes;
      targets[pool] = describeTarget(decision);
      reasons[pool] = decision.reason;
      chosen[pool] = decision;
      pools.add(pool);
    }
    const last = segments.at(-1);
    const end = new Date(Math.min(t + stepInMs, options.to.getTime()));
    const marks = marksOf(reasons);
    if (last && sameTargets(last.targets, targets) && sameMarks(last.marks, marks)) last.to = end;
    else segments.push({ from: now, to: end, counts, targets, reasons, decisions: chosen, marks });
  }
  return { from: options.from, to: options.to, stepInMs, pools: [...pools].sort(), segments };
}

function sameTargets(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}
