import type { FleetObservation } from './fleet-observation.js';
import type { StateDocument } from './state-document.js';
import { buildStatus, parsePreviousStatus, type StatusDocument } from './status-document.js';
import { renderStatusText } from './status-text.js';

/** What Kubernetes allows in a ConfigMap's data: 1 MiB, keys and values together. */
export const MAX_CONFIGMAP_DATA_BYTES = 1024 * 1024;

/** The status ConfigMap's keys. */
export const STATUS_KEYS = { status: 'status.json', text: 'status.txt', state: 'state.json' } as const;

/** The data of the status ConfigMap after a reconcile, and how many history entries had to go to fit. */
export interface StatusData {
  data: Record<string, string>;
  status: StatusDocument;
  /** History entries dropped to stay within {@link MAX_CONFIGMAP_DATA_BYTES} (0 almost always). */
  trimmed: number;
}

/**
 * The ConfigMap's data after one reconcile: `status.json` (with the history read back from `previous` and
 * appended), `status.txt` and `state.json`. Over 1 MiB, the oldest history entries go first.
 */
export function statusData(
  fleet: FleetObservation,
  previous: Record<string, string> | undefined,
  state: StateDocument,
  now: Date,
  maxBytes = MAX_CONFIGMAP_DATA_BYTES,
): StatusData {
  const status = buildStatus(fleet, parsePreviousStatus(previous?.[STATUS_KEYS.status]), now);
  const stateText = JSON.stringify(state);
  const render = (document: StatusDocument) => ({
    [STATUS_KEYS.status]: JSON.stringify(document),
    [STATUS_KEYS.text]: renderStatusText(document),
    [STATUS_KEYS.state]: stateText,
  });
  let data = render(status);
  let kept = status.history.length;
  while (dataBytes(data) > maxBytes && kept > 0) {
    // Drop at least the share of the excess the history accounts for, oldest first.
    const excess = dataBytes(data) - maxBytes;
    const perEntry = Buffer.byteLength(JSON.stringify(status.history)) / Math.max(status.history.length, 1);
    kept = Math.max(0, kept - Math.max(1, Math.ceil(excess / Math.max(perEntry, 1))));
    data = render({ ...status, history: status.history.slice(status.history.length - kept) });
  }
  const trimmed = status.history.length - kept;
  return {
    data,
    status: trimmed === 0 ? status : { ...status, history: status.history.slice(trimmed) },
    trimmed,
  };
}

/** The size Kubernetes counts: every key and value, in bytes. */
export function dataBytes(data: Record<string, string>): number {
  let size = 0;
  for (const [key, value] of Object.entries(data)) size += Buffer.byteLength(key) + Buffer.byteLength(value);
  return size;
}
