import { describe, expect, it } from 'vitest';
import { createReadiness } from './readiness.js';

const a = { subscriptionId: 's', resourceGroup: 'rg1', clusterName: 'aks' };
const b = { subscriptionId: 's', resourceGroup: 'rg2', clusterName: 'aks' };
const at = new Date(0);

describe('readiness', () => {
  it('is ready after reads of every cluster succeeded, and not ready again after one could not reach ARM', () => {
    const readiness = createReadiness([a, b]);
    expect(readiness.state()).toEqual({
      ready: false,
      reason: 'not ready: no reconcile has read the pools of rg1/aks, rg2/aks yet',
    });
    readiness.observe({ kind: 'pools-read', at, cluster: a, pools: [] });
    expect(readiness.state().ready).toBe(false);
    readiness.observe({ kind: 'pools-read', at, cluster: b, pools: [] });
    expect(readiness.state()).toEqual({
      ready: true,
      reason: 'ready: the last reconcile read the pools of every cluster from ARM',
    });
    // The next reconcile: the token is refused.
    readiness.observe({
      kind: 'pools-unreadable',
      at,
      cluster: b,
      error: { code: 'AUTHENTICATION', message: 'Entra refused the federated token' },
    });
    expect(readiness.state()).toEqual({
      ready: false,
      reason:
        'not ready: the last reconcile could not read the pools of rg2/aks: AUTHENTICATION: Entra refused the federated token',
    });
    readiness.observe({ kind: 'pools-read', at, cluster: b, pools: [] });
    expect(readiness.state().ready).toBe(true);
  });

  it('follows a reloaded config: a cluster that is gone no longer counts, a new one counts once read', () => {
    const c = { subscriptionId: 's', resourceGroup: 'rg3', clusterName: 'aks' };
    const readiness = createReadiness([a, b]);
    readiness.observe({ kind: 'pools-read', at, cluster: a, pools: [] });
    readiness.observe({
      kind: 'pools-unreadable',
      at,
      cluster: b,
      error: { code: 'CLUSTER_NOT_FOUND', message: 'gone' },
    });
    expect(readiness.state().ready).toBe(false);
    const reloaded = (clusters: (typeof a)[]) =>
      readiness.observe({
        kind: 'config-reloaded',
        at,
        path: 'scaler.yaml',
        hash: 'h2',
        reason: 'tick',
        clusters: clusters.map((cluster) => ({ cluster, policy: 'static', state: 'new' as const })),
        selectors: [],
        warnings: [],
      });
    reloaded([a]);
    expect(readiness.state().ready).toBe(true);
    reloaded([a, c]);
    expect(readiness.state()).toEqual({
      ready: false,
      reason: 'not ready: no reconcile has read the pools of rg3/aks yet',
    });
    readiness.observe({ kind: 'pools-read', at, cluster: c, pools: [] });
    expect(readiness.state().ready).toBe(true);
  });
  it("waits for each selector's first listing, is not ready while one fails, and forgets clusters a selector lost", () => {
    const selector = { entry: 'clusters[1]', subscription: 's', tags: { fleet: 'shop' } };
    const listed = (clusters: (typeof a)[], removed: (typeof a)[] = []) => ({
      kind: 'clusters-listed' as const,
      at,
      selector,
      clusters,
      added: [],
      removed,
      first: false,
      locationMismatches: [],
    });
    const readiness = createReadiness([], ['clusters[1]']);
    expect(readiness.state()).toEqual({
      ready: false,
      reason: 'not ready: no reconcile has listed the clusters of clusters[1] yet',
    });
    readiness.observe(listed([a, b]));
    readiness.observe({ kind: 'pools-read', at, cluster: a, pools: [] });
    readiness.observe({
      kind: 'pools-unreadable',
      at,
      cluster: b,
      error: { code: 'ARM_REQUEST', message: '500' },
    });
    expect(readiness.state().ready).toBe(false);
    // b no longer carries the tags: its failed read no longer counts.
    readiness.observe(listed([a], [b]));
    expect(readiness.state().ready).toBe(true);
    readiness.observe({
      kind: 'selector-failed',
      at,
      selector,
      error: { code: 'AUTHORIZATION', message: 'may not list' },
    });
    expect(readiness.state()).toEqual({
      ready: false,
      reason:
        'not ready: the last reconcile could not list the clusters of clusters[1]: AUTHORIZATION: may not list',
    });
    readiness.observe(listed([a]));
    expect(readiness.state().ready).toBe(true);
    // A reloaded config without that selector: its failed listing no longer counts.
    readiness.observe({
      kind: 'selector-failed',
      at,
      selector,
      error: { code: 'ARM_REQUEST', message: '500' },
    });
    expect(readiness.state().ready).toBe(false);
    readiness.observe({
      kind: 'config-reloaded',
      at,
      path: 'scaler.yaml',
      hash: 'h2',
      reason: 'tick',
      clusters: [],
      selectors: ['clusters[0]'],
      warnings: [],
    });
    expect(readiness.state()).toEqual({
      ready: false,
      reason: 'not ready: no reconcile has listed the clusters of clusters[0] yet',
    });
  });

  it("keeps a discovered cluster's failed read across a reload that keeps its selector", () => {
    const selector = { entry: 'clusters[0]', subscription: 's', tags: { fleet: 'shop' } };
    const readiness = createReadiness([a], ['clusters[0]']);
    readiness.observe({
      kind: 'clusters-listed',
      at,
      selector,
      clusters: [b],
      added: [b],
      removed: [],
      first: true,
      locationMismatches: [],
    });
    readiness.observe({ kind: 'pools-read', at, cluster: a, pools: [] });
    readiness.observe({
      kind: 'pools-unreadable',
      at,
      cluster: b,
      error: { code: 'ARM_REQUEST', message: '500' },
    });
    expect(readiness.state().ready).toBe(false);
    const reload = (selectors: string[]) =>
      readiness.observe({
        kind: 'config-reloaded',
        at,
        path: 'scaler.yaml',
        hash: 'h2',
        reason: 'tick',
        clusters: [{ cluster: a, policy: 'static', state: 'new' as const }],
        selectors,
        warnings: [],
      });
    reload(['clusters[0]']);
    expect(readiness.state().ready).toBe(false);
    // Without the selector, its cluster no longer counts.
    reload([]);
    expect(readiness.state().ready).toBe(true);
  });
});
