import type { ClusterRef } from '@aks-scaler/core';
import { reconcileFleet } from '@aks-scaler/core';
import { DEFAULT_TEST_CLUSTER, FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { staticPolicy, turns } from '../../packages/core/test/test-policies.js';

const cluster = DEFAULT_TEST_CLUSTER;
describe('reconcileFleet', () => {
  it('shares one limiter across clusters and reports each cluster, including one that fails', async () => {
    const clusters: ClusterRef[] = ['c1', 'c2', 'c3'].map((clusterName) => ({ ...cluster, clusterName }));
    const pools = clusters
      .slice(0, 2)
      .flatMap((c) => ['a', 'b', 'c'].map((name) => nodePool({ name, cluster: c })));
    const client = new FakeNodePoolClient({ pools, sleep: turns });
    const policy = staticPolicy({ a: 2, b: 2, c: 2 });
    const report = await reconcileFleet({
      client,
      concurrency: 2,
      targets: clusters.map((c) => ({ cluster: c, policy })),
    });
    expect(report.ok).toBe(false);
    expect(report.clusters.map((c) => c.report?.ok ?? c.error?.code)).toEqual([
      true,
      true,
      'CLUSTER_NOT_FOUND',
    ]);
    expect(client.maxInFlight).toBe(2);
    expect(client.writes).toBe(6);
  });

  it('says where a cluster failed: reading its pools, or evaluating its policy after they were read', async () => {
    const other: ClusterRef = { ...cluster, clusterName: 'other' };
    const client = new FakeNodePoolClient({
      pools: [nodePool({ name: 'a' }), nodePool({ name: 'a', cluster: other })],
    });
    const failing = {
      name: 'broken',
      evaluate: () => {
        throw new Error('the policy broke');
      },
    };
    const report = await reconcileFleet({
      client,
      targets: [
        { cluster, policy: failing },
        { cluster: { ...cluster, clusterName: 'missing' }, policy: staticPolicy({ a: 2 }) },
        { cluster: other, policy: staticPolicy({ a: 2 }) },
      ],
    });
    expect(report.clusters.map((c) => [c.stage, c.error?.code, c.report?.ok])).toEqual([
      ['evaluate', 'UNKNOWN', undefined],
      ['read', 'CLUSTER_NOT_FOUND', undefined],
      [undefined, undefined, true],
    ]);
  });
});
