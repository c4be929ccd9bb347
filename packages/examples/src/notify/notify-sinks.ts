import { ConfigError, type ConfigIssue } from '@aks-scaler/core/errors';
import { type NotifyConfig, webhookUrlProblem } from '@aks-scaler/policies';
import type { NotifySink } from './notify-sink.js';
import { webhookTarget } from './webhook-target.js';

/** Options of {@link resolveNotifySinks}. */
export interface ResolveNotifySinksOptions {
  /** Where `urlFromEnv` variables are read. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** The list's path in the config, for messages. @default 'notify' */
  path?: string;
}

/**
 * Turns the config's validated `notify` list into webhooks, reading each `urlFromEnv` variable. A variable that is
 * unset, or holds something that is not an https URL, is a `ConfigError` (exit 2 at start) that names the
 * variable and the config path, never the value; every problem is listed at once.
 *
 * @example
 * ```ts
 * const sinks = resolveNotifySinks(config.notify ?? [], { env: process.env });
 * ```
 */
export function resolveNotifySinks(
  entries: NotifyConfig,
  options: ResolveNotifySinksOptions = {},
): NotifySink[] {
  const env = options.env ?? process.env;
  const base = options.path ?? 'notify';
  const issues: ConfigIssue[] = [];
  const sinks: NotifySink[] = [];
  entries.forEach((entry, index) => {
    const name = `${base}[${index}]`;
    let url = entry.url;
    if (entry.urlFromEnv !== undefined) {
      const variable = entry.urlFromEnv;
      const value = env[variable]?.trim();
      const path = `${name}.urlFromEnv`;
      if (!value) {
        issues.push({
          path,
          message: `the environment variable ${variable} is not set (or empty): set it from the Secret that holds the webhook URL (env[].valueFrom.secretKeyRef in the pod spec)`,
        });
        return;
      }
      const problem = webhookUrlProblem(value);
      if (problem !== undefined) {
        issues.push({
          path,
          message: `the environment variable ${variable} does not hold a usable webhook URL: ${problem}`,
        });
        return;
      }
      url = value;
    }
    const problem = webhookUrlProblem(url);
    if (problem !== undefined || url === undefined) {
      issues.push({ path: `${name}.url`, message: problem ?? 'expected a webhook URL' });
      return;
    }
    sinks.push({ name, format: entry.format, on: [...new Set(entry.on)], target: webhookTarget(url) });
  });
  if (issues.length > 0) {
    const noun = issues.length === 1 ? 'problem' : 'problems';
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join('\n');
    throw new ConfigError(`The notification webhooks are not usable: ${issues.length} ${noun}:\n${lines}`, {
      issues,
    });
  }
  return sinks;
}
