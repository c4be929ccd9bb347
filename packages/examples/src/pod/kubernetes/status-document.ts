import { type ExistingPoolReport, isWriteAction, type NodePool, type PoolReport } from '@aks-scaler/core';
import { z } from 'zod';
import { driveOf } from '../pool-drive.js';
import type { ClusterObservation, FleetObservation } from './fleet-observation.js';

/** How many actions `history` keeps, across runs. */
export const HISTORY_LIMIT = 100;

/** One pool in `status.json`. */
export interface PoolStatus {
  name: string;
  /** The node count as after the reconcile. */
  count: number;
  /**
   * What the scaler drives the pool to: the node count; `0` for a pool it stops (or keeps stopped); the autoscaler
   * range it sets, as `<min>..<max>` (`2..10`); `null` for a pool it leaves to others (skipped, or an autoscaler or
   * stopped pool it was not asked to change).
   */
  desired: number | string | null;
  /** `Running` or `Stopped`, as the pool is after the reconcile. */
  power: string;
  /** What the plan did: `scale`, `start`, `stop`, `bounds`, `none` or `skip`. */
  action: string;
  /** `succeeded`, `failed`, `skipped` or `planned` (a dry run). */
  outcome: string;
  reason: string;
  /**
   * The override the pool's decision came from, if one was active: its target (`5`, `stop`, `2..10`, `pause`), when
   * it ends, why, and whether it is in the config or the pool's tags.
   */
  override?: { target: string; until: string; reason?: string; source?: 'config' | 'tag' };
  /** The last change the scaler made to the pool, in this run or an earlier one. */
  lastChange?: { at: string; from: number; to: number };
}

/** One cluster in `status.json`. */
export interface ClusterStatus {
  subscription: string;
  resourceGroup: string;
  name: string;
  pools: PoolStatus[];
  /** Why the last reconcile could not read or decide the cluster (its pools are then as last known). */
  error?: { code: string; message: string };
}

/** One action in `status.json`'s history. */
export interface HistoryEntry {
  at: string;
  /** `<resourceGroup>/<name>`. */
  cluster: string;
  pool: string;
  action: string;
  from: number;
  to: number;
  outcome: string;
  reason: string;
}

/** `status.json`: what the scaler did last, per cluster and pool, and its last actions. */
export interface StatusDocument {
  version: 1;
  updatedAt: string;
  clusters: ClusterStatus[];
  history: HistoryEntry[];
}

const historyEntrySchema = z.object({
  at: z.string(),
  cluster: z.string(),
  pool: z.string(),
  action: z.string(),
  from: z.number(),
  to: z.number(),
  outcome: z.string(),
  reason: z.string(),
});
const lastChangeSchema = z.object({ at: z.string(), from: z.number(), to: z.number() });
const previousSchema = z.object({
  clusters: z
    .array(
      z.object({
        subscription: z.string(),
        resourceGroup: z.string(),
        name: z.string(),
        pools: z.array(z.looseObject({ name: z.string(), lastChange: lastChangeSchema.optional() })),
      }),
    )
    .catch([]),
  history: z.array(z.unknown()).catch([]),
});

/** What an earlier `status.json` leaves to the next one: its pools' last changes and its history. */
export interface PreviousStatus {
  clusters: Array<{
    subscription: string;
    resourceGroup: string;
    name: string;
    pools: Array<{ name: string; lastChange?: PoolStatus['lastChange'] } & Partial<PoolStatus>>;
  }>;
  history: HistoryEntry[];
}

/** Reads back an earlier `status.json`; `undefined` when there is none or it is not one (its history is lost). */
export function parsePreviousStatus(text: string | undefined): PreviousStatus | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = previousSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const history = parsed.data.history.flatMap((entry) => {
    const one = historyEntrySchema.safeParse(entry);
    return one.success ? [one.data] : [];
  });
  return { clusters: parsed.data.clusters as PreviousStatus['clusters'], history };
}

