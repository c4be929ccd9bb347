import { describe, expect, it } from 'vitest';
import {
  createOperationDurations,
  DEFAULT_EXPECTED_OPERATION_IN_MS,
  type OperationSample,
} from './operation-durations.js';
import type { ClusterRef } from './types.js';

const cluster: ClusterRef = { subscriptionId: 'sub-1', resourceGroup: 'rg', clusterName: 'aks' };
const MINUTE = 60_000;

function sample(durationInMs: number, extra: Partial<OperationSample> = {}): OperationSample {
  return { cluster, pool: 'manualpool2', direction: 'up', nodes: 8, durationInMs, endedAt: 0, ...extra };
}

describe('createOperationDurations', () => {
  it('expects 10 minutes before anything is learned, and has learned nothing', () => {
    const durations = createOperationDurations();
    expect(DEFAULT_EXPECTED_OPERATION_IN_MS).toBe(10 * MINUTE);
    expect(durations.expectedInMs({ cluster, pool: 'manualpool2', direction: 'up' })).toBe(10 * MINUTE);
    expect(durations.learnedInMs({ cluster, pool: 'manualpool2', direction: 'up' })).toBeUndefined();
    expect(durations.entries()).toEqual([]);
  });

  it('expects the median of the last five, so one slow outlier does not move it', () => {
    const durations = createOperationDurations();
    for (const ms of [5 * MINUTE, 5.2 * MINUTE, 30 * MINUTE, 4.9 * MINUTE, 5.1 * MINUTE]) {
      durations.record(sample(ms));
    }
    expect(durations.expectedInMs({ cluster, pool: 'manualpool2', direction: 'up', nodes: 8 })).toBe(
      5.1 * MINUTE,
    );
  });

  it('keeps only the last five operations of a pool and direction', () => {
    const durations = createOperationDurations();
    for (const ms of [1, 2, 3, 100, 100, 100, 100, 100]) durations.record(sample(ms * MINUTE));
    expect(durations.entries()).toEqual([
      expect.objectContaining({ pool: 'manualpool2', direction: 'up', samples: 5, medianInMs: 100 * MINUTE }),
    ]);
    expect(durations.toJSON().entries[0]?.samples.map((s) => s.durationInMs / MINUTE)).toEqual([
      100, 100, 100, 100, 100,
    ]);
  });

  it('learns each pool and direction apart, naming clusters in any case', () => {
    const durations = createOperationDurations();
    durations.record(sample(6 * MINUTE));
    durations.record(sample(2 * MINUTE, { direction: 'down' }));
    durations.record(sample(1 * MINUTE, { pool: 'other' }));
    const upper = { subscriptionId: 'SUB-1', resourceGroup: 'RG', clusterName: 'AKS' };
    expect(durations.expectedInMs({ cluster: upper, pool: 'manualpool2', direction: 'up' })).toBe(6 * MINUTE);
    expect(durations.expectedInMs({ cluster, pool: 'manualpool2', direction: 'down' })).toBe(2 * MINUTE);
    expect(durations.expectedInMs({ cluster, pool: 'other', direction: 'up' })).toBe(1 * MINUTE);
    expect(durations.expectedInMs({ cluster, pool: 'manualpool2', direction: 'start' })).toBe(10 * MINUTE);
  });

  it("scales a scale-up's expectation with the nodes added once five operations of different sizes support it", () => {
    const durations = createOperationDurations();
    // 1 minute plus 30 s a node, one of them slow.
    for (const [nodes, ms] of [
      [2, 2 * MINUTE],
      [4, 3 * MINUTE],
      [8, 5 * MINUTE],
      [4, 12 * MINUTE],
      [6, 4 * MINUTE],
    ] as const) {
      durations.record(sample(ms, { nodes }));
    }
    expect(durations.expectedInMs({ cluster, pool: 'manualpool2', direction: 'up', nodes: 16 })).toBe(
      9 * MINUTE,
    );
    expect(durations.expectedInMs({ cluster, pool: 'manualpool2', direction: 'up', nodes: 1 })).toBe(
      1.5 * MINUTE,
    );
    expect(durations.entries()[0]?.perNode).toEqual({ baseInMs: MINUTE, perNodeInMs: 30_000 });
  });

  it('keeps to the median while the history is short or of one size', () => {
    const durations = createOperationDurations();
    durations.record(sample(2 * MINUTE, { nodes: 2 }));
    durations.record(sample(5 * MINUTE, { nodes: 8 }));
    expect(durations.expectedInMs({ cluster, pool: 'manualpool2', direction: 'up', nodes: 40 })).toBe(
      3.5 * MINUTE,
    );
    const sameSize = createOperationDurations();
    for (const ms of [4, 5, 6, 5, 5]) sameSize.record(sample(ms * MINUTE, { nodes: 8 }));
    expect(sameSize.expectedInMs({ cluster, pool: 'manualpool2', direction: 'up', nodes: 1 })).toBe(
      5 * MINUTE,
    );
    expect(sameSize.entries()[0]?.perNode).toBeUndefined();
  });

  it("falls back to the cluster's pools in that direction, then to every pool's, only when asked to", () => {
    const durations = createOperationDurations();
    durations.record(sample(4 * MINUTE, { pool: 'a' }));
    durations.record(sample(6 * MINUTE, { pool: 'b' }));
    durations.record(sample(1 * MINUTE, { pool: 'c', direction: 'down' }));
    durations.record(sample(1 * MINUTE, { pool: 'd', cluster: { ...cluster, clusterName: 'other' } }));
    const query = { cluster, pool: 'new', direction: 'up' } as const;
    expect(durations.learnedInMs(query)).toBeUndefined();
    expect(durations.learnedInMs(query, { fallback: 'cluster' })).toBe(5 * MINUTE);
    expect(durations.learnedInMs(query, { fallback: 'any' })).toBe(5 * MINUTE);
    const elsewhere = { ...query, cluster: { ...cluster, clusterName: 'third' } };
    expect(durations.learnedInMs(elsewhere, { fallback: 'cluster' })).toBeUndefined();
    expect(durations.learnedInMs(elsewhere, { fallback: 'any' })).toBe(4 * MINUTE);
    expect(durations.expectedInMs(query)).toBe(10 * MINUTE);
  });

  it('survives a restart: toJSON, through JSON text, restores the same expectations', () => {
    const durations = createOperationDurations();
    for (const ms of [3, 4, 5]) durations.record(sample(ms * MINUTE, { endedAt: ms }));
    durations.record(sample(90_000, { direction: 'down', nodes: 8, endedAt: 9 }));
    const restored = createOperationDurations({ initialState: JSON.parse(JSON.stringify(durations)) });
    expect(restored.toJSON()).toEqual(durations.toJSON());
    expect(restored.expectedInMs({ cluster, pool: 'manualpool2', direction: 'up' })).toBe(4 * MINUTE);
    expect(restored.expectedInMs({ cluster, pool: 'manualpool2', direction: 'down' })).toBe(90_000);
  });

  it('restores what is well-formed of a damaged state and ignores bad samples', () => {
    const state = {
      version: 1,
      entries: [
        {
          subscriptionId: 'sub-1',
          resourceGroup: 'rg',
          clusterName: 'aks',
          pool: 'manualpool2',
          direction: 'up',
          samples: [
            { durationInMs: 120_000, nodes: 2, endedAt: 1 },
            { durationInMs: -5, nodes: 2, endedAt: 2 },
            null,
          ],
        },
        {
          subscriptionId: 'sub-1',
          resourceGroup: 'rg',
          clusterName: 'aks',
          pool: 'x',
          direction: 'sideways',
          samples: [{ durationInMs: 1, nodes: 1, endedAt: 1 }],
        },
        'nonsense',
      ],
    };
    const restored = createOperationDurations({ initialState: state });
    expect(restored.entries()).toEqual([expect.objectContaining({ pool: 'manualpool2', samples: 1 })]);
    expect(createOperationDurations({ initialState: { version: 2, entries: [] } }).entries()).toEqual([]);
    expect(createOperationDurations({ initialState: 'garbage' }).entries()).toEqual([]);
    restored.record(sample(Number.NaN));
    restored.record({ ...sample(1000), direction: 'sideways' as never });
    expect(restored.entries()[0]?.samples).toBe(1);
  });
});
