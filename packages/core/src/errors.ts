/**
 * Every error aks-scaler throws. Imports nothing from Azure, so policies and tools can use it cheaply
 * (`import { ConfigError } from '@aks-scaler/core/errors'`).
 *
 * Messages say what to do next and never contain a token, secret or client assertion.
 * @module
 */

/** Stable codes carried by {@link ScalerError.code}. */
export type ScalerErrorCode =
  | 'CONFIG'
  | 'AUTHENTICATION'
  | 'AUTHORIZATION'
  | 'POOL_NOT_FOUND'
  | 'CLUSTER_NOT_FOUND'
  | 'OPERATION_CONFLICT'
  | 'OPERATION_FAILED'
  | 'OPERATION_TIMEOUT'
  | 'THROTTLED'
  | 'ABORTED'
  | 'ARM_REQUEST'
  | 'METRIC_SOURCE';

/** Options shared by every {@link ScalerError}. */
export interface ScalerErrorOptions {
  /** The underlying error. Kept for debugging; it is redacted before any log line is written. */
  cause?: unknown;
}

/**
 * An HTTP error from the Azure SDK (`RestError`) keeps the request it failed on, whose `Authorization` header holds
 * the bearer token, and the raw response. A cause is kept for debugging, so keep its name, message, code, status
 * and stack, and drop the transport objects: whoever logs `error.cause` must not log a token.
 */
function withoutTransport(cause: unknown): unknown {
  if (!(cause instanceof Error) || !('request' in cause || 'response' in cause)) return cause;
  const copy = new Error(cause.message) as Error & { code?: unknown; statusCode?: unknown };
  copy.name = cause.name;
  if (cause.stack !== undefined) copy.stack = cause.stack;
  const { code, statusCode } = cause as { code?: unknown; statusCode?: unknown };
  if (code !== undefined) copy.code = code;
  if (statusCode !== undefined) copy.statusCode = statusCode;
  return copy;
}

/** The base of every error the library throws; `code` is stable and safe to branch on. */
export class ScalerError extends Error {
  /** A stable machine-readable code. */
  readonly code: ScalerErrorCode;

  constructor(code: ScalerErrorCode, message: string, options: ScalerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: withoutTransport(options.cause) });
    this.name = new.target.name;
    this.code = code;
  }
}

/** One problem found in configuration. */
export interface ConfigIssue {
  /** Where the problem is, e.g. `NODE_POOLS_AMOUNT.manualpool2` or `policy.max[1].schedule.timezone`. */
  path: string;
  /** What is wrong and what is expected. */
  message: string;
}

/** Bad input (env variables, config file, arguments). Nothing was written to Azure. */
export class ConfigError extends ScalerError {
  /** Every problem found, so users can fix them all at once. */
  readonly issues: readonly ConfigIssue[];

  constructor(
    message: string,
    options: ScalerErrorOptions & { issues?: readonly ConfigIssue[] | undefined } = {},
  ) {
    super('CONFIG', message, options);
    this.issues = options.issues ?? [];
  }
}

/** A credential could not get a token (unfederated identity, missing token file, wrong tenant...). */
export class AuthenticationError extends ScalerError {
  constructor(message: string, options: ScalerErrorOptions = {}) {
    super('AUTHENTICATION', message, options);
  }
}

/** ARM refused an action (403). Names the missing action and the scope it is needed on. */
export class AuthorizationError extends ScalerError {
  /** The ARM action that was refused, e.g. `Microsoft.ContainerService/managedClusters/agentPools/write`. */
  readonly action?: string;
  /** The scope the action was refused on. */
  readonly scope?: string;

  constructor(
    message: string,
    options: ScalerErrorOptions & { action?: string | undefined; scope?: string | undefined } = {},
  ) {
    super('AUTHORIZATION', message, options);
    this.action = options.action;
    this.scope = options.scope;
  }
}

/** The managed cluster does not exist (or the identity cannot see it). */
export class ClusterNotFoundError extends ScalerError {
  constructor(message: string, options: ScalerErrorOptions = {}) {
    super('CLUSTER_NOT_FOUND', message, options);
  }
}

/** A named pool does not exist in the cluster. */
export class PoolNotFoundError extends ScalerError {
  /** The pool that was not found. */
  readonly pool: string;

  constructor(pool: string, message: string, options: ScalerErrorOptions = {}) {
    super('POOL_NOT_FOUND', message, options);
    this.pool = pool;
  }
}

/**
 * Why a write conflicted: `busy` (another operation kept the pool busy, ARM `409 OperationNotAllowed`) or
 * `changed` (the pool changed since it was read: ARM `412 PreconditionFailed` on `If-Match`).
 */
export type ConflictReason = 'busy' | 'changed';

/** Another operation kept the pool busy (409) or its eTag kept changing (412) for longer than allowed. */
export class OperationConflictError extends ScalerError {
  /** Whether the pool was busy or had changed. */
  readonly reason: ConflictReason;
  /**
   * The pool as it is now, when the client already read it (e.g. after waiting for a foreign operation).
   * Typed loosely so this module stays free of other imports; it is a `NodePool`.
   */
  readonly latest?: unknown;

  constructor(
    message: string,
    options: ScalerErrorOptions & { reason?: ConflictReason | undefined; latest?: unknown | undefined } = {},
  ) {
    super('OPERATION_CONFLICT', message, options);
    this.reason = options.reason ?? 'busy';
    this.latest = options.latest;
  }
}

/** A long-running operation ended `Failed` or `Canceled`, or ARM rejected the write. */
export class OperationFailedError extends ScalerError {
  /** ARM's error code, e.g. `QuotaExceeded`, when it gave one. */
  readonly armCode?: string;

  constructor(message: string, options: ScalerErrorOptions & { armCode?: string | undefined } = {}) {
    super('OPERATION_FAILED', message, options);
    this.armCode = options.armCode;
  }
}

/** An operation did not reach a terminal state within the operation timeout. */
export class OperationTimeoutError extends ScalerError {
  constructor(message: string, options: ScalerErrorOptions = {}) {
    super('OPERATION_TIMEOUT', message, options);
  }
}

/** ARM kept answering 429 after the client's retries. */
export class ThrottledError extends ScalerError {
  /** How long ARM asked to wait, when it said. */
  readonly retryAfterInMs?: number;

  constructor(message: string, options: ScalerErrorOptions & { retryAfterInMs?: number | undefined } = {}) {
    super('THROTTLED', message, options);
    this.retryAfterInMs = options.retryAfterInMs;
  }
}

/** The caller aborted the work through its `abortSignal`. */
export class AbortedError extends ScalerError {
  constructor(message = 'The operation was aborted.', options: ScalerErrorOptions = {}) {
    super('ABORTED', message, options);
  }
}

/** Any other ARM request failure (5xx after retries, an unexpected body...). */
export class ArmRequestError extends ScalerError {
  /** The HTTP status, when there was a response. */
  readonly statusCode?: number;

  constructor(message: string, options: ScalerErrorOptions & { statusCode?: number | undefined } = {}) {
    super('ARM_REQUEST', message, options);
    this.statusCode = options.statusCode;
  }
}

/** Whether `error` is one of ours. */
export function isScalerError(error: unknown): error is ScalerError {
  return error instanceof ScalerError;
}
