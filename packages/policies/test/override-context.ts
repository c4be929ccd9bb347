// The instant, cluster and pools the override tests evaluate at, and their evaluation with the notices it gave.
import type { NodePool, Policy } from '@aks-scaler/core';
import { nodePool } from '@aks-scaler/testkit';
import { evaluateWithNotices } from './policy-context.js';

/** When the override tests evaluate, unless a test says otherwise. */
export const NOW = '2026-12-05T09:00:00Z';
/** The cluster the override tests' pools belong to. */
export const OVERRIDE_CLUSTER = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'aks' };

/** A pool of 2 nodes in {@link OVERRIDE_CLUSTER}. */
export function pool(name: string, extra: Partial<NodePool> = {}): NodePool {
  return nodePool({ name, cluster: OVERRIDE_CLUSTER, count: 2, ...extra });
}

/** Evaluates at `iso` and collects what the policy told the operator. */
export const evaluate = (policy: Policy, pools: NodePool[], iso = NOW) =>
  evaluateWithNotices(policy, { now: new Date(iso), cluster: OVERRIDE_CLUSTER, pools });