/** The new `status.json` after one reconcile, from the previous one and what the reconcile showed. */
export function buildStatus(
  fleet: FleetObservation,
  previous: PreviousStatus | undefined,
  now: Date,
): StatusDocument {
  const history = [...(previous?.history ?? [])];
  const clusters = fleet.clusters.map((observed): ClusterStatus => {
    const { cluster } = observed;
    const before = previous?.clusters.find(
      (entry) =>
        entry.subscription.toLowerCase() === cluster.subscriptionId.toLowerCase() &&
        entry.resourceGroup.toLowerCase() === cluster.resourceGroup.toLowerCase() &&
        entry.name.toLowerCase() === cluster.clusterName.toLowerCase(),
    );
    const identity = {
      subscription: cluster.subscriptionId,
      resourceGroup: cluster.resourceGroup,
      name: cluster.clusterName,
    };
    if (!observed.report) {
      return {
        ...identity,
        pools: (before?.pools ?? []) as PoolStatus[],
        ...(observed.error && { error: { code: observed.error.code, message: observed.error.message } }),
      };
    }
    // A decision for a pool the cluster does not have claims no count: it is in the Events (PoolSkipped), not here.
    const existing = observed.report.pools.filter(
      (report): report is ExistingPoolReport => report.unknownPool !== true,
    );
    const pools = existing.map((report) => {
      const lastBefore = before?.pools.find((pool) => pool.name === report.pool)?.lastChange;
      const status = poolStatus(report, observed, lastBefore);
      if (changed(report)) {
        history.push({
          at: (observed.endedAt.get(report.pool) ?? observed.report!.finishedAt).toISOString(),
          cluster: `${cluster.resourceGroup}/${cluster.clusterName}`,
          pool: report.pool,
          action: status.action,
          from: report.from,
          to: report.to,
          outcome: report.outcome,
          reason: report.reason,
        });
      }
      return status;
    });
    return { ...identity, pools };
  });
  return { version: 1, updatedAt: now.toISOString(), clusters, history: history.slice(-HISTORY_LIMIT) };
}

/**
 * What the plan did, in the plan's words: `scale`, `start` (maybe followed by a scale or a range), `stop`,
 * `bounds`, `none` or `skip`.
 */
export function actionOf(report: PoolReport): string {
  return report.action;
}

/** Whether the step wrote (or tried to write) the pool: an action worth a line of history. */
function changed(report: ExistingPoolReport): boolean {
  return isWriteAction(report.action) && (report.outcome === 'succeeded' || report.outcome === 'failed');
}

/** The node count, stop or range a step drives its pool to (`null`: none), as the desired-nodes metric has it. */
function desiredOf(
  report: ExistingPoolReport,
  state: NodePool | undefined,
  power: string,
): PoolStatus['desired'] {
  switch (driveOf(report)) {
    case 'stop':
      return 0;
    case 'range':
      return `${report.bounds!.minCount}..${report.bounds!.maxCount}`;
    case 'count':
      return state?.enableAutoScaling !== true && power !== 'Stopped' ? report.to : null;
    default:
      return null;
  }
}

/** The override the report entry says its decision came from, else one a pod event said applies. */
function overrideOf(report: ExistingPoolReport, observed: ClusterObservation): PoolStatus['override'] {
  const { override } = report;
  if (override === undefined) return observed.overrides.get(report.pool);
  const drive = driveOf(report);
  const target = override.pause
    ? 'pause'
    : drive === 'stop'
      ? 'stop'
      : drive === 'range'
        ? `${report.bounds!.minCount}..${report.bounds!.maxCount}`
        : String(report.to);
  return {
    target,
    until: override.until,
    ...(override.reason !== undefined && { reason: override.reason }),
    source: override.source,
  };
}

function poolStatus(
  report: ExistingPoolReport,
  observed: ClusterObservation,
  lastBefore: PoolStatus['lastChange'] | undefined,
): PoolStatus {
  // The pool as ARM last reported it (the read, then each poll of its operations); a write that succeeded leaves it
  // as the step planned it: the count written (0 for a stop, the nodes it got back for a start) and its power state.
  const state: NodePool | undefined = observed.pools.get(report.pool);
  const succeeded = report.outcome === 'succeeded' && isWriteAction(report.action);
  const count = succeeded ? report.to : (state?.count ?? report.from);
  const power = (succeeded ? report.power : undefined) ?? state?.powerState ?? 'Running';
  const override = overrideOf(report, observed);
  const lastChange = succeeded
    ? {
        at: (observed.endedAt.get(report.pool) ?? observed.report!.finishedAt).toISOString(),
        from: report.from,
        to: report.to,
      }
    : lastBefore;
  return {
    name: report.pool,
    count,
    desired: desiredOf(report, state, power),
    power,
    action: actionOf(report),
    outcome: report.outcome,
    reason: report.reason,
    ...(override && { override }),
    ...(lastChange && { lastChange }),
  };
}
