import { type ExitCode, exitCodeForError } from '../pod/exit-codes.js';
import { errorFields } from '../shared/error-fields.js';
import type { CliIo } from './cli-io.js';

/**
 * Runs a command's body and turns what it throws into the pod's exit codes: the error goes to stderr (every
 * configuration problem listed), or to stdout as `{ "error": {...} }` with `--json`. Never a token.
 */
export async function runAction(
  io: CliIo,
  json: boolean | undefined,
  body: () => Promise<ExitCode>,
): Promise<ExitCode> {
  try {
    return await body();
  } catch (error) {
    const fields = errorFields(error);
    if (json) io.stdout.write(`${JSON.stringify({ error: fields }, null, 2)}\n`);
    else io.stderr.write(`error (${fields.code}): ${fields.message}\n`);
    return exitCodeForError(error);
  }
}
