import type { DisplayStream } from './render/progress-display.js';

/** What CLI commands read and write: injectable so the CLI runs in-process in tests. */
export interface CliIo {
  /** Standard output (results, tables, JSON). */
  stdout: DisplayStream;
  /** Standard error (errors, hints). */
  stderr: DisplayStream;
  /** The environment the options default to. */
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Extra CA certificates (PEM) to trust, besides Node's bundle and `NODE_EXTRA_CA_CERTS`. */
  ca?: string;
  /** The clock for defaults such as `preview`'s start. @default () => new Date() */
  now?: () => Date;
}
