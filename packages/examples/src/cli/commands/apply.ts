import { planReconcile, type ReconcileReport, reconcile } from '@aks-scaler/core';
import { Command } from 'commander';
import { type ExitCode, exitCodeForReports } from '../../pod/exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { loadCliSetup } from '../cli-setup.js';
import { resolveCliTargets } from '../cli-targets.js';
import { addClusterOptions, type ClusterOptions } from '../cluster-options.js';
import { progressEventOf } from '../render/pool-progress.js';
import { createProgressDisplay } from '../render/progress-display.js';
import { resultTable } from '../render/tables.js';
import { runAction } from '../run-action.js';

/**
 * `aks-scaler apply`: reconciles now, with live per-pool progress (from -> to, ARM state, elapsed time), then the
 * result table. Ctrl-C starts nothing new and lets running operations finish; a second Ctrl-C quits at once.
 */
export function applyCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  const command = new Command('apply').description(
    'reconcile the pools to the policy now, showing per-pool progress (exit 0 converged, 1 failed, 2 config, 3 auth)',
  );
  addClusterOptions(command, { policy: true, write: true }).action(async (options: ClusterOptions) => {
    done(
      await runAction(io, options.json, async () => {
        const cli = await loadCliSetup(io, options, command);
        const { setup, client } = cli;
        const reports: ReconcileReport[] = [];
        for (const target of await resolveCliTargets(io, cli)) {
          const now = new Date();
          const pools = await client.listPools(target.cluster, { abortSignal: io.signal });
          const decisions = await target.policy.evaluate({ now, cluster: target.cluster, pools });
          const planOptions = {
            ...(target.autoscalerPools !== undefined && { autoscalerPools: target.autoscalerPools }),
          };
          const preview = planReconcile(pools, decisions, planOptions);
          if (!options.json) {
            const { clusterName, resourceGroup } = target.cluster;
            io.stdout.write(
              `${setup.settings.dryRun ? 'Planning (dry run)' : 'Reconciling'} ${clusterName} (${resourceGroup}${target.selector === undefined ? '' : `, discovered by ${target.selector}`}) with policy ${target.policy.name}\n`,
            );
          }
          const display = options.json
            ? undefined
            : createProgressDisplay({ pools: preview.steps.map((s) => s.pool), out: io.stdout });
          const report = await reconcile({
            client,
            cluster: target.cluster,
            policy: target.policy,
            concurrency: setup.concurrency,
            dryRun: setup.settings.dryRun,
            operationTimeoutInMs: setup.settings.operationTimeoutInMs,
            pollIntervalInMs: setup.settings.pollIntervalInMs,
            drainSignal: io.signal,
            ...planOptions,
            onEvent: (event) => {
              const progress = progressEventOf(event);
              if (display && progress) display.update(progress);
            },
          });
          await display?.close();
          reports.push(report);
          if (!options.json) io.stdout.write(`${resultTable(report.pools)}\n`);
        }
        if (options.json) io.stdout.write(`${JSON.stringify({ clusters: reports }, null, 2)}\n`);
        return exitCodeForReports(reports, { ignoreAborted: io.signal.aborted });
      }),
    );
  });
  return command;
}
