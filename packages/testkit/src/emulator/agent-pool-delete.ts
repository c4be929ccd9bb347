import { type AgentPoolContext, durationOf, operationUrl, unquote } from './agent-pools.js';
import { providerError } from './arm-errors.js';
import type { EmulatorResponse } from './http.js';
import { clusterOperationInProgress, operationInProgress } from './pool-validation.js';
import type { ClusterRecord } from './resources.js';

/**
 * DELETE of an agent pool: 204 when it does not exist; otherwise 202 with `Azure-AsyncOperation` and `Location`
 * (`operationresults`), the pool `Deleting` until the operation ends and then gone.
 */
export function deletePool(
  context: AgentPoolContext,
  cluster: ClusterRecord,
  name: string,
  ifMatch: string | undefined,
): EmulatorResponse {
  const record = cluster.pools.get(name) ?? cluster.pools.get(name.toLowerCase());
  if (!record) return { status: 204 };
  const clusterOperation = context.state.clusterOperation(cluster);
  if (clusterOperation) return clusterOperationInProgress(clusterOperation.id, clusterOperation.startedAt);
  if (record.operationId) return operationInProgress(record.provisioningState);
  if (ifMatch !== undefined && ifMatch !== '*' && unquote(ifMatch) !== unquote(record.eTag)) {
    return providerError(
      412,
      'PreconditionFailed',
      `Operation is not allowed: the eTag '${ifMatch}' in the If-Match header does not match the current eTag '${record.eTag}' of agent pool '${record.name}'. Get the agent pool again and retry with its current eTag.`,
    );
  }
  const otherSystem = [...cluster.pools.values()].some(
    (pool) => pool !== record && pool.properties.mode === 'System',
  );
  if (record.properties.mode === 'System' && !otherSystem) {
    return providerError(400, 'OperationNotAllowed', 'There has to be at least one system agent pool.');
  }
  const nodes = Number(record.properties.count ?? 0);
  const operation = context.state.startOperation(
    cluster,
    record,
    'Deleting',
    durationOf(context.operationDuration, nodes),
  );
  return {
    status: 202,
    headers: {
      'azure-asyncoperation': operationUrl(context, operation, 'operations'),
      location: operationUrl(context, operation, 'operationresults'),
    },
  };
}
