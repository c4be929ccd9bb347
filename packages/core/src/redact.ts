import { isScalerError } from './errors.js';

const REDACTED = '[REDACTED]';

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Authorization headers and any "Bearer <token>".
  [/\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  // JWT-looking strings (access tokens, service-account tokens, client assertions).
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Form and query parameters that carry secrets.
  [
    /\b(client_assertion|client_secret|access_token|refresh_token|id_token|assertion)=[^&\s"'<>]+/gi,
    `$1=${REDACTED}`,
  ],
  // JSON members that carry secrets.
  [
    /("(?:access_token|refresh_token|id_token|client_secret|client_assertion|accessToken|token)"\s*:\s*)"[^"]*"/gi,
    `$1"${REDACTED}"`,
  ],
  // Signed URL parameters (ARM async-operation URLs, SAS URLs).
  [/([?&](?:sig|s|c|h|se|sv|skoid|sktid)=)[^&\s"'<>]+/g, `$1${REDACTED}`],
];

/**
 * Removes secrets from text before it is logged: bearer tokens, JWT-looking strings, `client_assertion=`,
 * `client_secret=`, `access_token` values (form or JSON), and signature parameters of signed URLs
 * (`sig`, `s`, `c`, `h` on ARM operation URLs).
 *
 * @example
 * ```ts
 * redact('Authorization: Bearer eyJhbGciOi...'); // 'Authorization: Bearer [REDACTED]'
 * ```
 */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A plain, log-safe description of an error; see {@link toSafeError}. */
export interface SafeError {
  /** The error's class name, e.g. `AuthorizationError` or `RestError`. */
  name: string;
  /** A stable code: the `ScalerError` code, or an SDK/ARM code when there is one. */
  code: string;
  /** The message, redacted. */
  message: string;
  /** The HTTP status, when the error came from a response. */
  statusCode?: number | undefined;
  /** ARM's error code (e.g. `QuotaExceeded`), when known. */
  armCode?: string | undefined;
  /** The refused ARM action, for authorization errors. */
  action?: string | undefined;
  /** The scope of the refused action, for authorization errors. */
  scope?: string | undefined;
  /** The causes, outermost first, each redacted. */
  causes?: Array<{ name: string; message: string }> | undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Turns anything thrown into a plain object that is safe to log: redacted message and causes, no request or
 * response objects (which carry headers such as `Authorization`).
 *
 * @example
 * ```ts
 * try { await reconcile(options); } catch (error) { logger.error({ err: toSafeError(error) }, 'reconcile failed'); }
 * ```
 */
export function toSafeError(error: unknown): SafeError {
  if (!(error instanceof Error)) {
    return { name: 'Error', code: 'UNKNOWN', message: redact(String(error)) };
  }
  const statusCode = field(error, 'statusCode');
  const rawCode = field(error, 'code');
  const safe: SafeError = {
    name: error.name,
    code: typeof rawCode === 'string' ? rawCode : 'UNKNOWN',
    message: redact(error.message),
  };
  if (typeof statusCode === 'number') safe.statusCode = statusCode;
  for (const key of ['armCode', 'action', 'scope'] as const) {
    const value = field(error, key);
    if (typeof value === 'string') safe[key] = redact(value);
  }
  if (!isScalerError(error) && typeof rawCode === 'string') safe.armCode = rawCode;
  const causes: Array<{ name: string; message: string }> = [];
  let cause: unknown = error.cause;
  while (cause !== undefined && causes.length < 5) {
    causes.push({
      name: cause instanceof Error ? cause.name : 'Error',
      message: redact(cause instanceof Error ? cause.message : String(cause)),
    });
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  if (causes.length > 0) safe.causes = causes;
  return safe;
}
