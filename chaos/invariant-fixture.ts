import type {
  EmulatorOperation,
  EmulatorPoolSnapshot,
  KubernetesRequestLogEntry,
  PoolWriteRecord,
  RequestLogEntry,
} from '@aks-scaler/testkit';
import type { RunEvidence } from './invariants.js';
import type { ChaosScenario } from './scenario.js';

// Evidence of a clean run, for the invariant tests to break one rule at a time.
export const RG = 'chaosRg';
export const CLUSTER = 'chaos0';
export const POOL_PATH = `/subscriptions/sub/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${CLUSTER}/agentPools`;

export const scenario: ChaosScenario = {
  index: 0,
  seed: 1,
  mode: 'library',
  resourceGroup: RG,
  clusterName: CLUSTER,
  pools: [],
  decoyPools: [],
  decisions: [
    { pool: 'user1', count: 3, reason: 'r' },
    { pool: 'system1', count: 0, reason: 'r' },
    { pool: 'auto1', count: 4, reason: 'r' },
  ],
  faults: [],
  perturbations: [],
  operationDurationInMs: 10,
  operationTimeoutInMs: 1000,
  concurrency: 1,
  autoscalerPools: 'skip',
  startStoppedPools: false,
  stopAtZero: false,
  dryRun: false,
  tokenLifetimeInSeconds: 3599,
};

export function pool(name: string, extra: Partial<EmulatorPoolSnapshot> = {}): EmulatorPoolSnapshot {
  return {
    subscriptionId: 'sub',
    resourceGroup: RG,
    clusterName: CLUSTER,
    name,
    eTag: `"${name}"`,
    count: 1,
    mode: 'User',
    enableAutoScaling: false,
    powerState: 'Running',
    provisioningState: 'Succeeded',
    nodeLabels: { team: 'batch' },
    properties: {},
    ...extra,
  };
}

export function put(at: number, name: string, extra: Partial<RequestLogEntry> = {}): RequestLogEntry {
  return {
    at,
    method: 'PUT',
    path: `${POOL_PATH}/${name}`,
    target: 'arm',
    status: 200,
    pool: name,
    ifMatch: `"${name}"`,
    ...extra,
  };
}

export function write(
  at: number,
  name: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): PoolWriteRecord {
  return {
    at,
    subscriptionId: 'sub',
    resourceGroup: RG,
    clusterName: CLUSTER,
    pool: name,
    operationId: `op-${at}`,
    kind: 'update',
    sentFields: Object.keys(after).sort(),
    droppedFields: [],
    before,
    after,
  };
}

export function operation(id: string, name: string, startedAt: number, endedAt?: number): EmulatorOperation {
  return {
    id,
    name: id,
    subscriptionId: 'sub',
    location: 'westeurope',
    resourceGroup: RG,
    clusterName: CLUSTER,
    pool: name,
    scope: 'pool',
    kind: 'Scaling',
    status: endedAt === undefined ? 'InProgress' : 'Succeeded',
    startedAt,
    ...(endedAt !== undefined && { endsAt: endedAt, endedAt }),
    plannedStatus: 'Succeeded',
    foreign: false,
  };
}

/** A clean run: user1 scaled 1 -> 3, system1 kept at 1 (clamped), the autoscaler pool skipped. */
export function clean(): RunEvidence {
  const initialPools = [
    pool('system1', { mode: 'System' }),
    pool('user1'),
    pool('auto1', { enableAutoScaling: true, minCount: 1, maxCount: 5 }),
    pool('user9'),
  ];
  const finalPools = initialPools.map((p) =>
    p.name === 'user1' ? { ...p, count: 3, eTag: '"user1-2"' } : p,
  );
  return {
    scenario,
    subscriptionId: 'sub',
    requests: [
      { at: 1000, method: 'GET', path: POOL_PATH, target: 'arm', status: 200 },
      put(1010, 'user1'),
      {
        at: 1012,
        method: 'GET',
        path: '/subscriptions/sub/providers/Microsoft.ContainerService/locations/westeurope/operations/a',
        target: 'arm',
        status: 200,
      },
    ],
    history: [
      write(
        1010,
        'user1',
        { count: 1, mode: 'User', nodeLabels: { team: 'batch' } },
        { count: 3, mode: 'User', nodeLabels: { team: 'batch' } },
      ),
    ],
    operations: [operation('a', 'user1', 1010, 1020)],
    initialPools,
    finalPools,
    initialDecoy: [pool('user1', { clusterName: `${CLUSTER}decoy` })],
    finalDecoy: [pool('user1', { clusterName: `${CLUSTER}decoy` })],
    processes: [
      {
        label: 'library',
        startedAt: 900,
        endedAt: 2000,
        scope: ['user1', 'system1', 'auto1'],
        report: {
          ok: true,
          dryRun: false,
          pools: [
            { pool: 'system1', from: 1, to: 1, action: 'none', outcome: 'succeeded', reason: 'clamped' },
            { pool: 'user1', from: 1, to: 3, action: 'scale', outcome: 'succeeded', reason: 'scale 1 -> 3' },
            { pool: 'auto1', from: 1, to: 4, action: 'skip', outcome: 'skipped', reason: 'autoscaler' },
          ],
        },
      },
    ],
    perturbed: [],
  };
}

/**
 * A clean replica run on top of {@link clean}: replica a created the Lease (3 s) before its one write, which ARM
 * accepted from a's client id; the status ConfigMap shows the pools as ARM ends with them; both replicas exited 0.
 */
export function cleanReplicas(): RunEvidence {
  const evidence = clean();
  const requests = evidence.requests.map((request) =>
    request.method === 'PUT' ? { ...request, principal: 'client-a' } : request,
  );
  const named = new Set(evidence.scenario.decisions.map((d) => d.pool));
  const statusPools = evidence.finalPools
    .filter((p) => named.has(p.name))
    .map((p) => ({ name: p.name, count: p.count, power: p.powerState }));
  return {
    ...evidence,
    requests,
    cluster: {
      requests: [leaseWrite(950, 'a'), leaseWrite(1005, 'a')],
      forced: [],
      statusJson: JSON.stringify({
        version: 1,
        clusters: [{ resourceGroup: RG, name: CLUSTER, pools: statusPools }],
      }),
      replicas: [
        { name: 'a', clientId: 'client-a', exitCode: 0 },
        { name: 'b', clientId: 'client-b', exitCode: 0 },
      ],
      settled: true,
    },
  };
}

/** A write of the Lease that went through, leaving `holder` holding it for 3 s. */
export function leaseWrite(
  at: number,
  holder: string,
  identity = `pod/${holder}`,
): KubernetesRequestLogEntry {
  return {
    at,
    method: 'PUT',
    path: '/apis/coordination.k8s.io/v1/namespaces/default/leases/aks-scaler-leader',
    verb: 'update',
    resource: 'leases',
    namespace: 'default',
    name: 'aks-scaler-leader',
    status: 200,
    identity,
    holderIdentity: holder,
    leaseDurationSeconds: 3,
  };
}
