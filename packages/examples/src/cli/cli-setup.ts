import type { NodePoolClient } from '@aks-scaler/core';
import type { Command } from 'commander';
import { loadScalerSetup, type ScalerSetup } from '../pod/setup.js';
import { createScalerClient } from '../shared/client.js';
import type { CliIo } from './cli-io.js';
import { type ClusterOptions, clusterInput } from './cluster-options.js';

/** A command's validated setup and its client. */
export interface CliSetup {
  /** The setup, read from the flags laid over the environment. */
  setup: ScalerSetup;
  /** The node-pool client for it. */
  client: NodePoolClient;
}

/**
 * Reads and validates a command's setup from its flags and the environment (problems name the flag or variable the
 * user gave), prints the setup's warnings to stderr, and builds the client.
 */
export async function loadCliSetup(
  io: CliIo,
  options: ClusterOptions,
  command: Command,
  kinds: { requirePolicy?: boolean } = {},
): Promise<CliSetup> {
  const { env, sources } = clusterInput(io.env, options, command);
  const setup = await loadScalerSetup(env, {
    sources,
    ...(kinds.requirePolicy !== undefined && { requirePolicy: kinds.requirePolicy }),
    ...(io.ca !== undefined && { ca: io.ca }),
    ...(io.now !== undefined && { now: io.now }),
  });
  for (const warning of setup.warnings) io.stderr.write(`warning: ${warning}\n`);
  const client = createScalerClient(setup, { env, ...(io.ca !== undefined && { ca: io.ca }) });
  return { setup, client };
}
