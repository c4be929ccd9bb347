import { type Logger, pino } from 'pino';
import { DEFAULT_LOG_LEVEL } from '../pod/defaults.js';
import type { LogLevel } from '../pod/log-level.js';
import { errorFields } from './error-fields.js';

/** Where log lines go: anything with a synchronous-enough `write` (process.stdout, a PassThrough in tests). */
export interface LineSink {
  /** Writes one chunk (pino writes one JSON object per line). */
  write(chunk: string): unknown;
}

/** Options of {@link createPodLogger}. */
export interface CreatePodLoggerOptions {
  /** Minimum level. @default 'info' */
  level?: LogLevel;
  /** The destination. Written directly: no transport, no worker thread, so the single-file bundle works. */
  stdout: LineSink;
}

/**
 * The pod's logger: JSON lines (one object per event) with an ISO `time` and a textual `level`.
 * Errors logged under `err` are reduced to `{ name, code, message }` and redacted: never a token.
 */
export function createPodLogger(options: CreatePodLoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? DEFAULT_LOG_LEVEL,
      base: { name: 'aks-scaler' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: (e: unknown) => errorFields(e, { withIssues: false }) },
    },
    options.stdout,
  );
}

export type { Logger };
