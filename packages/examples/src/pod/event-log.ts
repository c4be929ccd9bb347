import { type ClusterRef, type ReconcileReport, redact, type ScalerEvent } from '@aks-scaler/core';
import type { Logger } from '../shared/logger.js';

/**
 * The fields that name a cluster in every log line: `subscription`, `resourceGroup` and `cluster` (its name), so
 * two clusters of the same name in different resource groups or subscriptions stay apart.
 */
export function clusterFields(cluster: ClusterRef): {
  subscription: string;
  resourceGroup: string;
  cluster: string;
} {
  return {
    subscription: cluster.subscriptionId,
    resourceGroup: cluster.resourceGroup,
    cluster: cluster.clusterName,
  };
}

/**
 * Writes one log object per reconcile event. Every object carries `event` (the event type; a policy's notice is
 * named by its code, e.g. `override-expired`, and logged at `warn` when it is a warning), the cluster's fields
 * (`subscription`, `resourceGroup`, `cluster`) and, for pool events, `pool`, so tools (the demo, log queries) can
 * follow progress from the log alone.
 */
export function logEvent(logger: Logger, event: ScalerEvent): void {
  const base = { event: event.type, ...clusterFields(event.cluster) };
  switch (event.type) {
    case 'notice': {
      // Named by what happened (`override-expired`...), so log queries find it by its code.
      const fields = {
        ...base,
        event: event.code,
        ...(event.pool !== undefined && { pool: event.pool }),
        ...(event.details !== undefined && { details: event.details }),
      };
      if (event.level === 'warning') logger.warn(fields, redact(event.message));
      else logger.info(fields, redact(event.message));
      return;
    }
    case 'planned':
      logger.info(
        {
          ...base,
          pool: event.pool,
          from: event.from,
          to: event.to,
          action: event.action,
          reason: event.reason,
          ...(event.power !== undefined && { power: event.power }),
          ...(event.bounds !== undefined && { bounds: event.bounds }),
        },
        'pool planned',
      );
      return;
    case 'waiting':
      logger.info(
        {
          ...base,
          pool: event.pool,
          provisioningState: event.provisioningState,
          reason: redact(event.reason),
        },
        'waiting for pool',
      );
      return;
    case 'started':
      logger.info({ ...base, pool: event.pool, from: event.from, to: event.to }, 'operation started');
      return;
    case 'progress':
      logger.debug(
        {
          ...base,
          pool: event.pool,
          count: event.state.count,
          provisioningState: event.state.provisioningState,
          powerState: event.state.powerState,
        },
        'operation progress',
      );
      return;
    case 'succeeded':
      logger.info(
        { ...base, pool: event.pool, from: event.from, to: event.to, durationInMs: event.durationInMs },
        'operation succeeded',
      );
      return;
    case 'failed':
      logger.error(
        {
          ...base,
          pool: event.pool,
          error: { code: event.code, message: redact(event.message) },
          durationInMs: event.durationInMs,
        },
        'operation failed',
      );
      return;
    case 'skipped':
      logger.info({ ...base, pool: event.pool, reason: event.reason }, 'pool skipped');
      return;
    case 'retry':
      logger.warn(
        { ...base, pool: event.pool, reason: redact(event.reason), delayInMs: event.delayInMs },
        'retrying',
      );
      return;
    case 'finished':
      return; // the summary object is written by logReport, with the duration
    default:
      logger.debug({ ...base }, 'event');
  }
}

/** The summary object of one reconcile: `{ msg: 'reconcile finished', ok, dryRun, durationInMs, pools }`. */
export function logReport(
  logger: Logger,
  cluster: ClusterRef,
  report: ReconcileReport,
  durationInMs: number,
): void {
  const pools = report.pools.map((pool) => ({
    pool: pool.pool,
    from: pool.from,
    to: pool.to,
    action: pool.action,
    outcome: pool.outcome,
    reason: pool.reason,
    ...(pool.power !== undefined && { power: pool.power }),
    ...(pool.operations !== undefined && { operations: pool.operations }),
    ...(pool.bounds !== undefined && { bounds: pool.bounds }),
    ...(pool.override !== undefined && { override: pool.override }),
    ...(pool.error && { error: { code: pool.error.code, message: redact(pool.error.message) } }),
    ...(pool.durationInMs !== undefined && { durationInMs: pool.durationInMs }),
  }));
  const fields = {
    event: 'finished',
    ...clusterFields(cluster),
    ok: report.ok,
    dryRun: report.dryRun,
    durationInMs,
    pools,
  };
  if (report.ok) logger.info(fields, 'reconcile finished');
  else logger.error(fields, 'reconcile finished');
}
