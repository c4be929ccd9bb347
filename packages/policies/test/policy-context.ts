// Node pools and policy contexts the policy tests evaluate against: running manual User pools of given counts.
import type { ClusterRef, NodePool, Policy, PolicyContext, PolicyNotice } from '@aks-scaler/core';

/** The cluster the policy tests' pools belong to unless they name another. */
export const TEST_CLUSTER: ClusterRef = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' };

/** A running, manually scaled User pool of `count` nodes. */
export function runningPool(name: string, count: number, cluster: ClusterRef = TEST_CLUSTER): NodePool {
  return {
    cluster,
    name,
    count,
    mode: 'User',
    enableAutoScaling: false,
    powerState: 'Running',
    provisioningState: 'Succeeded',
  };
}

/** A context at `now` whose pools are `counts` (pool name to node count), in `cluster`. */
export function policyContext(
  now: Date,
  counts: Record<string, number>,
  cluster: ClusterRef = TEST_CLUSTER,
): PolicyContext {
  const pools = Object.entries(counts).map(([name, count]) => runningPool(name, count, cluster));
  return { now, cluster, pools };
}

/** Evaluates `policy` in `context` and collects what it told the operator. */
export async function evaluateWithNotices(policy: Policy, context: Omit<PolicyContext, 'notify'>) {
  const notices: PolicyNotice[] = [];
  const decisions = await policy.evaluate({ ...context, notify: (n) => notices.push(n) });
  return { decisions, notices };
}
