import type { ManagedCluster as ArmManagedCluster } from '@azure/arm-containerservice';
import { RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { realClock } from './clock.js';
import { type ClusterListApi, ClusterLister, MAX_CLUSTER_LIST_PAGES } from './cluster-lister.js';
import { AbortedError, ArmRequestError, AuthorizationError, ClusterNotFoundError } from './errors.js';

const SUB = '11111111-1111-1111-1111-111111111111';

function body(resourceGroup: string, name: string, tags?: Record<string, string>): ArmManagedCluster {
  return {
    id: `/subscriptions/${SUB}/resourcegroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    location: 'westeurope',
    ...(tags && { tags }),
  } as ArmManagedCluster;
}

/** A stand-in for the SDK's paged lists: `pages` in order (with `endless`, the last one again and again). */
function pagedApi(pages: ArmManagedCluster[][], options: { endless?: boolean; onPage?: () => void } = {}) {
  const calls: string[] = [];
  const iterate = async function* () {
    for (let i = 0; options.endless || i < pages.length; i++) {
      options.onPage?.();
      yield pages[Math.min(i, pages.length - 1)]!;
    }
  };
  const paged = (what: string) => {
    calls.push(what);
    return { byPage: () => iterate() } as never;
  };
  const api: ClusterListApi = {
    list: () => paged('list'),
    listByResourceGroup: (resourceGroup: string) => paged(`listByResourceGroup ${resourceGroup}`),
  };
  return { api, calls };
}

describe('ClusterLister', () => {
  it('follows every page, names each cluster from its id, and lists a resource group with listByResourceGroup', async () => {
    const { api, calls } = pagedApi([
      [body('rg-a', 'web', { fleet: 'shop' }), body('RG-B', 'batch')],
      [body('rg-a', 'tools')],
    ]);
    const lister = new ClusterLister(() => api, realClock);
    const clusters = await lister.list({ subscriptionId: SUB });
    expect(clusters.map((c) => [c.cluster.resourceGroup, c.cluster.clusterName, c.tags])).toEqual([
      ['rg-a', 'web', { fleet: 'shop' }],
      ['RG-B', 'batch', {}],
      ['rg-a', 'tools', {}],
    ]);
    expect(clusters[0]).toMatchObject({ cluster: { subscriptionId: SUB }, location: 'westeurope' });
    await lister.list({ subscriptionId: SUB, resourceGroup: 'rg-a' });
    expect(calls).toEqual(['list', 'listByResourceGroup rg-a']);
  });

  it(`stops following nextLink after ${MAX_CLUSTER_LIST_PAGES} pages`, async () => {
    const { api } = pagedApi([[body('rg', 'web')]], { endless: true });
    const error = await new ClusterLister(() => api, realClock)
      .list({ subscriptionId: SUB })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArmRequestError);
    expect((error as Error).message).toMatch(`more than ${MAX_CLUSTER_LIST_PAGES} pages`);
  });

  it('checks the abort signal between pages', async () => {
    const stop = new AbortController();
    let pages = 0;
    const { api } = pagedApi([[body('rg', 'a')], [body('rg', 'b')], [body('rg', 'c')]], {
      onPage: () => {
        if (++pages === 2) stop.abort();
      },
    });
    const error = await new ClusterLister(() => api, realClock)
      .list({ subscriptionId: SUB }, { abortSignal: stop.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(pages).toBe(2);
  });

  it('refuses a listed cluster whose id is not a managed cluster of the subscription asked for', async () => {
    const foreign = {
      ...body('rg', 'web'),
      id: '/subscriptions/22222222-2222-2222-2222-222222222222/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/web',
    };
    const { api } = pagedApi([[foreign as ArmManagedCluster]]);
    const error = await new ClusterLister(() => api, realClock)
      .list({ subscriptionId: SUB })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArmRequestError);
    expect((error as Error).message).toMatch(/managed cluster 'web' .* invalid 'id'/);
  });

  it('a 403 names managedClusters/read and the scope, and says where to assign the role', async () => {
    const scope = `/subscriptions/${SUB}/resourceGroups/rg-a`;
    const denied = new RestError(
      `The client 'c' with object id 'o' does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/read' over scope '${scope}' or the scope is invalid.`,
      { statusCode: 403, code: 'AuthorizationFailed' },
    );
    const api: ClusterListApi = {
      list: () => {
        throw denied;
      },
      listByResourceGroup: () => {
        throw denied;
      },
    };
    const error = await new ClusterLister(() => api, realClock)
      .list({ subscriptionId: SUB, resourceGroup: 'rg-a' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationError);
    expect(error).toMatchObject({ action: 'Microsoft.ContainerService/managedClusters/read', scope });
    expect((error as Error).message).toMatch(/cannot list the managed clusters of resource group 'rg-a'/);
    expect((error as Error).message).toMatch(/on the resource group, not only on each cluster/);
  });

  it('a resource group that does not exist is a ClusterNotFoundError naming it', async () => {
    const missing = new RestError("Resource group 'rg-x' could not be found.", {
      statusCode: 404,
      code: 'ResourceGroupNotFound',
    });
    const api: ClusterListApi = {
      list: () => {
        throw missing;
      },
      listByResourceGroup: () => {
        throw missing;
      },
    };
    const error = await new ClusterLister(() => api, realClock)
      .list({ subscriptionId: SUB, resourceGroup: 'rg-x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterNotFoundError);
    expect((error as Error).message).toMatch(
      /managed clusters of resource group 'rg-x' .* could not be listed \(404/,
    );
  });
});
