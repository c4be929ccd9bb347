import {
  type ClusterRef,
  type NodePoolClient,
  type Policy,
  type ReconcilePlan,
  type ReconcileReport,
  reconcile,
} from '@aks-scaler/core';

/** Options of {@link applyWithPreview}. */
export interface ApplyWithPreviewOptions {
  /** Where the plan's lines go. */
  show: (line: string) => void;
  /** Asked once the plan is shown; `false` stops the run before anything is written. @default always yes */
  confirm?: (plan: ReconcilePlan) => boolean | Promise<boolean>;
}

/**
 * Shows the plan of the one evaluation of the policy, then writes it: no second evaluation for the display (a
 * metric policy queries once, its stabilization advances once). A decision for a pool the cluster does not have
 * stops the run before any write, with the closest pool name in the error.
 */
export function applyWithPreview(
  client: NodePoolClient,
  cluster: ClusterRef,
  policy: Policy,
  options: ApplyWithPreviewOptions,
): Promise<ReconcileReport> {
  return reconcile({
    client,
    cluster,
    policy,
    unknownPools: 'error',
    onPlan: async (planned) => {
      for (const step of planned.plan.steps) {
        options.show(`${step.pool}: ${step.action} ${step.from} -> ${step.to} (${step.reason})`);
      }
      if (options.confirm && !(await options.confirm(planned))) {
        throw new Error('The plan was not confirmed; nothing was written.');
      }
    },
  });
}
