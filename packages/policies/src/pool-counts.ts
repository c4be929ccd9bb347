import { isPoolName, MAX_POOL_COUNT } from '@aks-scaler/core/common';
import { ConfigError, type ConfigIssue } from '@aks-scaler/core/errors';

/** Describes a value for an error message without echoing huge inputs. */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
  else if (value === undefined) text = 'undefined';
  else if (Array.isArray(value)) text = 'an array';
  else text = `a ${typeof value}`;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The problems with one pool -> count entry, if any. */
export function poolCountIssues(path: string, pool: string, count: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!isPoolName(pool)) {
    issues.push({
      path,
      message: `pool name ${describeValue(pool)} is not a valid AKS pool name: use 1-12 lowercase letters or digits, starting with a letter (^[a-z][a-z0-9]{0,11}$)`,
    });
  }
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_POOL_COUNT) {
    issues.push({
      path,
      message: `count ${describeValue(count)} for pool ${describeValue(pool)} must be an integer from 0 to ${MAX_POOL_COUNT}`,
    });
  }
  return issues;
}

/** Formats issues as the lines of a `ConfigError` message. */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join('\n');
}

/** One `ConfigError` listing every issue under a title such as `Invalid schedule`. */
export function configError(title: string, issues: readonly ConfigIssue[]): ConfigError {
  const noun = issues.length === 1 ? 'problem' : 'problems';
  return new ConfigError(`${title}: ${issues.length} ${noun}:\n${formatIssues(issues)}`, {
    issues: [...issues],
  });
}

/** Throws one `ConfigError` listing every issue, when there are any. */
export function throwIfIssues(title: string, issues: readonly ConfigIssue[]): void {
  if (issues.length > 0) throw configError(title, issues);
}
