import type { ScalerEvent } from './events.js';
import { executeStep, plannedReport, type StepContext } from './execute-step.js';
import { expectedOperation } from './expected-operation.js';
import type { NodePoolClient } from './node-pool-client.js';
import { type Plan, type PlanOptions, planReconcile } from './plan.js';
import type { ExecutionSettings } from './reconcile.js';
import type { ReconcileReport } from './report.js';
import { throwIfAborted } from './sleep.js';
import type { ClusterRef, NodePool, Policy, PolicyNotice, PoolDecision } from './types.js';
import { type UnknownPoolsMode, unknownPoolReport } from './unknown-pools.js';

/** Options one cluster of a reconcile (or of a fleet) is planned and run with. */
export interface TargetOptions extends PlanOptions {
  /**
   * A decision naming a pool the cluster does not have: `warn` reports it as a skipped entry with a warning and
   * the closest existing pool (`ok` is unaffected); `error` throws a `ConfigError` naming the cluster, the pool and
   * the suggestion before anything is written (in a fleet: before any cluster is written).
   * @default 'warn'
   */
  unknownPools?: UnknownPoolsMode | undefined;
}

/** One cluster's plan, made from one read of its pools and one evaluation of its policy, before any write. */
export interface ReconcilePlan {
  /** The cluster. */
  cluster: ClusterRef;
  /** The policy's name. */
  policy: string;
  /** The instant the policy was evaluated at (from the clock). */
  at: Date;
  /** The cluster's pools as read. */
  pools: readonly NodePool[];
  /** The policy's decisions, as it returned them. */
  decisions: readonly PoolDecision[];
  /** What the policy told the operator while it decided (`PolicyContext.notify`), in order. */
  notices: readonly PolicyNotice[];
  /** What will be done: steps per pool, ignored decisions, the number of changes. */
  plan: Plan;
  /** Whether nothing will be written. */
  dryRun: boolean;
}

/** What planning and running one cluster needs. */
export interface ClusterRun extends TargetOptions {
  client: NodePoolClient;
  cluster: ClusterRef;
  policy: Policy;
  dryRun?: boolean | undefined;
  abortSignal?: AbortSignal | undefined;
  drainSignal?: AbortSignal | undefined;
  onEvent?: ((event: ScalerEvent) => void) | undefined;
}

function emitterFor(run: ClusterRun, settings: ExecutionSettings): StepContext['emit'] {
  const { onEvent, cluster } = run;
  return (event) => {
    if (!onEvent) return;
    try {
      onEvent({ ...event, cluster, at: new Date(settings.clock.now()) } as ScalerEvent);
    } catch {
      // A listener's failure must not break a reconcile.
    }
  };
}

/** Where planning a cluster failed: reading its pools from ARM, or evaluating its policy. */
export type PlanStage = 'read' | 'evaluate';

const failedStages = new WeakMap<object, PlanStage>();

/** The stage at which {@link planCluster} threw `error`, when it did. */
export function failedStage(error: unknown): PlanStage | undefined {
  return typeof error === 'object' && error !== null ? failedStages.get(error) : undefined;
}

async function during<T>(stage: PlanStage, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (typeof error === 'object' && error !== null && !failedStages.has(error))
      failedStages.set(error, stage);
    throw error;
  }
}

/** Reads the cluster's pools (one list request), evaluates the policy once, and plans. Nothing is written. */
export async function planCluster(run: ClusterRun, settings: ExecutionSettings): Promise<ReconcilePlan> {
  const { client, cluster, policy, abortSignal } = run;
  const at = new Date(settings.clock.now());
  throwIfAborted(abortSignal);
  const pools = await during('read', () => client.listPools(cluster, { abortSignal }));
  const notices: PolicyNotice[] = [];
  const notify = (notice: PolicyNotice) => {
    notices.push({ ...notice });
  };
  const expectedOperationInMs = expectedOperation(settings.durations, cluster, pools);
  const decisions = await during('evaluate', () =>
    policy.evaluate({
      now: at,
      cluster,
      pools,
      abortSignal,
      expectedOperationInMs,
      notify,
      ...(settings.evaluationIntervalInMs !== undefined && {
        evaluationIntervalInMs: settings.evaluationIntervalInMs,
      }),
    }),
  );
  const plan = planReconcile(pools, decisions, run);
  return { cluster, policy: policy.name, at, pools, decisions, notices, plan, dryRun: run.dryRun ?? false };
}

/**
 * Announces a plan that will run: a `notice` event for each notice of the policy, a `planned` event for each step
 * and a `skipped` one for each decision naming an absent pool, then `onPlan`.
 */
export async function announcePlan(
  planned: ReconcilePlan,
  run: ClusterRun,
  settings: ExecutionSettings,
  onPlan: ((plan: ReconcilePlan) => void | Promise<void>) | undefined,
): Promise<void> {
  const emit = emitterFor(run, settings);
  for (const notice of planned.notices) emit({ type: 'notice', ...notice });
  for (const step of planned.plan.steps) {
    emit({
      type: 'planned',
      pool: step.pool,
      from: step.from,
      to: step.to,
      action: step.action,
      reason: step.reason,
      power: step.power,
      ...(step.bounds && { bounds: step.bounds }),
    });
  }
  for (const ignored of planned.plan.ignored)
    emit({ type: 'skipped', pool: ignored.pool, reason: ignored.reason });
  await onPlan?.(planned);
}

/**
 * Runs a cluster's plan: its writes concurrently within the shared limiter (one per pool), re-planning a pool
 * from the same decision after a wait or a 412, never evaluating the policy again.
 */
export async function runPlan(
  planned: ReconcilePlan,
  run: ClusterRun,
  settings: ExecutionSettings,
): Promise<ReconcileReport> {
  const { plan, cluster, dryRun } = planned;
  const emit = emitterFor(run, settings);
  let reports: ReconcileReport['pools'];
  if (dryRun) {
    reports = plan.steps.map(plannedReport);
  } else {
    const ctx: StepContext = {
      client: run.client,
      cluster,
      limit: settings.limit,
      locks: settings.locks,
      clock: settings.clock,
      operationTimeoutInMs: settings.operationTimeoutInMs,
      pollIntervalInMs: settings.pollIntervalInMs,
      planOptions: run,
      emit,
      ...(settings.recordDurations && { durations: settings.durations }),
    };
    if (run.abortSignal) ctx.abortSignal = run.abortSignal;
    if (run.drainSignal) ctx.drainSignal = run.drainSignal;
    reports = await Promise.all(plan.steps.map((step) => executeStep(ctx, step)));
  }
  reports.push(...plan.ignored.map(unknownPoolReport));
  const report: ReconcileReport = {
    ok: reports.every((r) => r.outcome !== 'failed'),
    pools: reports,
    dryRun,
    startedAt: planned.at,
    finishedAt: new Date(settings.clock.now()),
    cluster,
    policy: planned.policy,
    ignored: plan.ignored,
    notices: [...planned.notices],
  };
  emit({ type: 'finished', report });
  return report;
}
