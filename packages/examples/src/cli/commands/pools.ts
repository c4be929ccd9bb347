import { Command } from 'commander';
import { EXIT_CODES, type ExitCode } from '../../pod/exit-codes.js';
import { loadScalerSetup } from '../../pod/setup.js';
import { createScalerClient } from '../../shared/client.js';
import type { CliIo } from '../cli-io.js';
import { addClusterOptions, type ClusterOptions, envWithOptions } from '../cluster-options.js';
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
        const env = envWithOptions(io.env, options);
        const setup = await loadScalerSetup(env, { requirePolicy: false, ...(io.ca && { ca: io.ca }) });
        const client = createScalerClient(setup, { env, ...(io.ca && { ca: io.ca }) });
        const clusters = [];
        for (const target of setup.targets) {
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
