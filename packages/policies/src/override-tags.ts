import type { NodePool } from '@aks-scaler/core';
import {
  formatOverrideTarget,
  type OverrideTarget,
  overrideTargetProblem,
  parseOverrideTarget,
} from './override-target.js';
import { parseUntil, untilProblem } from './override-until.js';

/** The agent-pool tag that holds an override's target: `<count>`, `stop`, `pause` or `<min>-<max>`. */
export const OVERRIDE_TAG = 'aks-scaler-override';
/** The agent-pool tag that holds when the override ends: an ISO 8601 instant with `Z` or an offset (required). */
export const OVERRIDE_UNTIL_TAG = 'aks-scaler-until';
/** The agent-pool tag that holds why (optional). */
export const OVERRIDE_REASON_TAG = 'aks-scaler-reason';
/** The three tags of an override: the only tags the scaler ever writes. */
export const OVERRIDE_TAGS: readonly string[] = [OVERRIDE_TAG, OVERRIDE_UNTIL_TAG, OVERRIDE_REASON_TAG];

/** The override tags of a pool as they are written (absent ones left out). */
export interface OverrideTagValues {
  /** `aks-scaler-override`. */
  override?: string | undefined;
  /** `aks-scaler-until`. */
  until?: string | undefined;
  /** `aks-scaler-reason`. */
  reason?: string | undefined;
}

/** What a pool's override tags say at one instant. */
export type TagOverride =
  | { state: 'none' }
  | {
      /** In force: it beats the policy and any config override for the pool. */
      state: 'active';
      target: OverrideTarget;
      until: string;
      reason?: string | undefined;
      tags: OverrideTagValues;
    }
  | {
      /** Its `until` has passed: it no longer applies, and the tags should be removed. */
      state: 'expired';
      target: OverrideTarget;
      until: string;
      reason?: string | undefined;
      tags: OverrideTagValues;
    }
  | {
      /** The tags cannot be followed: ignored, and the pool is left to the policy. */
      state: 'invalid';
      /** What is wrong, naming the tag. */
      problem: string;
      tags: OverrideTagValues;
    };

/** A tag's value, whatever the case of its name (Azure tag names are case-insensitive). */
function tagValue(tags: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (!tags) return undefined;
  if (tags[name] !== undefined) return tags[name];
  for (const [key, value] of Object.entries(tags)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** The override tags of a pool, as written. */
export function overrideTagValues(pool: Pick<NodePool, 'tags'>): OverrideTagValues {
  const values: OverrideTagValues = {};
  const override = tagValue(pool.tags, OVERRIDE_TAG);
  const until = tagValue(pool.tags, OVERRIDE_UNTIL_TAG);
  const reason = tagValue(pool.tags, OVERRIDE_REASON_TAG)?.trim();
  if (override !== undefined) values.override = override;
  if (until !== undefined) values.until = until;
  if (reason) values.reason = reason;
  return values;
}

/**
 * Reads a pool's override tags at `now`: none, active, expired, or invalid with what is wrong. Invalid are: no
 * `aks-scaler-until` (or one that is not an instant with `Z` or an offset), an `until` more than 30 days ahead, a
 * value that is not an override (`banana`), a target the pool cannot take (`stop` for a System pool, a range for a
 * pool without the autoscaler, a count for one with it), and an `until` or a reason without an override.
 *
 * @example
 * ```ts
 * const read = readTagOverride(pool, ctx.now);
 * if (read.state === 'invalid') console.warn(`${pool.name}: ${read.problem}`);
 * ```
 */
export function readTagOverride(pool: NodePool, now: Date): TagOverride {
  const tags = overrideTagValues(pool);
  if (tags.override === undefined) {
    if (tags.until === undefined && tags.reason === undefined) return { state: 'none' };
    const present = [
      tags.until !== undefined && OVERRIDE_UNTIL_TAG,
      tags.reason !== undefined && OVERRIDE_REASON_TAG,
    ]
      .filter(Boolean)
      .join(' and ');
    return { state: 'invalid', problem: `it has ${present} but no ${OVERRIDE_TAG} tag`, tags };
  }
  const parsed = parseOverrideTarget(tags.override);
  if ('problem' in parsed) return { state: 'invalid', problem: `${OVERRIDE_TAG}=${parsed.problem}`, tags };
  const { target } = parsed;
  if (tags.until === undefined) {
    return {
      state: 'invalid',
      problem: `${OVERRIDE_TAG}=${formatOverrideTarget(target)} has no ${OVERRIDE_UNTIL_TAG} tag, and an override must end (add ${OVERRIDE_UNTIL_TAG} with an instant within 30 days, e.g. ${OVERRIDE_UNTIL_TAG}=2026-12-07T08:00:00Z)`,
      tags,
    };
  }
  const until = parseUntil(tags.until);
  if ('problem' in until)
    return { state: 'invalid', problem: `${OVERRIDE_UNTIL_TAG}=${until.problem}`, tags };
  const reason = tags.reason;
  if (until.at.getTime() <= now.getTime())
    return { state: 'expired', target, until: tags.until, reason, tags };
  const tooLong = untilProblem(until.at, now, tags.until);
  if (tooLong) return { state: 'invalid', problem: `${OVERRIDE_UNTIL_TAG}=${tooLong}`, tags };
  const unfit = overrideTargetProblem(target, pool);
  if (unfit)
    return { state: 'invalid', problem: `${OVERRIDE_TAG}=${formatOverrideTarget(target)}: ${unfit}`, tags };
  return { state: 'active', target, until: tags.until, reason, tags };
}
