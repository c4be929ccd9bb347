import { ConfigError } from '@aks-scaler/core';
import { OVERRIDE_TAGS, overrideStatuses, overrideTagValues } from '@aks-scaler/policies';
import { Command } from 'commander';
import { EXIT_CODES, type ExitCode } from '../../pod/exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { addClusterOptions, type ClusterOptions } from '../cluster-options.js';
import { runAction } from '../run-action.js';
import { poolNameIssue, readOverridePool, tagWriter } from './override-cluster.js';

/**
 * `aks-scaler override clear <pool>`: removes the pool's three override tags (and nothing else) through the safe
 * writer; a pool without them is left as it is.
 */
export function overrideClearCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  const command = new Command('clear')
    .description("remove a pool's override: its aks-scaler-* tags are deleted, every other tag is kept")
    .argument('<pool>', 'the agent pool, e.g. manualpool2');
  addClusterOptions(command).action(async (pool: string, options: ClusterOptions) => {
    done(
      await runAction(io, options.json, async () => {
        const issue = poolNameIssue(pool);
        if (issue)
          throw new ConfigError(`${issue.path}: ${issue.message}. Nothing was written.`, { issues: [issue] });
        const read = await readOverridePool(io, options, command, pool);
        const before = overrideTagValues(read.pool);
        const present = Object.values(before).some((value) => value !== undefined);
        let tags = read.pool.tags ?? {};
        if (present) {
          const removal = Object.fromEntries(OVERRIDE_TAGS.map((name) => [name, null]));
          const written = await tagWriter(read.client)(read.pool, removal, {
            abortSignal: io.signal,
            onWaiting: ({ reason }) => io.stderr.write(`waiting: ${reason}\n`),
          });
          tags = written.tags ?? {};
        }
        const now = io.now?.() ?? new Date();
        const config = overrideStatuses({
          now,
          cluster: read.cluster,
          pools: [{ ...read.pool, tags }],
          overrides: read.setup.overrides,
        }).statuses.find((status) => status.pool === pool && status.applies);
        const still = config
          ? `; the config's ${config.path} still overrides it until ${config.until} (remove it from the config to end it)`
          : '; the policy decides it from the next run';
        if (options.json) {
          io.stdout.write(
            `${JSON.stringify({ cluster: read.cluster, pool, cleared: present, removed: before, tags }, null, 2)}\n`,
          );
        } else {
          const { clusterName, resourceGroup } = read.cluster;
          io.stdout.write(
            present
              ? `${pool} of ${clusterName} (${resourceGroup}): override tags removed (${describe(before)})${still}.\n`
              : `${pool} of ${clusterName} (${resourceGroup}) has no override tags; nothing was written${still}.\n`,
          );
        }
        return EXIT_CODES.ok;
      }),
    );
  });
  return command;
}

function describe(values: ReturnType<typeof overrideTagValues>): string {
  const parts = [
    values.override ?? '(no target)',
    values.until ? `until ${values.until}` : '(no until)',
    ...(values.reason ? [`(${values.reason})`] : []),
  ];
  return `was ${parts.join(' ')}`;
}
