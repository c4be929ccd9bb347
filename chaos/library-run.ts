import {
  type ClusterRef,
  createNodePoolClient,
  type ExistingPoolReport,
  isScalerError,
  type NodePoolClient,
  type ReconcileReport,
  reconcile,
  resolveCredential,
} from '@aks-scaler/core';
import type { ObservedReport, ProcessRecord } from './observed.js';
import { outcomeOf, type RunOutcome } from './outcome.js';
import { createPerturber } from './perturber.js';
import { collectEvidence, snapshotPools, startRunEmulator } from './run-emulator.js';
import type { ChaosScenario } from './scenario.js';

/** A run that takes longer than this is stuck: it is aborted and reported as a violation. */
const RUN_LIMIT_IN_MS = 60_000;

function observed(report: ReconcileReport): ObservedReport {
  return {
    ok: report.ok,
    dryRun: report.dryRun,
    // Decisions for pools the cluster lacks are reported without counts; the invariants cover existing pools.
    pools: report.pools
      .filter((p): p is ExistingPoolReport => p.unknownPool !== true)
      .map((p) => ({
        pool: p.pool,
        from: p.from,
        to: p.to,
        action: p.action,
        outcome: p.outcome,
        reason: p.reason,
        ...(p.error && { error: p.error }),
        ...(p.operations && { operations: p.operations }),
        ...(p.bounds && { bounds: p.bounds }),
      })),
  };
}

/** Options of {@link runLibraryScenario}. */
export interface LibraryRunOptions {
  /** Replaces the client reconcile uses, e.g. with a deliberately faulty one to prove the invariants catch it. */
  wrapClient?: (client: NodePoolClient, context: WrapContext) => NodePoolClient;
}

/** The credential type core resolves (an `@azure/core-auth` TokenCredential). */
export type ChaosCredential = ReturnType<typeof resolveCredential>['credential'];

/** What a replacement client may use. */
export interface WrapContext {
  cluster: ClusterRef;
  credential: ChaosCredential;
  armEndpoint: string;
  ca: string;
}

/** Runs one scenario with the library in-process (`reconcile` over the real SDK) and collects the evidence. */
export async function runLibraryScenario(
  scenario: ChaosScenario,
  options: LibraryRunOptions = {},
): Promise<RunOutcome> {
  const emulator = await startRunEmulator(scenario);
  const notes: string[] = [];
  try {
    const env = await emulator.workloadIdentityEnv({ cluster: scenario.clusterName });
    const perturber = createPerturber({
      scenario,
      emulator,
      tokenFile: env.AZURE_FEDERATED_TOKEN_FILE!,
      nextToken: await emulator.issueServiceAccountToken('default', 'workload-identity-sa'),
    });
    const { credential } = resolveCredential({ env, ca: emulator.caCert });
    const cluster = {
      subscriptionId: emulator.subscriptionId,
      resourceGroup: scenario.resourceGroup,
      clusterName: scenario.clusterName,
    };
    const real = createNodePoolClient({
      credential,
      env,
      ca: emulator.caCert,
      pollIntervalInMs: 5,
      retry: { maxRetries: 3, retryDelayInMs: 10, maxRetryDelayInMs: 100 },
    });
    const client = options.wrapClient
      ? options.wrapClient(real, {
          cluster,
          credential,
          armEndpoint: emulator.armEndpoint,
          ca: emulator.caCert,
        })
      : real;
    const initial = snapshotPools(emulator, scenario);
    const present = new Set(initial.pools.map((p) => p.name));
    const process: ProcessRecord = {
      label: 'library',
      startedAt: Date.now(),
      endedAt: 0,
      scope: [...new Set(scenario.decisions.map((d) => d.pool))].filter((name) => present.has(name)),
    };
    const stuck = AbortSignal.timeout(RUN_LIMIT_IN_MS);
    try {
      const report = await reconcile({
        client,
        cluster,
        policy: { name: 'chaos', evaluate: () => scenario.decisions.map((d) => ({ ...d })) },
        concurrency: scenario.concurrency,
        operationTimeoutInMs: scenario.operationTimeoutInMs,
        pollIntervalInMs: 5,
        autoscalerPools: scenario.autoscalerPools,
        startStoppedPools: scenario.startStoppedPools,
        stopAtZero: scenario.stopAtZero,
        dryRun: scenario.dryRun,
        abortSignal: stuck,
        onEvent: (event) => perturber.onEvent(event.type, 'pool' in event ? event.pool : undefined),
      });
      process.report = observed(report);
    } catch (error) {
      process.failure = isScalerError(error)
        ? { code: error.code, message: error.message }
        : { code: '', message: error instanceof Error ? error.message : String(error) };
      notes.push(
        `reconcile threw ${process.failure.code || 'a non-ScalerError'}: ${process.failure.message.slice(0, 160)}`,
      );
    }
    process.endedAt = Date.now();
    if (stuck.aborted) notes.push(`the run did not finish within ${RUN_LIMIT_IN_MS} ms`);
    const evidence = collectEvidence(emulator, scenario, initial, [process], perturber.applied);
    if (stuck.aborted) process.failure = { code: '', message: 'stuck' };
    return outcomeOf(evidence, emulator.faults.triggered, notes);
  } finally {
    await emulator.close();
  }
}
