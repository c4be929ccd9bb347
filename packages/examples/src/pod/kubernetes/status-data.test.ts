import { describe, expect, it } from 'vitest';
import { clusterObservation, fleetObservation, poolReport } from '../../../test/helpers/fleet-observation.js';
import type { StateDocument } from './state-document.js';
import { dataBytes, MAX_CONFIGMAP_DATA_BYTES, STATUS_KEYS, statusData } from './status-data.js';
import { HISTORY_LIMIT } from './status-document.js';

const NOW = new Date('2026-12-01T07:30:11Z');
const STATE: StateDocument = { version: 1, savedAt: NOW.toISOString(), clusters: [] };
const fleet = fleetObservation([clusterObservation({ pools: [poolReport({ pool: 'manualpool2' })] })]);

/** A stored status.json whose history entries carry reasons of `reasonLength` characters. */
function storedWithHistory(entries: number, reasonLength: number): Record<string, string> {
  const history = Array.from({ length: entries }, (_, i) => ({
    at: new Date(NOW.getTime() - (entries - i) * 60_000).toISOString(),
    cluster: 'myResourceGroup/myManagedCluster',
    pool: 'manualpool2',
    action: 'scale',
    from: i,
    to: i + 1,
    outcome: 'succeeded',
    reason: 'x'.repeat(reasonLength),
  }));
  return { [STATUS_KEYS.status]: JSON.stringify({ version: 1, updatedAt: '', clusters: [], history }) };
}

describe('the status ConfigMap data', () => {
  it('holds status.json, status.txt and state.json', () => {
    const { data, trimmed } = statusData(fleet, undefined, STATE, NOW);
    expect(Object.keys(data).sort()).toEqual(['state.json', 'status.json', 'status.txt']);
    expect(JSON.parse(data['state.json']!)).toEqual(STATE);
    expect(JSON.parse(data['status.json']!).history).toHaveLength(1);
    expect(trimmed).toBe(0);
  });

  it("drops the oldest history entries first to stay within Kubernetes' 1 MiB, and says how many", () => {
    const stored = storedWithHistory(HISTORY_LIMIT, 12_000); // 100 entries of 12 kB: 1.2 MB
    const { data, status, trimmed } = statusData(fleet, stored, STATE, NOW);
    expect(dataBytes(data)).toBeLessThanOrEqual(MAX_CONFIGMAP_DATA_BYTES);
    expect(trimmed).toBeGreaterThan(0);
    expect(status.history.length).toBe(HISTORY_LIMIT - trimmed);
    // The newest entry (this reconcile's) is kept, and so are the most recent of the earlier ones.
    expect(status.history.at(-1)).toMatchObject({ pool: 'manualpool2', from: 1, to: 5 });
    expect(status.history.at(-2)).toMatchObject({ from: HISTORY_LIMIT - 1 });
    expect(JSON.parse(data['status.json']!).history).toEqual(status.history);
  });
});
