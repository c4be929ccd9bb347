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
  });
});
