import type { CliIo } from '../../src/index.js';

/** A `CliIo` whose output is kept in memory, for running the CLI in this process. */
export interface CapturedIo {
  /** Pass to `runCli`. */
  io: CliIo;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
}

/** A `CliIo` writing to memory; `stderrIsTty` makes stderr look like a terminal. */
export function capturedIo(
  env: NodeJS.ProcessEnv = {},
  extra: { ca?: string; now?: () => Date; stderrIsTty?: boolean } = {},
): CapturedIo {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk), isTTY: extra.stderrIsTty ?? false },
      env,
      signal: new AbortController().signal,
      ...(extra.ca !== undefined && { ca: extra.ca }),
      ...(extra.now !== undefined && { now: extra.now }),
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}
