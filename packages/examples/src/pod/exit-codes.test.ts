import {
  AbortedError,
  AuthenticationError,
  AuthorizationError,
  ClusterNotFoundError,
  ConfigError,
  OperationFailedError,
  OperationTimeoutError,
  type ReconcileReport,
  ThrottledError,
} from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { exitCodeForError, exitCodeForFleet, exitCodeForReports } from './exit-codes.js';

const report = (
  pools: ReconcileReport['pools'],
  ok = pools.every((p) => p.outcome !== 'failed'),
): ReconcileReport => ({
  ok,
  pools,
  dryRun: false,
  startedAt: new Date(0),
  finishedAt: new Date(0),
});
const pool = (outcome: 'succeeded' | 'failed' | 'planned', code?: string) => ({
  pool: 'p',
  from: 1,
  to: 5,
  action: 'scale' as const,
  reason: 'r',
  outcome,
  ...(code && { error: { code, message: 'm' } }),
});

describe('exit codes', () => {
  it.each([
    [new ConfigError('bad'), 2],
    [new ClusterNotFoundError('no such cluster'), 2],
    [new AuthenticationError('no token'), 3],
    [new AuthorizationError('no write'), 3],
    [new OperationFailedError('failed'), 1],
    [new OperationTimeoutError('slow'), 1],
    [new ThrottledError('429'), 1],
    [new Error('unexpected'), 1],
  ])('%s exits %d', (error, code) => {
    expect(exitCodeForError(error)).toBe(code);
  });

  it('0 when every pool converged or was planned', () => {
    expect(exitCodeForReports([report([pool('succeeded'), pool('planned')])])).toBe(0);
  });

  it('1 when an operation failed, 3 when it failed on authorization', () => {
    expect(exitCodeForReports([report([pool('succeeded'), pool('failed', 'OPERATION_FAILED')])])).toBe(1);
    expect(
      exitCodeForReports([report([pool('failed', 'OPERATION_FAILED'), pool('failed', 'AUTHORIZATION')])]),
    ).toBe(3);
  });

  it('pools left unstarted by a stop request do not fail the run when ignored', () => {
    const stopped = [report([pool('succeeded'), pool('failed', new AbortedError().code)])];
    expect(exitCodeForReports(stopped)).toBe(1);
    expect(exitCodeForReports(stopped, { ignoreAborted: true })).toBe(0);
  });

  it('a selector whose listing failed counts like a cluster that could not be read; the most serious wins', () => {
    const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'aks' };
    const fleet = { ok: true, dryRun: false, startedAt: new Date(0), finishedAt: new Date(0) };
    const converged = { ...fleet, clusters: [{ cluster, report: report([pool('succeeded')]) }] };
    expect(exitCodeForFleet(converged)).toBe(0);
    expect(exitCodeForFleet(converged, { errors: [{ code: 'ARM_REQUEST' }] })).toBe(1);
    expect(exitCodeForFleet(converged, { errors: [{ code: 'CLUSTER_NOT_FOUND' }] })).toBe(2);
    expect(
      exitCodeForFleet(converged, { errors: [{ code: 'ARM_REQUEST' }, { code: 'AUTHORIZATION' }] }),
    ).toBe(3);
    expect(exitCodeForFleet(converged, { errors: [{ code: 'ABORTED' }], ignoreAborted: true })).toBe(0);
  });
});
