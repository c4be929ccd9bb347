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
