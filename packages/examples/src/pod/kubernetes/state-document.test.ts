import type { ClusterRef, ConfigIssue, Policy } from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import type { OperationDurationsState, StatePart } from '../target-state.js';
import {
  buildStateDocument,
  parseStateDocument,
  restoreFromState,
  type StateTarget,
} from './state-document.js';

const NOW = new Date('2026-12-01T07:30:00Z');

/** A target whose policy keeps `state`, restorable as `policyFromConfig(config, { initialState })` is. */
function target(options: { state: unknown; hash?: string; cluster?: ClusterRef; warnings?: ConfigIssue[] }) {
  const restored: unknown[] = [];
  const make = (state: unknown): Policy & { toJSON(): unknown } => ({
    name: 'metric',
    evaluate: () => [],
    toJSON: () => state,
  });
  const built: StateTarget = {
    cluster: options.cluster ?? DEFAULT_TEST_CLUSTER,
    policy: make(options.state),
    policyHash: options.hash ?? 'sha256:aaaa',
    restorePolicy: (initialState) => {
      restored.push(initialState);
      return { policy: make(initialState), warnings: options.warnings ?? [] };
    },
  };
  return { target: built, restored };
}

const saved = { recommendations: { manualpool3: [{ at: NOW.getTime(), count: 5 }] }, consecutiveFailures: 0 };

describe('state.json', () => {
  it("saves each cluster's policy state with its config hash, and gives it back to the same config", () => {
    const before = target({ state: saved });
    const document = buildStateDocument([before.target], NOW);
    expect(document).toEqual({
      version: 1,
      savedAt: '2026-12-01T07:30:00.000Z',
      clusters: [
        {
          subscription: DEFAULT_TEST_CLUSTER.subscriptionId,
          resourceGroup: 'myResourceGroup',
          name: 'myManagedCluster',
          policy: { hash: 'sha256:aaaa', state: saved },
        },
      ],
    });
    const parsed = parseStateDocument(JSON.stringify(document));
    expect(parsed.kind).toBe('state');
    const after = target({ state: null });
    const outcome = restoreFromState([after.target], (parsed as { document: typeof document }).document);
    expect(outcome).toEqual({ restored: ['myResourceGroup/myManagedCluster'], foreign: [], warnings: [] });
    expect(after.restored).toEqual([saved]);
    expect((after.target.policy as unknown as { toJSON(): unknown }).toJSON()).toEqual(saved);
  });

  it('does not give a state saved under another config (another hash) to the policy', () => {
    const document = buildStateDocument([target({ state: saved, hash: 'sha256:aaaa' }).target], NOW);
    const other = target({ state: null, hash: 'sha256:bbbb' });
    const outcome = restoreFromState([other.target], document);
    expect(outcome.foreign).toEqual(['myResourceGroup/myManagedCluster']);
    expect(other.restored).toEqual([]);
  });

  it('matches clusters by subscription, resource group and name, and passes on what did not fit', () => {
    const elsewhere = { ...DEFAULT_TEST_CLUSTER, resourceGroup: 'other' };
    const document = buildStateDocument([target({ state: saved, cluster: elsewhere }).target], NOW);
    const here = target({ state: null });
    expect(restoreFromState([here.target], document).restored).toEqual([]);
    const warning = { path: 'policy.max[1].metric', message: 'the saved state does not fit' };
    const same = target({ state: null, cluster: elsewhere, warnings: [warning] });
    expect(restoreFromState([same.target], document).warnings).toEqual([warning]);
  });

  it('saves no policy entry for a policy without state', () => {
    const stateless: StateTarget = {
      cluster: DEFAULT_TEST_CLUSTER,
      policy: { name: 'static', evaluate: () => [] },
    };
    expect(buildStateDocument([stateless], NOW).clusters[0]).toEqual({
      subscription: DEFAULT_TEST_CLUSTER.subscriptionId,
      resourceGroup: 'myResourceGroup',
      name: 'myManagedCluster',
    });
  });

  it('has a typed place for learned operation durations, saved and restored with the rest', () => {
    let learned: OperationDurationsState = [
      {
        pool: 'manualpool2',
        direction: 'up',
        samples: [
          { durationInMs: 240_000, nodes: 4, endedAt: 1 },
          { durationInMs: 250_000, nodes: 4, endedAt: 2 },
        ],
      },
      { pool: 'manualpool2', direction: 'down', samples: [{ durationInMs: 60_000, nodes: 2, endedAt: 3 }] },
    ];
    const durations: StatePart<OperationDurationsState> = {
      toJSON: () => learned,
      restore: (state) => {
        learned = state;
      },
    };
    const { target: before } = target({ state: saved });
    const document = buildStateDocument([{ ...before, operationDurations: durations }], NOW);
    expect(document.clusters[0]!.operationDurations).toEqual(learned);
    const saving = learned;
    learned = [];
    restoreFromState([{ ...target({ state: null }).target, operationDurations: durations }], document);
    expect(learned).toEqual(saving);
  });

  it('ignores a corrupt state, one of a newer version and one of another shape, saying why', () => {
    expect(parseStateDocument(undefined)).toEqual({ kind: 'none' });
    expect(parseStateDocument('{"version": 1, "savedAt"')).toEqual({
      kind: 'ignored',
      why: 'it is not JSON (corrupt?)',
    });
    expect(parseStateDocument('{"version": 2, "clusters": []}')).toEqual({
      kind: 'ignored',
      why: 'it is version 2, saved by a newer aks-scaler (this one reads 1)',
    });
    expect(parseStateDocument('{"version": 1, "clusters": "all"}')).toEqual({
      kind: 'ignored',
      why: 'it does not have the shape of a saved state (corrupt?)',
    });
  });
});
