import { DEFAULT_EXPECTED_OPERATION_IN_MS } from './common/limits.js';
import { clusterKey, poolKey } from './common/pool-rules.js';
import { type DurationPoint, estimateDurationInMs, median, perNodeModel } from './duration-estimate.js';
import type { ClusterRef } from './types.js';

/**
 * The kinds of operation whose durations are learned apart: a scale-up, a scale-down, a start or a stop of the
 * pool, or a change of its autoscaler bounds.
 */
export type OperationDirection = 'up' | 'down' | 'start' | 'stop' | 'bounds';

/** The directions, in a fixed order (for gauges and state). */
export const OPERATION_DIRECTIONS: readonly OperationDirection[] = ['up', 'down', 'start', 'stop', 'bounds'];

export { DEFAULT_EXPECTED_OPERATION_IN_MS };

/** How many of a pool's latest operations per direction are kept and estimated from. */
export const OPERATION_HISTORY_SIZE = 5;

/** One finished operation, as {@link OperationDurations.record} takes it. */
export interface OperationSample {
  /** The pool's cluster. */
  cluster: ClusterRef;
  /** The pool's name. */
  pool: string;
  /** What the operation did. */
  direction: OperationDirection;
  /** Nodes added or removed (`|to - from|`); 0 for a start, stop or bounds change. */
  nodes: number;
  /** How long it ran, in milliseconds (the server's own start and end where ARM reports them). */
  durationInMs: number;
  /** When it ended, in epoch milliseconds. */
  endedAt: number;
}

/** Which expectation to look up. */
export interface DurationQuery {
  /** The pool's cluster. */
  cluster: ClusterRef;
  /** The pool's name. */
  pool: string;
  /** What the operation does. */
  direction: OperationDirection;
  /**
   * Nodes it adds or removes, for a per-node estimate.
   * @default 0
   */
  nodes?: number | undefined;
}

/** What is learned about one pool and direction (a gauge's series). */
export interface LearnedDuration {
  /** The pool's cluster. */
  cluster: ClusterRef;
  /** The pool's name. */
  pool: string;
  /** What the operations did. */
  direction: OperationDirection;
  /** The median of the kept durations: what a typical operation of the pool in this direction takes. */
  medianInMs: number;
  /** How many operations it comes from (at most {@link OPERATION_HISTORY_SIZE}). */
  samples: number;
  /** The per-node model, when the history supports one (see `perNodeModel`). */
  perNode?: { baseInMs: number; perNodeInMs: number } | undefined;
}

/** The serialized form (`toJSON()`), restored with `createOperationDurations({ initialState })`. */
export interface OperationDurationsState {
  /** The format's version. */
  version: 1;
  /** Per pool and direction, the kept operations, oldest first. */
  entries: Array<{
    subscriptionId: string;
    resourceGroup: string;
    clusterName: string;
    pool: string;
    direction: OperationDirection;
    samples: Array<{ durationInMs: number; nodes: number; endedAt: number }>;
  }>;
}

/**
 * Learned operation durations, per cluster, pool and direction: the last five operations of each, estimated by
 * their median (robust to one slow outlier), or by a per-node line when the history holds operations of different
 * sizes (see `estimateDurationInMs`). Serializable with `toJSON()`, so a pod keeps it across restarts.
 */
export interface OperationDurations {
  /** Learns from one finished operation (failed or cancelled operations are not recorded). */
  record(sample: OperationSample): void;
  /**
   * What the operation is expected to take: learned from the pool's own history in that direction, else
   * `DEFAULT_EXPECTED_OPERATION_IN_MS` (10 minutes).
   */
  expectedInMs(query: DurationQuery): number;
  /**
   * The learned expectation, or `undefined` when nothing is learned. With `fallback: 'cluster'`, a pool with no
   * history of its own takes the median of the cluster's pools in that direction; with `'any'`, then of every
   * pool learned in that direction (what poll schedules use: a wrong guess costs a few polls, not a late start).
   */
  learnedInMs(
    query: DurationQuery,
    options?: { fallback?: 'none' | 'cluster' | 'any' | undefined },
  ): number | undefined;
  /** Everything learned, one entry per pool and direction. */
  entries(): LearnedDuration[];
  /** The serializable state. */
  toJSON(): OperationDurationsState;
  /**
   * Takes back a state from `toJSON()` of an earlier process, for the pools and directions this store has not
   * learned yet (what it learned itself is newer); entries that are not well-formed are left out.
   */
  restore(state: unknown): void;
}

/** Options of {@link createOperationDurations}. */
export interface OperationDurationsOptions {
  /** A state from `toJSON()`; entries that are not well-formed are left out (the rest is kept). */
  initialState?: unknown;
}

interface Entry {
  cluster: ClusterRef;
  pool: string;
  direction: OperationDirection;
  samples: Array<DurationPoint & { endedAt: number }>;
}

