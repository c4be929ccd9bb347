import type { ClusterRef, ExistingPoolReport, PoolReport } from '@aks-scaler/core';
import type { PodEvent } from '../pod-events.js';
import type { FleetObservation } from './fleet-observation.js';

/** The reasons of the scaler's Kubernetes Events. */
export type EventReason =
  | 'ScaledUp'
  | 'ScaledDown'
  | 'PoolStopped'
  | 'PoolStarted'
  | 'AutoscalerRangeSet'
  | 'ScaleFailed'
  | 'PoolSkipped'
  | 'OverrideActive'
  | 'OverrideExpired'
  | 'ConfigRejected';

/** One Event to record: the same reason, pool and message again raises the existing Event's count. */
export interface EventRecord {
  reason: EventReason;
  type: 'Normal' | 'Warning';
  /** What the scaler did (an Event's `action`). */
  action: string;
  /** The pool it is about, if any. */
  pool?: string;
  message: string;
}

/** An Event's message may have 1024 characters. */
const MAX_MESSAGE_LENGTH = 1024;

/**
 * The Events of one reconcile, in order: per pool, one for each operation that succeeded (`PoolStarted`,
 * `ScaledUp`/`ScaledDown`, `AutoscalerRangeSet`, `PoolStopped`), `ScaleFailed` for a failed step (naming what it
 * tried: a scale, a stop, a start, a range), and `PoolSkipped` for a skip that carries a warning. A start that
 * also scales (or sets a range) is two Events, `PoolStarted` then `ScaledUp` (or `AutoscalerRangeSet`): people
 * and alerts select Events by reason (`kubectl get events --field-selector reason=ScaledUp`), so a scale-up must
 * be found as one even when a start came first. A dry run writes nothing, so it records only the warnings.
 */
export function eventsOfFleet(fleet: FleetObservation): EventRecord[] {
  const records: EventRecord[] = [];
  for (const observed of fleet.clusters) {
    for (const report of observed.report?.pools ?? []) {
      records.push(...eventsOfPool(observed.cluster, report));
    }
  }
  return records;
}

function eventsOfPool(cluster: ClusterRef, report: PoolReport): EventRecord[] {
  const where = `${cluster.clusterName}/${report.pool}`;
  const pool = report.pool;
  const because = `: ${report.reason}`;
  if (report.outcome === 'failed') {
    const error = report.error ? ` (${report.error.code}: ${report.error.message})` : '';
    return [
      record(
        'ScaleFailed',
        'Warning',
        ACTION_OF[report.action],
        pool,
        `${where} ${failedWrite(report)} failed${error}${because}`,
      ),
    ];
  }
  if (report.outcome === 'skipped' || (report.outcome === 'planned' && report.action === 'skip')) {
    return report.warning ? [record('PoolSkipped', 'Warning', 'Skip', pool, `${where}${because}`)] : [];
  }
  if (report.outcome !== 'succeeded') return [];
  return (report.operations ?? []).map((operation) => {
    switch (operation) {
      case 'start':
        return record('PoolStarted', 'Normal', 'Start', pool, `${where} started${because}`);
      case 'stop':
        return record('PoolStopped', 'Normal', 'Stop', pool, `${where} stopped${because}`);
      case 'bounds': {
        const range = report.bounds ? ` ${rangeText(report.bounds)}` : '';
        return record(
          'AutoscalerRangeSet',
          'Normal',
          'SetAutoscalerRange',
          pool,
          `${where} autoscaler range${range}${because}`,
        );
      }
      default:
        return report.to >= report.from
          ? record('ScaledUp', 'Normal', 'Scale', pool, `${where} ${report.from} -> ${report.to}${because}`)
          : record(
              'ScaledDown',
              'Normal',
              'Scale',
              pool,
              `${where} ${report.from} -> ${report.to}${because}`,
            );
    }
  });
}

/** The Event `action` of each plan action. */
const ACTION_OF: Record<PoolReport['action'], string> = {
  scale: 'Scale',
  start: 'Start',
  stop: 'Stop',
  bounds: 'SetAutoscalerRange',
  none: 'Scale',
  skip: 'Skip',
};

/** `2..10`, as plans and reasons write a range. */
function rangeText(bounds: { minCount: number; maxCount: number }): string {
  return `${bounds.minCount}..${bounds.maxCount}`;
}

/** What a failed step tried: `2 -> 4`, `stop`, `start` (then `2 -> 4`), or `autoscaler range 2..10`. */
function failedWrite(report: ExistingPoolReport): string {
  const scale = `${report.from} -> ${report.to}`;
  const range = report.bounds ? `autoscaler range ${rangeText(report.bounds)}` : 'autoscaler range';
  const then = (report.operations ?? []).slice(1);
  switch (report.action) {
    case 'stop':
      return 'stop';
    case 'bounds':
      return range;
    case 'start':
      return then.includes('scale')
        ? `start, then ${scale}`
        : then.includes('bounds')
          ? `start, then ${range}`
          : 'start';
    default:
      return scale;
  }
}

/**
 * The Event of a pod event that is not a reconcile's report: a reloaded config that was refused
 * (`ConfigRejected`), an override that applies (`OverrideActive`) or expired (`OverrideExpired`).
 */
export function eventOfPodEvent(event: PodEvent): EventRecord | undefined {
  switch (event.kind) {
    case 'override-active':
      return record(
        'OverrideActive',
        'Normal',
        'Override',
        event.pool,
        `${event.cluster.clusterName}/${event.pool} override ${event.target} until ${event.until}${event.reason ? `: ${event.reason}` : ''}`,
      );
    case 'override-expired':
      return record(
        'OverrideExpired',
        'Warning',
        'Override',
        event.pool,
        `${event.cluster.clusterName}/${event.pool} override expired at ${event.until}; remove it`,
      );
    case 'config-rejected': {
      const problems = event.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
      return record(
        'ConfigRejected',
        'Warning',
        'Reload',
        undefined,
        `the new config was rejected, the running one is kept: ${problems}`,
      );
    }
    default:
      return undefined;
  }
}

function record(
  reason: EventReason,
  type: EventRecord['type'],
  action: string,
  pool: string | undefined,
  message: string,
): EventRecord {
  const text =
    message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 3)}...` : message;
  return { reason, type, action, ...(pool !== undefined && { pool }), message: text };
}
