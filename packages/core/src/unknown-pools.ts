import { closest, distance } from 'fastest-levenshtein';
import { ConfigError, type ConfigIssue } from './errors.js';
import type { IgnoredDecision } from './plan.js';
import type { UnknownPoolReport } from './report.js';
import type { ClusterRef } from './types.js';

/** What reconcile does with a decision naming a pool the cluster does not have. */
export type UnknownPoolsMode = 'warn' | 'error';

/**
 * The existing pool a misspelled name most likely meant: the closest by edit distance, when it is close enough to
 * be a typo (at most a third of the name's length, and at least 2 edits allowed), else undefined.
 *
 * @example
 * ```ts
 * closestPoolName('manualpool9', ['nodepool1', 'manualpool2', 'manualpool3']); // 'manualpool2'
 * ```
 */
export function closestPoolName(name: string, existing: readonly string[]): string | undefined {
  if (existing.length === 0) return undefined;
  const candidate = closest(name, [...existing]);
  const allowed = Math.max(2, Math.floor(name.length / 3));
  return distance(name, candidate) <= allowed ? candidate : undefined;
}

/** The reason of a decision that names an absent pool: what is missing, the likely pool, or the pools there are. */
export function unknownPoolReason(name: string, existing: readonly string[], suggestion?: string): string {
  const hint = suggestion
    ? `did you mean '${suggestion}'?`
    : `its pools are ${existing.length > 0 ? existing.map((p) => `'${p}'`).join(', ') : '(none)'}`;
  return `the cluster has no pool named '${name}' (${hint}); the decision is ignored and nothing is written to it`;
}

/** The report entry of an ignored decision: a warned skip that claims no count. */
export function unknownPoolReport(ignored: IgnoredDecision): UnknownPoolReport {
  const report: UnknownPoolReport = {
    pool: ignored.pool,
    action: 'skip',
    outcome: 'skipped',
    reason: ignored.reason,
    warning: true,
    unknownPool: true,
  };
  if (ignored.suggestion !== undefined) report.suggestion = ignored.suggestion;
  return report;
}

/** One `ConfigIssue` per decision naming an absent pool, naming the cluster and the pool. */
export function unknownPoolIssues(cluster: ClusterRef, ignored: readonly IgnoredDecision[]): ConfigIssue[] {
  return ignored.map((entry) => ({
    path: `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.clusterName}/${entry.pool}`,
    message: `cluster '${cluster.clusterName}' (resource group '${cluster.resourceGroup}') has no pool named '${entry.pool}'${entry.suggestion ? `; did you mean '${entry.suggestion}'?` : ''}`,
  }));
}

/** The error `unknownPools: 'error'` throws before anything is written: every unknown pool of every cluster. */
export function unknownPoolsError(issues: readonly ConfigIssue[]): ConfigError {
  return new ConfigError(
    `A decision names a pool the cluster does not have, so nothing was written: ${issues.map((i) => i.message).join('; ')}. Fix the pool names (or choose unknownPools 'warn' to skip such decisions with a warning).`,
    { issues },
  );
}
