import type { ClusterRef, ExistingPoolReport, NodePool, PoolReport } from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER, nodePool } from '@aks-scaler/testkit';
import type { ClusterObservation, FleetObservation } from '../../src/pod/kubernetes/fleet-observation.js';

/** A pool's report as reconcile makes it: a succeeded scale unless told otherwise. */
export function poolReport(overrides: Partial<ExistingPoolReport> & { pool: string }): ExistingPoolReport {
  return {
    from: 1,
    to: 5,
    action: 'scale',
    reason: `static ${overrides.pool}=5`,
    outcome: 'succeeded',
    operations: ['scale'],
    ...overrides,
  };
}

/** A succeeded stop of `pool` from `from` nodes: the pool is Stopped after it. */
export function stopReport(
  pool: string,
  from: number,
  overrides: Partial<ExistingPoolReport> = {},
): ExistingPoolReport {
  return poolReport({
    pool,
    from,
    to: 0,
    action: 'stop',
    operations: ['stop'],
    power: 'Stopped',
    ...overrides,
  });
}

/** A succeeded start of stopped `pool`, then its scale to `to` nodes: the pool is Running after it. */
export function startReport(
  pool: string,
  to: number,
  overrides: Partial<ExistingPoolReport> = {},
): ExistingPoolReport {
  return poolReport({
    pool,
    from: 0,
    to,
    action: 'start',
    operations: ['start', 'scale'],
    power: 'Running',
    ...overrides,
  });
}

/** A succeeded change of autoscaled `pool`'s range to `bounds`, its `count` nodes unchanged. */
export function boundsReport(
  pool: string,
  count: number,
  bounds: { minCount: number; maxCount: number },
  overrides: Partial<ExistingPoolReport> = {},
): ExistingPoolReport {
  return poolReport({
    pool,
    from: count,
    to: count,
    action: 'bounds',
    operations: ['bounds'],
    bounds,
    ...overrides,
  });
}

/** One cluster's reconcile: its report (from `pools`) and the pools as ARM reported them. */
export function clusterObservation(options: {
  cluster?: ClusterRef;
  pools?: PoolReport[];
  states?: NodePool[];
  endedAt?: Record<string, string>;
  error?: { code: string; message: string };
  finishedAt?: string;
}): ClusterObservation {
  const cluster = options.cluster ?? DEFAULT_TEST_CLUSTER;
  const finishedAt = new Date(options.finishedAt ?? '2026-12-01T07:30:10Z');
  const states =
    options.states ?? (options.pools ?? []).map((p) => nodePool({ name: p.pool, count: p.from }));
  return {
    cluster,
    ...(options.error
      ? { error: options.error }
      : {
          report: {
            cluster,
            ok: (options.pools ?? []).every((p) => p.outcome !== 'failed'),
            pools: options.pools ?? [],
            dryRun: false,
            startedAt: new Date(finishedAt.getTime() - 10_000),
            finishedAt,
          },
        }),
    pools: new Map(states.map((state) => [state.name, state])),
    endedAt: new Map(Object.entries(options.endedAt ?? {}).map(([pool, at]) => [pool, new Date(at)])),
    overrides: new Map(),
  };
}

/** A whole reconcile of these clusters. */
export function fleetObservation(
  clusters: ClusterObservation[],
  at = '2026-12-01T07:30:10Z',
): FleetObservation {
  return { at: new Date(at), dryRun: false, clusters };
}
