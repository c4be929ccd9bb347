import {
  type ArmNodePoolClient,
  type ClusterRef,
  createNodePoolClient,
  type NodePoolClientOptions,
  type Policy,
  resolveCredential,
} from '@aks-scaler/core';
import {
  type Emulator,
  type EmulatorClusterSpec,
  type EmulatorOptions,
  type EmulatorPoolSpec,
  startEmulator,
} from '@aks-scaler/testkit';
import { afterEach } from 'vitest';

/** A running emulator with a real client authenticated through Workload Identity, as a pod would be. */
export interface Fixture {
  emulator: Emulator;
  env: Record<string, string>;
  cluster: ClusterRef;
  client: ArmNodePoolClient;
  /** Creates another client on the same emulator with different options. */
  newClient(options?: Partial<NodePoolClientOptions>): ArmNodePoolClient;
  close(): Promise<void>;
}

/** Starts the emulator and a client: short operations, fast polls, fast SDK retries (no real waiting). */
export async function startFixture(
  options: EmulatorOptions = {},
  clientOptions: Partial<NodePoolClientOptions> = {},
): Promise<Fixture> {
  const emulator = await startEmulator({ operationDurationInMs: 20, ...options });
  const env = await emulator.workloadIdentityEnv();
  const { credential } = resolveCredential({ env, ca: emulator.caCert });
  const newClient = (extra: Partial<NodePoolClientOptions> = {}) =>
    createNodePoolClient({
      credential,
      env,
      ca: emulator.caCert,
      pollIntervalInMs: 10,
      retry: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
      ...clientOptions,
      ...extra,
    });
  const cluster: ClusterRef = {
    subscriptionId: env.SUBSCRIPTION ?? emulator.subscriptionId,
    resourceGroup: env.RESOURCE_GROUP ?? 'myResourceGroup',
    clusterName: env.CLUSTER_NAME ?? 'myManagedCluster',
  };
  return { emulator, env, cluster, client: newClient(), newClient, close: () => emulator.close() };
}

/** A fixed-count policy (the seed's `NODE_POOLS_AMOUNT`). */
export function counts(values: Record<string, number>): Policy {
  return {
    name: 'static',
    evaluate: () =>
      Object.entries(values).map(([pool, count]) => ({ pool, count, reason: `static ${pool}=${count}` })),
  };
}

/** The PUTs the emulator received, with the `If-Match` they carried. */
export function puts(emulator: Emulator) {
  return emulator.requests.filter((r) => r.method === 'PUT');
}

/** The emulator's `clusters`: rg/aks with a System pool of `systemCount` nodes, then `pools`. */
export function rgAks(pools: EmulatorPoolSpec[], systemCount = 1): EmulatorClusterSpec[] {
  return [
    {
      resourceGroup: 'rg',
      name: 'aks',
      pools: [{ name: 'system', mode: 'System', count: systemCount }, ...pools],
    },
  ];
}

/** Pools of a cluster for the emulator, with settings that must survive every write. */
export function poolsWithSettings(names: string[]) {
  return names.map((name) => ({
    name,
    mode: 'User' as const,
    count: 1,
    nodeLabels: { team: 'batch', pool: name },
    nodeTaints: ['dedicated=batch:NoSchedule'],
    tags: { costCenter: '42' },
    upgradeSettings: { maxSurge: '33%', drainTimeoutInMinutes: 15 },
    scaleDownMode: 'Deallocate',
  }));
}

/** Fixtures that close after each test: `const fixtures = closedAfterEach();` then `await fixtures.start(...)`. */
export function closedAfterEach(): { start: typeof startFixture } {
  const open: Fixture[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((fixture) => fixture.close()));
  });
  return {
    async start(options, clientOptions) {
      const fixture = await startFixture(options, clientOptions);
      open.push(fixture);
      return fixture;
    },
  };
}
