import { redact } from '@aks-scaler/core';
import type { Logger } from '../shared/logger.js';
import { clusterFields } from './event-log.js';
import type { PodEvent } from './pod-events.js';

type ConfigEvent = Extract<
  PodEvent,
  { kind: 'config-reloaded' | 'config-rejected' | 'config-unchanged' | 'reload-requested' }
>;

/**
 * The log lines of config checks: `config-reloaded` (info), `config-rejected` (error, with every problem),
 * `config-unchanged` (info when SIGHUP asked, debug at a tick) and the SIGHUP that asked.
 */
export function logConfigEvent(logger: Logger, event: ConfigEvent): void {
  switch (event.kind) {
    case 'config-reloaded':
      logger.info(
        {
          event: 'config-reloaded',
          path: event.path,
          hash: event.hash,
          ...(event.previousHash !== undefined && { previousHash: event.previousHash }),
          reason: event.reason,
          clusters: event.clusters.map(({ cluster, ...rest }) => ({ ...clusterFields(cluster), ...rest })),
          ...(event.warnings.length > 0 && { warnings: event.warnings }),
        },
        'config reloaded; the next reconcile uses it',
      );
      return;
    case 'config-rejected':
      logger.error(
        {
          event: 'config-rejected',
          path: event.path,
          ...(event.hash !== undefined && { hash: event.hash }),
          ...(event.runningHash !== undefined && { runningHash: event.runningHash }),
          reason: event.reason,
          problems: event.problems.map(({ path, message }) => ({ path, message: redact(message) })),
        },
        'the changed config is invalid; the running config stays: fix every problem listed',
      );
      return;
    case 'config-unchanged': {
      const fields = {
        event: 'config-unchanged',
        path: event.path,
        hash: event.hash,
        reason: event.reason,
        running: event.running,
      };
      const message = event.running
        ? 'config checked: the running config is current'
        : 'config checked: unchanged since it was rejected';
      if (event.reason === 'signal') logger.info(fields, message);
      else logger.debug(fields, message);
      return;
    }
    case 'reload-requested':
      logger.info(
        { event: 'reload-requested', deferred: event.deferred },
        event.deferred
          ? 'SIGHUP: the config is checked when the running reconcile ends (operations in flight are never interrupted)'
          : 'SIGHUP: checking the config now',
      );
      return;
  }
}
