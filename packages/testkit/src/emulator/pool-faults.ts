import type { AgentPoolContext } from './agent-pools.js';
import { durationOf } from './agent-pools.js';
import type { FaultSpec } from './faults.js';
import { quotedGuid } from './pool-snapshot.js';
import type { ClusterRecord } from './resources.js';

/** Applies `conflict`, `etag-bump` and `operation-*` faults to the pool a PUT targets. */
export function applyPoolFaults(
  context: AgentPoolContext,
  cluster: ClusterRecord,
  pool: string,
  faults: FaultSpec[],
): void {
  const record = cluster.pools.get(pool);
  for (const fault of faults) {
    if (fault.kind === 'etag-bump' && record) record.eTag = quotedGuid();
    if (fault.kind === 'conflict' && record && !record.operationId) {
      record.eTag = quotedGuid();
      context.state.startOperation(
        cluster,
        record,
        'Updating',
        durationOf(context.operationDuration, 0),
        true,
      );
    }
    if (fault.kind === 'operation-fails') {
      context.state.planNextOperation(cluster, pool, {
        status: 'Failed',
        error: {
          code: fault.code ?? 'QuotaExceeded',
          message:
            fault.message ??
            `Operation could not be completed as it results in exceeding approved Total Regional Cores quota. Additional details - Deployment Model: Resource Manager, Location: ${cluster.location}, Current Limit: 4, Current Usage: 4, Additional Required: 2, (Minimum) New Limit Required: 6.`,
        },
      });
    }
    if (fault.kind === 'operation-never-ends')
      context.state.planNextOperation(cluster, pool, { status: 'never' });
  }
}
