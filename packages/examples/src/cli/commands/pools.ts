import { Command } from 'commander';
import { EXIT_CODES, type ExitCode } from '../../pod/exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { loadCliSetup } from '../cli-setup.js';
import { resolveCliTargets } from '../cli-targets.js';
import { addClusterOptions, type ClusterOptions } from '../cluster-options.js';
import { poolsTable } from '../render/tables.js';
import { runAction } from '../run-action.js';

/** `aks-scaler pools`: the cluster's node pools as a table (or JSON). */
export function poolsCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  const command = new Command('pools').description(
    "list the cluster's node pools: mode, count, autoscaler bounds, power and provisioning state, VM size",
  );
  addClusterOptions(command).action(async (options: ClusterOptions) => {
    done(
      await runAction(io, options.json, async () => {
        const cli = await loadCliSetup(io, options, command, { requirePolicy: false });
        const { client } = cli;
        const clusters = [];
        for (const target of await resolveCliTargets(io, cli)) {
          const pools = await client.listPools(target.cluster, { abortSignal: io.signal });
          clusters.push({ cluster: target.cluster, pools: pools.map(({ cluster: _, ...pool }) => pool) });
          if (!options.json) {
            io.stdout.write(
              `${target.cluster.clusterName} (${target.cluster.resourceGroup})\n${poolsTable(pools)}\n`,
            );
          }
        }
        if (options.json) io.stdout.write(`${JSON.stringify({ clusters }, null, 2)}\n`);
        return EXIT_CODES.ok;
      }),
    );
  });
  return command;
}
