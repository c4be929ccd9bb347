import { Command } from 'commander';
import { EXIT_CODES, type ExitCode } from '../pod/exit-codes.js';
import { EXAMPLES_VERSION } from '../version.js';
import type { CliIo } from './cli-io.js';
import { applyCommand } from './commands/apply.js';
import { demoCommand } from './commands/demo.js';
import { emulatorCommand } from './commands/emulator.js';
import { overrideCommand } from './commands/override.js';
import { planCommand } from './commands/plan.js';
import { poolsCommand } from './commands/pools.js';
import { previewCommand } from './commands/preview.js';
import { pricesCommand } from './commands/prices.js';
import { validateCommand } from './commands/validate.js';

/**
 * Runs the `aks-scaler` CLI with `argv` (without `node` and the script) and resolves with the exit code:
 * 0 ok, 1 an operation failed, 2 configuration (or usage) error, 3 authentication/authorization.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = EXIT_CODES.ok;
  const done = (c: ExitCode) => {
    code = c;
  };
  const program = new Command('aks-scaler')
    .description(
      "Keep AKS node pools at the sizes a policy asks for. Options default to the scaler pod's environment variables (SUBSCRIPTION, RESOURCE_GROUP, CLUSTER_NAME, NODE_POOLS_AMOUNT, SCALER_CONFIG...).",
    )
    .version(EXAMPLES_VERSION)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Exit codes: 0 converged (or planned), 1 an operation failed or timed out, 2 configuration error, 3 authentication
or authorization error.

Examples:
  aks-scaler demo
  aks-scaler validate --config scaler.yaml
  aks-scaler pools --subscription <id> --resource-group myResourceGroup --cluster myManagedCluster
  aks-scaler plan --pools '{ "manualpool2": 5, "manualpool3": 5 }' --at 2026-12-24T09:00:00Z
  aks-scaler apply --config scaler.yaml --dry-run
  aks-scaler preview --config scaler.yaml --timezone Europe/Berlin --out week.svg
  aks-scaler override set manualpool2 pause --until 2026-12-07T08:00:00+01:00 --reason "deploy freeze"
  aks-scaler prices --region westeurope --sizes Standard_D2s_v5 --out prices.json`,
    );
  for (const make of [
    validateCommand,
    poolsCommand,
    planCommand,
    applyCommand,
    previewCommand,
    overrideCommand,
    pricesCommand,
    emulatorCommand,
    demoCommand,
  ]) {
    // Output, exit and help settings reach subcommands only when copied (addCommand does not inherit them).
    const command = make(io, done).copyInheritedSettings(program);
    for (const sub of command.commands) sub.copyInheritedSettings(command);
    program.addCommand(command);
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    const exitCode = (error as { exitCode?: number }).exitCode;
    const commanderCode = (error as { code?: string }).code;
    if (commanderCode === 'commander.helpDisplayed' || commanderCode === 'commander.version')
      return EXIT_CODES.ok;
    if (commanderCode === 'commander.help') return EXIT_CODES.ok;
    return exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.config;
  }
  return code;
}
