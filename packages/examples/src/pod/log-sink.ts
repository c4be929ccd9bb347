import type { Logger } from '../shared/logger.js';
import { logConfigEvent } from './config-log.js';
import { logDiscovery } from './discovery-log.js';
import type { PodSink } from './event-hub.js';
import { clusterFields, logEvent, logReport } from './event-log.js';

/**
 * The log as a sink: one JSON line per reconcile event, one summary object per cluster (`"event":"finished"`), and
 * the reasons a reconcile could not run, and what became of a changed config (`"event":"config-reloaded"` or
 * `"config-rejected"`). Pino writes synchronously, so lines keep their order.
 */
export function createLogSink(logger: Logger): PodSink {
  return {
    name: 'log',
    handle(event) {
      switch (event.kind) {
        case 'scaler':
          logEvent(logger, event.event);
          return;
        case 'cluster-reconciled':
          logReport(logger, event.cluster, event.report, event.durationInMs);
          return;
        case 'cluster-failed':
          logger.error(
            { event: 'finished', ...clusterFields(event.cluster), ok: false, error: event.error },
            'reconcile failed',
          );
          return;
        case 'clusters-listed':
        case 'selector-failed':
        case 'selector-dropped':
        case 'cluster-selected-twice':
          logDiscovery(logger, event);
          return;
        case 'reconcile-failed':
          if (event.stopping && event.error.code === 'ABORTED') {
            logger.warn(
              { err: event.cause },
              'stopped before in-flight operations finished; the next run waits for them',
            );
          } else {
            logger.error({ err: event.cause }, 'reconcile failed');
          }
          return;
        case 'config-reloaded':
        case 'config-rejected':
        case 'config-unchanged':
        case 'reload-requested':
          logConfigEvent(logger, event);
          return;
        default:
          return;
      }
    },
  };
}