/**
 * Creates an empty (or restored) store of learned operation durations.
 *
 * @example
 * ```ts
 * const durations = createOperationDurations({ initialState: JSON.parse(saved) });
 * const client = createNodePoolClient({ credential, durations });
 * await reconcile({ client, cluster, policy }); // policies see ctx.expectedOperationInMs(pool, from, to)
 * saved = JSON.stringify(durations);
 * ```
 */
export function createOperationDurations(options: OperationDurationsOptions = {}): OperationDurations {
  const entries = new Map<string, Entry>();
  const keyOf = (cluster: ClusterRef, pool: string, direction: OperationDirection) =>
    `${poolKey(cluster, pool)}#${direction}`;
  const add = (sample: OperationSample) => {
    const key = keyOf(sample.cluster, sample.pool, sample.direction);
    let entry = entries.get(key);
    if (!entry) {
      const { subscriptionId, resourceGroup, clusterName } = sample.cluster;
      entry = {
        cluster: { subscriptionId, resourceGroup, clusterName },
        pool: sample.pool,
        direction: sample.direction,
        samples: [],
      };
      entries.set(key, entry);
    }
    entry.samples.push({ durationInMs: sample.durationInMs, nodes: sample.nodes, endedAt: sample.endedAt });
    if (entry.samples.length > OPERATION_HISTORY_SIZE) entry.samples.shift();
  };
  for (const sample of restoredSamples(options.initialState)) add(sample);

  const learned: OperationDurations['learnedInMs'] = (query, lookup = {}) => {
    const own = entries.get(keyOf(query.cluster, query.pool, query.direction));
    if (own) return estimateDurationInMs(own.samples, query.nodes ?? 0);
    const fallback = lookup.fallback ?? 'none';
    if (fallback === 'none') return undefined;
    const cluster = clusterKey(query.cluster);
    const alike = [...entries.values()].filter((e) => e.direction === query.direction);
    const medianOf = (list: Entry[]) =>
      list.length > 0 ? median(list.map((e) => median(e.samples.map((s) => s.durationInMs)))) : undefined;
    const ofCluster = medianOf(alike.filter((e) => clusterKey(e.cluster) === cluster));
    return ofCluster ?? (fallback === 'any' ? medianOf(alike) : undefined);
  };
  return {
    record(sample) {
      if (!isSample(sample)) return;
      add(sample);
    },
    restore(state) {
      const known = new Set(entries.keys());
      for (const sample of restoredSamples(state)) {
        if (!known.has(keyOf(sample.cluster, sample.pool, sample.direction))) add(sample);
      }
    },
    expectedInMs: (query) => learned(query) ?? DEFAULT_EXPECTED_OPERATION_IN_MS,
    learnedInMs: learned,
    entries: () =>
      [...entries.values()].map((e) => ({
        cluster: { ...e.cluster },
        pool: e.pool,
        direction: e.direction,
        medianInMs: median(e.samples.map((s) => s.durationInMs)),
        samples: e.samples.length,
        perNode: perNodeModel(e.samples),
      })),
    toJSON: () => ({
      version: 1,
      entries: [...entries.values()].map((e) => ({
        ...e.cluster,
        pool: e.pool,
        direction: e.direction,
        samples: e.samples.map((s) => ({ ...s })),
      })),
    }),
  };
}

/** The direction of an operation that takes a pool from `from` to `to` nodes (`undefined`: nothing to do). */
export function directionOf(from: number, to: number): 'up' | 'down' | undefined {
  if (to > from) return 'up';
  if (to < from) return 'down';
  return undefined;
}

function isSample(value: Partial<OperationSample>): value is OperationSample {
  return (
    typeof value.pool === 'string' &&
    OPERATION_DIRECTIONS.includes(value.direction as OperationDirection) &&
    isCluster(value.cluster) &&
    isNonNegative(value.nodes) &&
    isNonNegative(value.durationInMs) &&
    Number.isFinite(value.endedAt)
  );
}

function isCluster(value: unknown): value is ClusterRef {
  const c = value as Partial<ClusterRef> | undefined;
  return (
    typeof c?.subscriptionId === 'string' &&
    typeof c.resourceGroup === 'string' &&
    typeof c.clusterName === 'string'
  );
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** The well-formed samples of a saved state, oldest first per entry. */
function restoredSamples(state: unknown): OperationSample[] {
  const entries = (state as Partial<OperationDurationsState> | undefined)?.entries;
  if ((state as { version?: unknown } | undefined)?.version !== 1 || !Array.isArray(entries)) return [];
  return entries.flatMap((raw) => {
    const entry = (raw ?? {}) as Partial<OperationDurationsState['entries'][number]>;
    const cluster = {
      subscriptionId: entry.subscriptionId,
      resourceGroup: entry.resourceGroup,
      clusterName: entry.clusterName,
    };
    if (!Array.isArray(entry.samples)) return [];
    return entry.samples
      .map((s) => ({ ...(s ?? {}), cluster, pool: entry.pool, direction: entry.direction }))
      .filter((s): s is OperationSample => isSample(s as Partial<OperationSample>))
      .slice(-OPERATION_HISTORY_SIZE);
  });
}
