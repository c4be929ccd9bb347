import type { ConfigIssue } from '@aks-scaler/core';

const POD_SPEC_FIX = /,? in a Pod spec, quote the whole value: value: '([^']*)'/g;

/**
 * Retells problems that `@aks-scaler/policies` reports for a variable (`NODE_POOLS_AMOUNT`) in the words of the flag
 * the value came from (`--pools`): the path names the flag, and the quoting fix is the shell's, not a Pod spec's.
 *
 * @example
 * ```ts
 * inFlagWords(error.issues, 'NODE_POOLS_AMOUNT', '--pools');
 * // [{ path: '--pools', message: "... quote the whole value for the shell: --pools '{ \"manualpool2\": 5 }' ..." }]
 * ```
 */
export function inFlagWords(issues: readonly ConfigIssue[], variable: string, flag: string): ConfigIssue[] {
  return issues.map((issue) => ({
    path: issue.path.startsWith(variable) ? `${flag}${issue.path.slice(variable.length)}` : issue.path,
    message: issue.message
      .replaceAll(POD_SPEC_FIX, ` quote the whole value for the shell: ${flag} '$1'`)
      .replaceAll(variable, flag),
  }));
}
