import { closestPoolName } from '@aks-scaler/core';
import { type OverrideStatus, overrideStatuses } from '@aks-scaler/policies';
import { Command } from 'commander';
import { EXIT_CODES, type ExitCode } from '../../pod/exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { loadCliSetup } from '../cli-setup.js';
import { resolveCliTargets } from '../cli-targets.js';
import { addClusterOptions, type ClusterOptions } from '../cluster-options.js';
import { overridesTable } from '../render/tables.js';
import { runAction } from '../run-action.js';

/**
 * `aks-scaler override list`: the overrides of each cluster (listed, or discovered by a selector), from the pools'
 * tags and the config's `overrides`,
 * with their state (active, expired, invalid), which one decides each pool, and what to fix. Writes nothing.
 */
export function overrideListCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  const command = new Command('list').description(
    "list the overrides of the pools' tags and of the config, with their state and what to fix (writes nothing)",
  );
  addClusterOptions(command).action(async (options: ClusterOptions) => {
    done(
      await runAction(io, options.json, async () => {
        const cli = await loadCliSetup(io, options, command, { requirePolicy: false });
        const { setup, client } = cli;
        const now = io.now?.() ?? new Date();
        const clusters = [];
        for (const target of await resolveCliTargets(io, cli)) {
          const pools = await client.listPools(target.cluster, { abortSignal: io.signal });
          const names = pools.map((pool) => pool.name);
          const overrides: OverrideStatus[] = overrideStatuses({
            now,
            cluster: target.cluster,
            pools,
            overrides: setup.overrides,
          }).statuses.map((status) => (names.includes(status.pool) ? status : absent(status, names)));
          clusters.push({ cluster: target.cluster, overrides });
          if (!options.json) {
            const { clusterName, resourceGroup } = target.cluster;
            io.stdout.write(
              overrides.length === 0
                ? `${clusterName} (${resourceGroup}): no overrides\n`
                : `${clusterName} (${resourceGroup}) at ${now.toISOString()}\n${overridesTable(overrides)}\n`,
            );
          }
        }
        if (options.json)
          io.stdout.write(`${JSON.stringify({ at: now.toISOString(), clusters }, null, 2)}\n`);
        return EXIT_CODES.ok;
      }),
    );
  });
  return command;
}

/** A config override naming a pool the cluster lacks: the scaler refuses such a decision, so say how to fix it. */
function absent(status: OverrideStatus, names: readonly string[]): OverrideStatus {
  if (status.state !== 'active') return status;
  const suggestion = closestPoolName(status.pool, names);
  return {
    ...status,
    applies: false,
    note: `the cluster has no pool named '${status.pool}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; fix ${status.path} in the config`,
  };
}
