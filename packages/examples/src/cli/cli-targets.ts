import { realClock } from '@aks-scaler/core';
import { createClusterDiscovery } from '../pod/cluster-discovery.js';
import { type DiscoveryEvent, discoveryLines } from '../pod/discovery-log.js';
import type { ScalerTarget } from '../pod/setup.js';
import type { CliIo } from './cli-io.js';
import type { CliSetup } from './cli-setup.js';

/**
 * The clusters a command works on: those the config lists by name, then those its selectors discover now (each
 * with its own policy instance). Warnings (a selector that matches nothing, a cluster two entries select, a region
 * that is not the entry's `location`) go to stderr; a listing that fails fails the command with its error, as an
 * unreadable cluster does.
 */
export async function resolveCliTargets(io: CliIo, { setup, client }: CliSetup): Promise<ScalerTarget[]> {
  if (setup.shard !== undefined) {
    const { index, count, taken, total } = setup.shard;
    io.stderr.write(
      `note: SCALER_SHARD is set: shard ${index}/${count} takes ${taken} of the ${total} cluster entries (unset it to see every cluster)\n`,
    );
  }
  if (setup.selectors.length === 0) return setup.targets;
  const discovery = createClusterDiscovery({
    client,
    clock: realClock,
    emit: (event) => {
      if (event.kind !== 'clusters-listed' && event.kind !== 'cluster-selected-twice') return;
      for (const line of discoveryLines(event as DiscoveryEvent)) {
        if (line.level !== 'info') io.stderr.write(`warning: ${line.message}\n`);
      }
    },
  });
  const { targets, failures } = await discovery.resolve({
    selectors: setup.selectors,
    listed: setup.targets,
    abortSignal: io.signal,
  });
  const [failure] = failures;
  if (failure) throw failure.cause;
  return [...setup.targets, ...targets];
}
