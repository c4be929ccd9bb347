import { type ArmResponseInfo, ClusterNotFoundError } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { closedAfterEach } from './emulator-fixture.js';

const fixtures = closedAfterEach();

describe('getCluster against the emulator (real SDK)', () => {
  it("reads the managed cluster's region, version and state through the client's pipeline", async () => {
    const responses: ArmResponseInfo[] = [];
    const fixture = await fixtures.start(
      {
        clusters: [
          {
            resourceGroup: 'rg',
            name: 'aks',
            location: 'northeurope',
            pools: [{ name: 'system', mode: 'System' }],
          },
        ],
      },
      { onResponse: (response) => responses.push(response) },
    );
    const { client, cluster } = fixture;
    const managed = await client.getCluster(cluster);
    expect(managed).toMatchObject({
      cluster,
      location: 'northeurope',
      tags: {},
      provisioningState: 'Succeeded',
      powerState: 'Running',
      kubernetesVersion: '1.33.2',
    });
    expect(responses.map((r) => [r.method, r.status, r.url.endsWith('/managedClusters/aks')])).toEqual([
      ['GET', 200, true],
    ]);
  });

  it('a cluster that does not exist is a ClusterNotFoundError that says what to check', async () => {
    const fixture = await fixtures.start();
    const { client, cluster } = fixture;
    const error = await client
      .getCluster({ ...cluster, clusterName: 'nosuchcluster' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterNotFoundError);
    expect((error as Error).message).toMatch(/cluster 'nosuchcluster'.*was not found \(404/);
    expect((error as Error).message).toMatch(/CLUSTER_NAME/);
  });
});
