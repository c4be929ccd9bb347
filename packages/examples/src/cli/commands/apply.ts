import { reconcileFleet } from '@aks-scaler/core';
import { Command } from 'commander';
import { clusterKey } from '../../pod/cluster-discovery.js';
import { type ExitCode, exitCodeForFleet } from '../../pod/exit-codes.js';
import { fleetTargets, refuseImpossiblePlan } from '../../pod/fleet-targets.js';
import type { CliIo } from '../cli-io.js';
import { loadCliSetup } from '../cli-setup.js';
import { resolveCliTargets } from '../cli-targets.js';
import { addClusterOptions, type ClusterOptions } from '../cluster-options.js';
import { createFleetProgress } from '../render/fleet-progress.js';
import { resultTable } from '../render/tables.js';
import { runAction } from '../run-action.js';

/**
 * `aks-scaler apply`: reconciles now, with live per-pool progress (from -> to, ARM state, elapsed time), then the
 * result table. Every cluster is planned (its policy evaluated once) before anything is written: a decision for a
 * pool a cluster lacks (`unknownPools: error`) or one that stops a System pool exits 2 with nothing written.
 * Ctrl-C starts nothing new and lets running operations finish; a second Ctrl-C quits at once.
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
        const targets = await resolveCliTargets(io, cli);
        const discoveredBy = new Map(targets.map((t) => [clusterKey(t.cluster), t.selector]));
        const progress = options.json
          ? undefined
          : createFleetProgress({ out: io.stdout, severalClusters: targets.length > 1 });
        const dryRun = setup.settings.dryRun;
        let fleet: Awaited<ReturnType<typeof reconcileFleet>>;
        try {
          fleet = await reconcileFleet({
            client,
            targets: fleetTargets(targets),
            concurrency: setup.concurrency,
            dryRun,
            operationTimeoutInMs: setup.settings.operationTimeoutInMs,
            pollIntervalInMs: setup.settings.pollIntervalInMs,
            drainSignal: io.signal,
            onPlan: (planned) => {
              refuseImpossiblePlan(planned);
              for (const notice of planned.notices) {
                if (notice.level === 'warning') io.stderr.write(`warning: ${notice.message}\n`);
              }
              if (!progress) return;
              const { clusterName, resourceGroup } = planned.cluster;
              const selector = discoveredBy.get(clusterKey(planned.cluster));
              io.stdout.write(
                `${dryRun ? 'Planning (dry run)' : 'Reconciling'} ${clusterName} (${resourceGroup}${selector === undefined ? '' : `, discovered by ${selector}`}) with policy ${planned.policy}\n`,
              );
              progress.plan(planned);
            },
            ...(progress && { onEvent: (event) => progress.event(event) }),
          });
        } finally {
          await progress?.close();
        }
        if (options.json) {
          const clusters = fleet.clusters.map((entry) => entry.report ?? entry);
          io.stdout.write(`${JSON.stringify({ clusters }, null, 2)}\n`);
        } else {
          for (const entry of fleet.clusters) {
            const { clusterName, resourceGroup } = entry.cluster;
            if (entry.report) {
              if (fleet.clusters.length > 1) io.stdout.write(`${clusterName} (${resourceGroup})\n`);
              io.stdout.write(`${resultTable(entry.report.pools)}\n`);
            } else if (entry.error) {
              io.stderr.write(
                `error (${entry.error.code}) in ${clusterName} (${resourceGroup}): ${entry.error.message}\n`,
              );
            }
          }
        }
        return exitCodeForFleet(fleet, { ignoreAborted: io.signal.aborted });
      }),
    );
  });
  return command;
}
