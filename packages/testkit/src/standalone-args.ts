import { parseArgs } from 'node:util';
import type { StandaloneEmulatorOptions } from './standalone.js';

/** The usage text of `pnpm emulator --help`. */
export const STANDALONE_USAGE = `Usage: pnpm emulator [options]

Serves the local ARM + Entra + OIDC-issuer emulator with the demo cluster on 127.0.0.1 until Ctrl-C, and prints
one JSON line: endpoints, ids, the federated token file and the CA file.

Options:
  --port <port>                    TCP port (default: any free port)
  --operation-duration <ms>        how long every agent-pool operation runs, in milliseconds
                                   (default: 2000 plus 300 per node added or removed)
  --power-operation-duration <ms>  how long a stop or a start of a pool runs (default: the operation duration)
  --poll-retry-after <seconds>     Retry-After on operation-status responses while an operation runs
                                   (default: none, as AKS sends; azure-cli then polls every 30 s: use 1 with az)
  -h, --help                       show this help
`;

/** What the command line asks for: options to run with, the usage text, or a problem to report (exit 2). */
export type StandaloneArgs =
  | { kind: 'run'; options: StandaloneEmulatorOptions }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

function wholeNumber(flag: string, value: string, max: number): number | string {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number > max) {
    return `${flag} takes a whole number from 0 to ${max}; got '${value}'. Example: ${flag} ${flag === '--poll-retry-after' ? 1 : 100}`;
  }
  return number;
}

/**
 * Parses the standalone emulator's flags (`pnpm emulator [options]`). Errors name the flag and the value given.
 *
 * @example
 * ```ts
 * parseStandaloneArgs(['--poll-retry-after', '1', '--operation-duration', '100']);
 * // { kind: 'run', options: { pollRetryAfterInSeconds: 1, operationDurationInMs: 100 } }
 * ```
 */
export function parseStandaloneArgs(argv: readonly string[]): StandaloneArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    // `pnpm emulator -- --flag` (the npm habit) passes the `--` through: it separates nothing here.
    parsed = parse(argv[0] === '--' ? argv.slice(1) : argv);
  } catch (error) {
    return { kind: 'error', message: `${(error as Error).message}\n\n${STANDALONE_USAGE}` };
  }
  const { values } = parsed;
  if (values.help) return { kind: 'help', text: STANDALONE_USAGE };
  const options: StandaloneEmulatorOptions = {};
  const numbers: [string, string | undefined, number, (value: number) => void][] = [
    ['--port', values.port, 65_535, (value) => (options.port = value)],
    [
      '--operation-duration',
      values['operation-duration'],
      3_600_000,
      (value) => (options.operationDurationInMs = value),
    ],
    [
      '--power-operation-duration',
      values['power-operation-duration'],
      3_600_000,
      (value) => (options.powerOperationDurationInMs = value),
    ],
    [
      '--poll-retry-after',
      values['poll-retry-after'],
      3_600,
      (value) => (options.pollRetryAfterInSeconds = value),
    ],
  ];
  for (const [flag, value, max, set] of numbers) {
    if (value === undefined) continue;
    const number = wholeNumber(flag, value, max);
    if (typeof number === 'string') return { kind: 'error', message: number };
    set(number);
  }
  return { kind: 'run', options };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      'operation-duration': { type: 'string' },
      'power-operation-duration': { type: 'string' },
      'poll-retry-after': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
