import { type RunEvidence, sameJson as same } from './evidence.js';
import { expectedExitCode } from './exit-code.js';
import type { ObservedPool, ProcessRecord } from './observed.js';

const isTerminal = (state: string) => ['succeeded', 'failed', 'canceled'].includes(state.toLowerCase());

/** The checks of one reconciling process: its report, its exit code and, for the last one, convergence. */
export function checkProcess(evidence: RunEvidence, process: ProcessRecord, last: boolean): string[] {
  const out: string[] = [];
  const { label, report } = process;
  if (process.stderr) out.push(`output: ${label} wrote to stderr: ${process.stderr.slice(0, 200)}`);
  const expected = expectedExitCode(process);
  if (process.exitCode !== undefined && process.signalled !== 'SIGKILL' && expected !== process.exitCode) {
    out.push(`exit-code: ${label} exited ${process.exitCode}, its report says ${expected}`);
  }
  if (process.failure && !process.failure.code) out.push(`report: ${label} failed without a code`);
  if (process.failure || process.configFailure) {
    const puts = evidence.requests.filter(
      (r) => r.method === 'PUT' && r.at >= process.startedAt && r.at <= process.endedAt,
    );
    if ((process.configFailure || process.failure?.code === 'CONFIG') && puts.length > 0)
      out.push(`report: ${label} wrote after a configuration error`);
    return out;
  }
  if (!report) {
    if (process.signalled !== 'SIGKILL') out.push(`report: ${label} ended without a report`);
    return out;
  }
  const reported = report.pools.map((p) => p.pool).sort();
  if (!same(reported, [...process.scope].sort())) {
    out.push(
      `report: ${label} reported pools ${reported.join(',')}, in scope: ${[...process.scope].sort().join(',')}`,
    );
  }
  if (report.ok !== report.pools.every((p) => p.outcome !== 'failed'))
    out.push(`report: ${label} ok=${report.ok} disagrees with its pools`);
  for (const pool of report.pools) {
    if (!pool.reason) out.push(`report: '${pool.pool}' has no reason`);
    if (pool.outcome === 'failed' && !(pool.error?.code && pool.error.message)) {
      out.push(`report: '${pool.pool}' failed without a code and message`);
    }
    if (!['succeeded', 'failed', 'skipped', 'planned'].includes(pool.outcome)) {
      out.push(`report: '${pool.pool}' has outcome ${pool.outcome}`);
    }
    if (last && !report.dryRun && pool.outcome === 'succeeded') out.push(...checkConverged(evidence, pool));
  }
  return out;
}

/** A pool reported succeeded must be where the report says, unless it was deleted after the operation ended. */
function checkConverged(
  { finalPools, perturbed, operations, scenario }: RunEvidence,
  pool: ObservedPool,
): string[] {
  const deleted = perturbed.find((p) => p.kind === 'delete-pool' && p.pool === pool.pool);
  const final = finalPools.find((p) => p.name === pool.pool);
  if (!final) {
    if (pool.action === 'none' || pool.action === 'skip') return [];
    const done = operations.some(
      (op) =>
        op.pool === pool.pool &&
        op.clusterName === scenario.clusterName &&
        !op.foreign &&
        op.status === 'Succeeded' &&
        deleted !== undefined &&
        (op.endedAt ?? 0) <= deleted.at,
    );
    return done ? [] : [`converged: '${pool.pool}' reported succeeded but the pool is gone`];
  }
  if (!isTerminal(final.provisioningState) && final.operationId === undefined) {
    return [`converged: '${pool.pool}' is ${final.provisioningState} with no operation`];
  }
  if (final.enableAutoScaling) {
    if (pool.bounds && (final.minCount !== pool.bounds.minCount || final.maxCount !== pool.bounds.maxCount)) {
      return [
        `converged: '${pool.pool}' bounds are ${final.minCount}..${final.maxCount}, reported ${pool.bounds.minCount}..${pool.bounds.maxCount}`,
      ];
    }
    return [];
  }
  if (final.powerState === 'Stopped') {
    return pool.to === 0 ? [] : [`converged: '${pool.pool}' is stopped, reported ${pool.to}`];
  }
  return final.count === pool.to
    ? []
    : [`converged: '${pool.pool}' has ${final.count} nodes, reported succeeded at ${pool.to}`];
}
