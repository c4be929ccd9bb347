import type { FleetReport, ReconcileReport } from '@aks-scaler/core';
import { isScalerError } from '@aks-scaler/core/errors';

/** The pod's and the CLI's exit codes (documented in docs/configuration.md). */
export const EXIT_CODES = {
  /** Every pool in scope converged, or a dry run planned. */
  ok: 0,
  /** Some operation failed or timed out. */
  failed: 1,
  /** A configuration error, found before any write. */
  config: 2,
  /** An authentication or authorization error. */
  auth: 3,
} as const;

/** One of {@link EXIT_CODES}' values. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

const AUTH_CODES = new Set(['AUTHENTICATION', 'AUTHORIZATION']);
const CONFIG_CODES = new Set(['CONFIG', 'CLUSTER_NOT_FOUND']);

/**
 * The exit code for an error that stopped a run: configuration (and a cluster that does not exist) → 2,
 * authentication/authorization → 3, anything else → 1.
 */
export function exitCodeForError(error: unknown): ExitCode {
  const code = isScalerError(error) ? error.code : undefined;
  if (code !== undefined && CONFIG_CODES.has(code)) return EXIT_CODES.config;
  if (code !== undefined && AUTH_CODES.has(code)) return EXIT_CODES.auth;
  return EXIT_CODES.failed;
}

/**
 * The exit code for finished reconciles: 0 when all are ok; 3 when a pool failed on authentication or
 * authorization (e.g. the identity may read but not write); 1 otherwise. Pools that were never started because the
 * pod was stopping (`ABORTED`) do not count as failures when `ignoreAborted` is set.
 */
export function exitCodeForReports(
  reports: readonly ReconcileReport[],
  options: { ignoreAborted?: boolean } = {},
): ExitCode {
  const failures = reports
    .flatMap((report) => report.pools)
    .filter((pool) => pool.outcome === 'failed')
    .filter((pool) => !(options.ignoreAborted && pool.error?.code === 'ABORTED'));
  if (failures.some((pool) => pool.error && AUTH_CODES.has(pool.error.code))) return EXIT_CODES.auth;
  if (failures.length > 0) return EXIT_CODES.failed;
  if (!options.ignoreAborted && reports.some((report) => !report.ok)) return EXIT_CODES.failed;
  return EXIT_CODES.ok;
}

/**
 * The exit code of a fleet reconcile: a cluster that could not be reconciled counts with its error's code
 * (authentication/authorization → 3, configuration or a missing cluster → 2, else 1), and so does each of
 * `errors` (a selector whose listing failed, like a cluster that could not be read); then the pools as in
 * {@link exitCodeForReports}. The most serious wins: 3, then 2, then 1.
 */
export function exitCodeForFleet(
  fleet: FleetReport,
  options: { ignoreAborted?: boolean; errors?: ReadonlyArray<{ code: string }> } = {},
): ExitCode {
  const codes: ExitCode[] = [];
  const errors = [
    ...fleet.clusters.flatMap((entry) => (entry.error ? [entry.error] : [])),
    ...(options.errors ?? []),
  ];
  for (const error of errors) {
    if (options.ignoreAborted && error.code === 'ABORTED') continue;
    codes.push(
      AUTH_CODES.has(error.code)
        ? EXIT_CODES.auth
        : CONFIG_CODES.has(error.code)
          ? EXIT_CODES.config
          : EXIT_CODES.failed,
    );
  }
  for (const entry of fleet.clusters) {
    if (entry.report) codes.push(exitCodeForReports([entry.report], options));
  }
  for (const code of [EXIT_CODES.auth, EXIT_CODES.config, EXIT_CODES.failed] as const) {
    if (codes.includes(code)) return code;
  }
  return EXIT_CODES.ok;
}
