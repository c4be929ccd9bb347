import { leadershipViolations, leaseHolds } from '../packages/examples/test/helpers/leadership-timeline.js';
import { type ClusterEvidence, desiredCounts } from './cluster-evidence.js';
import type { RunEvidence } from './evidence.js';

/**
 * The invariants of replica runs, one line per violation:
 * - `one-writer` and `lease`: no pool operation written by two replicas, every accepted write by the Lease's holder
 *   of that moment, and no Lease taken before its holder's record expired (leadership-timeline.ts);
 * - `status`: the status ConfigMap matches ARM after the run settled (each pool's count and power state);
 * - `converged`: the pools ended at their decisions, and the run settled;
 * - `replica`: every replica not killed exited 0, and none wrote to stderr.
 */
export function checkCluster(evidence: RunEvidence): string[] {
  const { cluster } = evidence;
  if (!cluster) return [];
  return [
    ...checkReplicas(cluster),
    ...leadershipViolations({
      operations: evidence.operations.filter((op) => op.clusterName === evidence.scenario.clusterName),
      requests: evidence.requests,
      holds: leaseHolds(cluster.requests, { forced: cluster.forced }),
      replicaOf: (principal) => cluster.replicas.find((replica) => replica.clientId === principal)?.name,
    }),
    ...checkStatus(evidence, cluster),
    ...checkConverged(evidence, cluster),
  ];
}

function checkReplicas(cluster: ClusterEvidence): string[] {
  const out: string[] = [];
  for (const replica of cluster.replicas) {
    if (replica.exitCode === undefined) out.push(`replica: ${replica.name} did not exit`);
    else if (replica.signalled !== 'SIGKILL' && replica.exitCode !== 0) {
      out.push(`replica: ${replica.name} exited ${replica.exitCode}`);
    }
    if (replica.stderr) out.push(`replica: ${replica.name} wrote to stderr: ${replica.stderr.slice(0, 200)}`);
  }
  return out;
}

interface StatusPool {
  name: string;
  count: number;
  power: string;
}

function checkStatus({ scenario, finalPools }: RunEvidence, cluster: ClusterEvidence): string[] {
  if (cluster.statusJson === undefined) return ['status: no status ConfigMap was written'];
  let pools: StatusPool[];
  try {
    const status = JSON.parse(cluster.statusJson) as {
      clusters: Array<{ resourceGroup: string; name: string; pools: StatusPool[] }>;
    };
    const entry = status.clusters.find(
      (c) => c.resourceGroup === scenario.resourceGroup && c.name === scenario.clusterName,
    );
    if (!entry) return [`status: status.json has no entry for ${scenario.clusterName}`];
    pools = entry.pools;
  } catch (error) {
    return [`status: status.json does not parse: ${String(error)}`];
  }
  const out: string[] = [];
  const named = new Set(scenario.decisions.map((d) => d.pool));
  for (const pool of finalPools.filter((p) => named.has(p.name))) {
    const shown = pools.find((p) => p.name === pool.name);
    if (!shown) out.push(`status: '${pool.name}' is missing from status.json`);
    else if (shown.count !== pool.count || shown.power !== pool.powerState) {
      out.push(
        `status: status.json shows '${pool.name}' at ${shown.count} (${shown.power}), ARM at ${pool.count} (${pool.powerState})`,
      );
    }
  }
  return out;
}

function checkConverged({ scenario, finalPools }: RunEvidence, cluster: ClusterEvidence): string[] {
  const out = cluster.settled ? [] : ['converged: the run did not settle (pools, or the status after them)'];
  for (const [name, count] of desiredCounts(scenario, finalPools)) {
    const pool = finalPools.find((p) => p.name === name);
    if (pool && pool.count !== count)
      out.push(`converged: '${name}' ended at ${pool.count}, its decision is ${count}`);
  }
  return out;
}
