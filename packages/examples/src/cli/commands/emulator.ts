import { runStandaloneEmulator } from '@aks-scaler/testkit';
import { Command } from 'commander';
import { EXIT_CODES, type ExitCode } from '../../pod/exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { runAction } from '../run-action.js';

/**
 * `aks-scaler emulator`: the standalone emulator with the demo cluster. Prints one JSON line (endpoints, ids,
 * token and CA files) and serves until SIGINT/SIGTERM.
 */
export function emulatorCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('emulator')
    .description(
      'serve the local ARM + Entra + OIDC-issuer emulator with the demo cluster; prints one JSON line, runs until Ctrl-C',
    )
    .option('--port <port>', 'TCP port on 127.0.0.1 (default: any free port)')
    .option('--json', 'the output is always one JSON line (accepted for symmetry)')
    .action(async (options: { json?: boolean; port?: string }) => {
      done(
        await runAction(io, options.json, async () => {
          await runStandaloneEmulator({
            out: io.stdout,
            abortSignal: io.signal,
            handleSignals: false,
            ...(options.port !== undefined && { port: Number(options.port) }),
          });
          return EXIT_CODES.ok;
        }),
      );
    });
}
