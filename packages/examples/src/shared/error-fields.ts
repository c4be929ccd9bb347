import { redact } from '@aks-scaler/core';
import { isScalerError } from '@aks-scaler/core/errors';

/** An error reduced to what may be logged or printed: redacted, no stack, no cause chain with secrets. */
export interface ErrorFields {
  /** The error class, e.g. `AuthorizationError`. */
  name: string;
  /** The stable code for library errors (`CONFIG`, `AUTHORIZATION`...), `UNEXPECTED` otherwise. */
  code: string;
  /** The redacted message. */
  message: string;
  /** The refused action and scope of an authorization error. */
  action?: string;
  /** The scope of an authorization error. */
  scope?: string;
  /** ARM's error code of a failed operation. */
  armCode?: string;
  /** Every configuration problem of a `ConfigError`. */
  issues?: ReadonlyArray<{ path: string; message: string }>;
}

/**
 * Reduces any thrown value to {@link ErrorFields}, passing every string through core's redaction.
 * `withIssues: false` leaves a `ConfigError`'s issue list out (when it is logged beside the error).
 */
export function errorFields(error: unknown, options: { withIssues?: boolean } = {}): ErrorFields {
  if (!(error instanceof Error)) {
    return { name: 'Error', code: 'UNEXPECTED', message: redact(String(error)) };
  }
  const fields: ErrorFields = {
    name: error.name,
    code: isScalerError(error) ? error.code : 'UNEXPECTED',
    message: redact(error.message),
  };
  const extra = error as Error & { action?: unknown; scope?: unknown; armCode?: unknown; issues?: unknown };
  if (typeof extra.action === 'string') fields.action = extra.action;
  if (typeof extra.scope === 'string') fields.scope = extra.scope;
  if (typeof extra.armCode === 'string') fields.armCode = extra.armCode;
  if (Array.isArray(extra.issues) && (options.withIssues ?? true)) {
    fields.issues = extra.issues.map((issue: { path: string; message: string }) => ({
      path: issue.path,
      message: redact(issue.message),
    }));
  }
  return fields;
}
