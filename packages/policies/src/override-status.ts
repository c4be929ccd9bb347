import type { ClusterRef, NodePool } from '@aks-scaler/core';
import type { ActiveOverride } from './override-decision.js';
import type { ParsedOverrideConfig } from './override-schema.js';
import { readTagOverride } from './override-tags.js';
import { formatOverrideTarget } from './override-target.js';
import { parseUntil } from './override-until.js';

/** One override of a cluster (from its config or a pool's tags) and where it stands at one instant. */
export interface OverrideStatus {
  /** The pool it names. */
  pool: string;
  /** Where it was set: the config's `overrides`, or the pool's tags. */
  source: 'config' | 'tag';
  /**
   * `active`: in force until `until`; `expired`: its `until` has passed and it should be removed; `invalid`: tags
   * that cannot be followed (ignored).
   */
  state: 'active' | 'expired' | 'invalid';
  /** Whether it decides the pool now: active, and not beaten by a tag override of the same pool. */
  applies: boolean;
  /** What it asks for, as a tag writes it (`3`, `stop`, `pause`, `2-10`), or the tag's text when invalid. */
  target?: string | undefined;
  /** When it ends, as written. */
  until?: string | undefined;
  /** Why, as written. */
  reason?: string | undefined;
  /** Its place in the config (`overrides[0]`), for a config override. */
  path?: string | undefined;
  /** What is wrong or what to do, for anything but an override that applies. */
  note?: string | undefined;
}

/** What {@link overrideStatuses} looks at. */
export interface OverrideStatusInput {
  /** The instant. */
  now: Date;
  /** The cluster (its name selects the config overrides that name a `cluster`). */
  cluster: ClusterRef;
  /** The cluster's pools as read (their tags). */
  pools: readonly NodePool[];
  /** The config's overrides, validated. */
  overrides: readonly ParsedOverrideConfig[];
  /** Whether the pools' tags count. @default true */
  tags?: boolean | undefined;
}

/** The result of {@link overrideStatuses}. */
export interface OverrideStatuses {
  /** Every override found: config ones in their order, then tag ones in the order of the pools. */
  statuses: OverrideStatus[];
  /** The override that decides each pool now, by pool name. */
  active: Map<string, ActiveOverride>;
}

/**
 * Every override of a cluster at `now` and the one that decides each pool: a pool's tag override (when valid and
 * active) beats a config override; an expired one no longer applies; invalid tags are ignored. The overrides layer
 * ({@link withOverrides}) and `aks-scaler override list` both read overrides this way.
 *
 * @example
 * ```ts
 * const { statuses } = overrideStatuses({ now: new Date(), cluster, pools, overrides: config.overrides ?? [] });
 * for (const s of statuses) console.log(s.pool, s.source, s.state, s.note ?? '');
 * ```
 */
export function overrideStatuses(input: OverrideStatusInput): OverrideStatuses {
  const { now } = input;
  const statuses: OverrideStatus[] = [];
  const active = new Map<string, ActiveOverride>();
  const byPool = new Map<string, OverrideStatus>();
  const name = input.cluster.clusterName.toLowerCase();
  input.overrides.forEach((entry, index) => {
    if (entry.cluster !== undefined && entry.cluster.toLowerCase() !== name) return;
    const parsed = parseUntil(entry.until);
    const live = 'at' in parsed && parsed.at.getTime() > now.getTime();
    for (const pool of entry.pools) {
      const found: ActiveOverride = {
        pool,
        source: 'config',
        target: entry.target,
        until: entry.until,
        reason: entry.reason,
        path: `overrides[${index}]`,
      };
      const status: OverrideStatus = {
        ...described(found),
        state: live ? 'active' : 'expired',
        applies: live && !active.has(pool),
        path: found.path,
        ...(!live && { note: `expired at ${entry.until}; remove ${found.path} from the config` }),
      };
      statuses.push(status);
      if (status.applies) {
        active.set(pool, found);
        byPool.set(pool, status);
      }
    }
  });
  if (input.tags !== false) {
    for (const pool of input.pools) {
      const status = tagStatus(pool, now, active, byPool);
      if (status) statuses.push(status);
    }
  }
  return { statuses, active };
}

function described(
  found: ActiveOverride,
): Pick<OverrideStatus, 'pool' | 'source' | 'target' | 'until' | 'reason'> {
  return {
    pool: found.pool,
    source: found.source,
    target: formatOverrideTarget(found.target),
    until: found.until,
    ...(found.reason !== undefined && { reason: found.reason }),
  };
}

/** A pool's tag override, if it has one; an active one takes the pool from a config override. */
function tagStatus(
  pool: NodePool,
  now: Date,
  active: Map<string, ActiveOverride>,
  byPool: Map<string, OverrideStatus>,
): OverrideStatus | undefined {
  const read = readTagOverride(pool, now);
  const clear = `aks-scaler override clear ${pool.name}`;
  if (read.state === 'none') return undefined;
  if (read.state === 'invalid') {
    const fallback = active.get(pool.name);
    return {
      pool: pool.name,
      source: 'tag',
      state: 'invalid',
      applies: false,
      ...(read.tags.override !== undefined && { target: read.tags.override }),
      ...(read.tags.until !== undefined && { until: read.tags.until }),
      ...(read.tags.reason !== undefined && { reason: read.tags.reason }),
      note: `ignored: ${read.problem}. Fix the tags (aks-scaler override set ${pool.name} ...) or remove them (${clear}); until then the pool is left to ${fallback ? `the config's ${fallback.path}` : 'the policy'}`,
    };
  }
  const found: ActiveOverride = {
    pool: pool.name,
    source: 'tag',
    target: read.target,
    until: read.until,
    ...(read.reason !== undefined && { reason: read.reason }),
  };
  if (read.state === 'expired') {
    return {
      ...described(found),
      state: 'expired',
      applies: false,
      note: `expired at ${read.until}; remove the pool's aks-scaler-* tags: ${clear}`,
    };
  }
  const beaten = byPool.get(pool.name);
  if (beaten) {
    beaten.applies = false;
    beaten.note = "the pool's aks-scaler-override tag beats it while the tag lasts";
  }
  active.set(pool.name, found);
  return { ...described(found), state: 'active', applies: true };
}
