import { ConfigError, type ConfigIssue, type FleetTarget, type ReconcilePlan } from '@aks-scaler/core';
import type { ScalerTarget } from './setup.js';

/** The `reconcile` target of one of the setup's clusters (listed by name or discovered), with its plan options. */
export function fleetTarget(target: ScalerTarget): FleetTarget {
  return {
    cluster: target.cluster,
    policy: target.policy,
    unknownPools: target.unknownPools,
    ...(target.autoscalerPools !== undefined && { autoscalerPools: target.autoscalerPools }),
    ...(target.stoppedPools !== undefined && { stoppedPools: target.stoppedPools }),
  };
}

/** The `reconcileFleet` targets of the setup's clusters (listed by name or discovered), each with its plan options. */
export function fleetTargets(targets: readonly ScalerTarget[]): FleetTarget[] {
  return targets.map(fleetTarget);
}

/**
 * What the pod and the CLI refuse in a plan, after the pools were read and before anything is written: a decision
 * that stops a System pool (AKS never stops one), which the config asks for whatever happens at run time, like a
 * pool that does not exist. The library skips such a pool with a reason; the pod fails the run (exit 2).
 */
export function impossibleStops(plan: ReconcilePlan): ConfigIssue[] {
  const { cluster } = plan;
  return plan.plan.steps
    .filter(
      (step) =>
        step.decision.power === 'Stopped' &&
        step.current.mode === 'System' &&
        step.decision.override?.pause !== true,
    )
    .map((step) => ({
      path: `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.clusterName}/${step.pool}`,
      message: `'${step.pool}' of cluster '${cluster.clusterName}' (resource group '${cluster.resourceGroup}') is a System pool, which AKS never stops; the decision (${step.decision.reason}) asks to stop it: stop only User pools, or give '${step.pool}' a count of at least 1`,
    }));
}

/**
 * An `onPlan` check for the pod and the CLI: throws a `ConfigError` (exit 2) before any write when the plan stops
 * a System pool.
 *
 * @example
 * ```ts
 * await reconcileFleet({ client, targets: fleetTargets(setup.targets), onPlan: refuseImpossiblePlan });
 * ```
 */
export function refuseImpossiblePlan(plan: ReconcilePlan): void {
  const issues = impossibleStops(plan);
  if (issues.length === 0) return;
  throw new ConfigError(
    `The policy asks for something AKS cannot do, so nothing was written: ${issues.map((i) => i.message).join('; ')}.`,
    { issues },
  );
}
