import type { ConfigIssue } from '@aks-scaler/core/errors';
import type { ScalerConfig } from './config-schema.js';
import { parseUntil } from './override-until.js';
import { kindOf, type ParsedPolicyConfig } from './policy-kinds.js';
import type { ParsedSchedule } from './schedule-schema.js';
import { scheduleWarnings } from './schedule-warnings.js';

/** Options of {@link scalerConfigWarnings}. */
export interface ScalerConfigWarningsOptions {
  /** The instant "now" is for windows that are over. @default new Date() */
  now?: Date | undefined;
}

/**
 * What a valid config says that is surely not meant, each with its path in the file and what to do, e.g.
 * `{ path: 'policy.schedule.rules[1]', message: 'never wins: rules[0] comes first, ...' }`:
 * - a schedule rule whose counts never apply: an earlier rule is active whenever it is and names the same pools;
 * - an absolute `when` window that ended before `now`; a rule that names no pool;
 * - a `bounds` entry for a pool no policy names (bounds limit decisions, they never make one);
 * - a cluster listed twice;
 * - an override whose `until` has passed (`override for <pool> expired at <until>; remove it`).
 *
 * Warnings never make a config invalid: the scaler runs it as it is.
 *
 * @example
 * ```ts
 * const config = parseScalerConfig(text, { source: path });
 * for (const { path, message } of scalerConfigWarnings(config)) console.warn(`${path}: ${message}`);
 * ```
 */
export function scalerConfigWarnings(
  config: ScalerConfig,
  options: ScalerConfigWarningsOptions = {},
): ConfigIssue[] {
  const now = options.now ?? new Date();
  const warnings: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  config.clusters.forEach((cluster, index) => {
    const key = entryKey(cluster);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else {
      warnings.push({
        path: `clusters[${index}]`,
        message:
          cluster.selector === undefined
            ? `the same cluster as clusters[${first}]: each entry gets its own policy and reconciles the same pools; list each cluster once`
            : `the same selector as clusters[${first}]: its clusters are reconciled once, by clusters[${first}]; remove this entry`,
      });
    }
  });
  const named = new Set<string>();
  const complete = visit(config.policy, 'policy', { now, warnings, named });
  // A kind this walk does not know may name pools: then no bound is reported as unused.
  if (complete) {
    for (const pool of Object.keys(config.bounds ?? {})) {
      if (named.has(pool)) continue;
      warnings.push({
        path: `bounds.${pool}`,
        message: `no policy in this config names ${pool}, so this bound never applies (bounds limit decisions, they never make one); check the pool's name`,
      });
    }
  }
  config.overrides?.forEach((override, index) => {
    const until = parseUntil(override.until);
    if (!('at' in until) || until.at.getTime() > now.getTime()) return;
    warnings.push({
      path: `overrides[${index}]`,
      message: `override for ${override.pools.join(', ')} expired at ${override.until}; remove it`,
    });
  });
  return warnings;
}

interface Walk {
  now: Date;
  warnings: ConfigIssue[];
  named: Set<string>;
}

/** Collects the warnings and the pools named under one policy; false when it met a kind it does not know. */
function visit(config: ParsedPolicyConfig, path: string, walk: Walk): boolean {
  const { name, value } = kindOf(config);
  const at = `${path}.${name}`;
  switch (name) {
    case 'static':
      for (const pool of Object.keys(value as Record<string, unknown>)) walk.named.add(pool);
      return true;
    case 'schedule': {
      const schedule = value as ParsedSchedule;
      for (const rule of schedule.rules) for (const pool of Object.keys(rule.counts)) walk.named.add(pool);
      for (const pool of Object.keys(schedule.otherwise ?? {})) walk.named.add(pool);
      walk.warnings.push(...scheduleWarnings(schedule, at, walk.now));
      return true;
    }
    case 'metric':
      for (const pool of (value as { pools: readonly string[] }).pools) walk.named.add(pool);
      return true;
    case 'max':
    case 'min':
    case 'first':
      return (value as ParsedPolicyConfig[])
        .map((member, index) => visit(member, `${at}[${index}]`, walk))
        .every(Boolean);
    case 'stabilize':
      return visit((value as { policy: ParsedPolicyConfig }).policy, `${at}.policy`, walk);
    default:
      return false;
  }
}

/** What makes two entries the same: one cluster by name, or one selector (its scope and tags, names in any case). */
function entryKey(entry: ScalerConfig['clusters'][number]): string {
  if (entry.selector === undefined) {
    return `${entry.subscription}/${entry.resourceGroup}/${entry.name}`.toLowerCase();
  }
  const tags = Object.entries(entry.selector.tags)
    .map(([name, value]) => `${name.toLowerCase()}=${value}`)
    .sort();
  return JSON.stringify([
    'selector',
    entry.subscription.toLowerCase(),
    entry.resourceGroup?.toLowerCase() ?? null,
    tags,
  ]);
}
