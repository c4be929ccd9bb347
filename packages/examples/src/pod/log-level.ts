import { DEFAULT_LOG_LEVEL } from './defaults.js';
import { type PodVariable, readVariable, type SettingNames } from './env-variables.js';

/** The log levels `LOG_LEVEL` accepts (pino's). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

const VARIABLE: PodVariable = 'LOG_LEVEL';

/**
 * Reads `LOG_LEVEL` (case-insensitive). An unknown level reads as the default, `info`, and is reported to `issue`
 * when given, so the pod can log its configuration problems at a level it knows before anything else is valid.
 *
 * @example
 * ```ts
 * const logger = createPodLogger({ level: readLogLevel(process.env), stdout: process.stdout });
 * ```
 */
export function readLogLevel(
  env: NodeJS.ProcessEnv,
  issue?: (path: string, message: string) => void,
  names?: SettingNames,
): LogLevel {
  const text = readVariable(env, VARIABLE)?.toLowerCase() ?? DEFAULT_LOG_LEVEL;
  if ((LOG_LEVELS as readonly string[]).includes(text)) return text as LogLevel;
  issue?.(
    names?.nameOf(VARIABLE) ?? VARIABLE,
    `${JSON.stringify(text)} is not a log level; use one of ${LOG_LEVELS.join(', ')}.`,
  );
  return DEFAULT_LOG_LEVEL;
}
