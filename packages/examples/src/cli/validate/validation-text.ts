import type { ValidationResult } from './validate-input.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The text output of `aks-scaler validate`: a one-line verdict naming what was validated, then the problems, then
 * the warnings, one `path: message` line each.
 *
 * @example
 * ```text
 * scaler.yaml is invalid: 1 problem, 1 warning
 * problems:
 *   policy.schedule.timezone: not a known IANA timezone: use a name such as 'Europe/Berlin'...
 * warnings:
 *   bounds.manualpoo3: no policy in this config names manualpoo3, so this bound never applies...
 * ```
 */
export function validationText(subject: string, result: ValidationResult): string {
  const { problems, warnings } = result;
  const counts = [
    ...(problems.length > 0 ? [plural(problems.length, 'problem')] : []),
    ...(warnings.length > 0 ? [plural(warnings.length, 'warning')] : []),
  ];
  const verdict = result.ok
    ? `${subject} is valid${warnings.length > 0 ? `, with ${plural(warnings.length, 'warning')}` : ''}`
    : `${subject} is invalid: ${counts.join(', ')}`;
  const lines = [verdict];
  if (problems.length > 0) lines.push('problems:', ...problems.map((p) => `  ${p.path}: ${p.message}`));
  if (warnings.length > 0) lines.push('warnings:', ...warnings.map((w) => `  ${w.path}: ${w.message}`));
  return `${lines.join('\n')}\n`;
}
