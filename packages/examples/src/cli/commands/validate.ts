import { Command } from 'commander';
import { readVariable } from '../../pod/env-variables.js';
import { EXIT_CODES, type ExitCode } from '../../pod/exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { type ClusterOptions, clusterInput } from '../cluster-options.js';
import { runAction } from '../run-action.js';
import { validateInput } from '../validate/validate-input.js';
import { validationText } from '../validate/validation-text.js';

/**
 * `aks-scaler validate [--config FILE] [--pools JSON] [--json]`: checks a config file (or a `NODE_POOLS_AMOUNT`
 * value) as the pod does at start, offline: no credential, no token, no request to Azure or Kubernetes. Exit code 0
 * when valid (warnings allowed), 2 when not.
 */
export function validateCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  const command = new Command('validate')
    .description(
      'check a config file (or a NODE_POOLS_AMOUNT value) as the pod would at start, offline: every problem, then warnings',
    )
    .option('--config <file>', 'the YAML/JSON scaler config to check (env SCALER_CONFIG)')
    .option(
      '--pools <json>',
      'a pool name -> node count value to check, e.g. \'{ "manualpool2": 5 }\' (env NODE_POOLS_AMOUNT)',
    )
    .option('--json', 'print { ok, problems: [{ path, message }], warnings: [{ path, message }] }')
    .addHelpText(
      'after',
      `
Nothing is sent anywhere: no credential is read, no token requested, no Azure or Kubernetes API called. Problems are
everything the pod would refuse at start from the file alone (schema, timezones, cron, windows, durations, bounds,
limits...), each with its path in the file and what is expected. Warnings do not fail the check: a schedule rule an
earlier rule always beats, an absolute window that is over, bounds for a pool no policy names, a cluster listed
twice, and variables that the config makes the pod ignore. Run it in CI or a pre-commit hook before kubectl apply.

Exit codes: 0 valid (warnings allowed), 2 invalid.

Examples:
  aks-scaler validate --config scaler.yaml
  aks-scaler validate --config deploy/overlays/prod/scaler.yaml --json
  aks-scaler validate --pools '{ "manualpool2": 5, "manualpool3": 5 }'`,
    )
    .action(async (options: Pick<ClusterOptions, 'config' | 'pools' | 'json'>) => {
      done(
        await runAction(io, options.json, async () => {
          const { env, sources } = clusterInput(io.env, options, command);
          const result = await validateInput(env, {
            sources,
            now: (io.now ?? (() => new Date()))(),
            abortSignal: io.signal,
          });
          if (options.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          else {
            const configPath = readVariable(env, 'SCALER_CONFIG');
            const subject =
              configPath ??
              (readVariable(env, 'NODE_POOLS_AMOUNT') !== undefined
                ? sources.fromFlags?.includes('NODE_POOLS_AMOUNT')
                  ? '--pools'
                  : 'NODE_POOLS_AMOUNT'
                : 'the input');
            io.stdout.write(validationText(subject, result));
          }
          return result.ok ? EXIT_CODES.ok : EXIT_CODES.config;
        }),
      );
    });
  return command;
}
