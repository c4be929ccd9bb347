import type { ExistingPoolReport, NodePool, PoolReport } from '@aks-scaler/core';
import { z } from 'zod';
import type { ClusterObservation, FleetObservation } from './fleet-observation.js';

/** How many actions `history` keeps, across runs. */
export const HISTORY_LIMIT = 100;

/** One pool in `status.json` (DESIGN.md 8.6). */
export interface PoolStatus {
  name: string;
  /** The node count as after the reconcile. */
  count: number;
  /** The count the scaler drives the pool to; `null` for a pool it leaves to others (skipped, autoscaler, stopped). */
  desired: number | null;
  /** `Running` or `Stopped`. */
  power: string;
  /** What the plan did: `scale`, `start`, `stop`, `bounds`, `none` or `skip`. */
  action: string;
  /** `succeeded`, `failed`, `skipped` or `planned` (a dry run). */
  outcome: string;
  reason: string;
  /** The override that applied, if any. */
  override?: { target: string; until: string; reason: string };
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

/** What the plan did, in DESIGN.md 8.1's words: the operation that was written, or the report's action. */
export function actionOf(report: PoolReport): string {
  if (report.action !== 'scale') return report.action;
  const operations = report.operations ?? [];
  if (operations.includes('stop')) return 'stop';
  if (operations.includes('start')) return 'start';
  if (operations.includes('bounds')) return 'bounds';
  return 'scale';
}

/** Whether the step wrote (or tried to write) the pool: an action worth a line of history. */
function changed(report: ExistingPoolReport): boolean {
  return report.action === 'scale' && (report.outcome === 'succeeded' || report.outcome === 'failed');
}

function poolStatus(
  report: ExistingPoolReport,
  observed: ClusterObservation,
  lastBefore: PoolStatus['lastChange'] | undefined,
): PoolStatus {
  const state: NodePool | undefined = observed.pools.get(report.pool);
  const operations = report.operations ?? [];
  const succeeded = report.outcome === 'succeeded' && report.action === 'scale';
  const count = succeeded && operations.includes('scale') ? report.to : (state?.count ?? report.from);
  const power =
    succeeded && operations.includes('stop')
      ? 'Stopped'
      : succeeded && operations.includes('start')
        ? 'Running'
        : (state?.powerState ?? 'Running');
  // As the desired-nodes metric: only pools whose count the scaler drives.
  const drives =
    report.action !== 'skip' &&
    report.bounds === undefined &&
    state?.enableAutoScaling !== true &&
    power !== 'Stopped';
  const override = observed.overrides.get(report.pool);
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
    desired: drives ? report.to : null,
    power,
    action: actionOf(report),
    outcome: report.outcome,
    reason: report.reason,
    ...(override && { override }),
    ...(lastChange && { lastChange }),
  };
}
