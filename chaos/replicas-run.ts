import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  type Emulator,
  type KubernetesEmulator,
  type KubernetesRoleManifest,
  startEmulator,
  startKubernetesEmulator,
} from '@aks-scaler/testkit';
import { parseAllDocuments } from 'yaml';
import type { LeaseHold } from '../packages/examples/test/helpers/leadership-timeline.js';
import { desiredCounts } from './cluster-evidence.js';
import type { RunEvidence } from './evidence.js';
import type { RunOutcome } from './outcome.js';
import { type RunningReplica, startReplica } from './replica-process.js';
import { REPLICA_TIMINGS } from './replica-scenario.js';
import { snapshotPools } from './run-emulator.js';
import type { ChaosScenario } from './scenario.js';

const LEASE = 'aks-scaler-leader';
const INTRUDER = 'chaos-intruder';
/** A run that has not settled by then is stuck: stopped, and reported as a violation. */
const SETTLE_LIMIT_IN_MS = 45_000;
const EXIT_LIMIT_IN_MS = 30_000;
const CLIENTS = ['a', 'b', 'c'].map((name, i) => ({
  name,
  clientId: `0000000${i + 1}-c4a0-4000-8000-00000000000${i + 1}`,
}));

let loopRole: KubernetesRoleManifest | undefined;
/** The loop variant's Role as `kubectl kustomize` renders it: the replicas get exactly what the manifests give. */
function shippedLoopRole(): KubernetesRoleManifest {
  if (loopRole) return loopRole;
  const dir = fileURLToPath(new URL('../packages/examples/deploy/loop', import.meta.url));
  const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  const role = parseAllDocuments(text)
    .map((doc) => doc.toJS() as KubernetesRoleManifest)
    .find((manifest) => manifest.kind === 'Role');
  if (!role) throw new Error(`kubectl kustomize ${dir} rendered no Role`);
  loopRole = role;
  return role;
}

/** Options of {@link runReplicaScenario}. */
export interface ReplicaRunOptions {
  /** More variables for every replica, e.g. to run a deliberately faulty deployment. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs one scenario with two replicas of the bundled pod in loop mode, electing a leader through the Kubernetes API
 * emulator. At the leader's first operation the scenario's Kubernetes faults and signal strike (a new replica
 * starts after a signal); the run settles once the pools converged and a leader wrote the status after a
 * converged reconcile; then every replica gets SIGTERM.
 */
export async function runReplicaScenario(
  scenario: ChaosScenario,
  bundle: string,
  options: ReplicaRunOptions = {},
): Promise<RunOutcome> {
  const plan = scenario.replicas ?? { kubernetes: [] };
  const arm = await startArm(scenario);
  const kubernetes = await startKubernetesEmulator({ seed: scenario.seed });
  const notes: string[] = [];
  const kinds: Record<string, number> = {};
  const add = (kind: string) => {
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  };
  const forced: LeaseHold[] = [];
  const replicas: RunningReplica[] = [];
  try {
    const counts = Object.fromEntries(scenario.decisions.map((d) => [d.pool, d.count]));
    const base: NodeJS.ProcessEnv = {
      ...(await arm.workloadIdentityEnv({ cluster: scenario.clusterName })),
      NODE_POOLS_AMOUNT: JSON.stringify(counts),
      SCALER_MODE: 'loop',
      SCALER_INTERVAL: '1s',
      SCALER_POLL_INTERVAL: '5ms',
      SCALER_OPERATION_TIMEOUT: `${scenario.operationTimeoutInMs}ms`,
      SCALER_CONCURRENCY: String(scenario.concurrency),
      SCALER_SHUTDOWN_TIMEOUT: '10s',
      SCALER_HTTP_PORT: '0',
      SCALER_HTTP_HOST: '127.0.0.1',
      SCALER_LEADER_ELECTION_TIMINGS: `${REPLICA_TIMINGS.leaseDurationInMs}ms,${REPLICA_TIMINGS.renewDeadlineInMs}ms,${REPLICA_TIMINGS.retryPeriodInMs}ms`,
      ...options.env,
    };
    for (const chaos of plan.kubernetes) {
      if (chaos.kind !== 'status-conflict') continue;
      kubernetes.faults.inject({
        kind: 'conflict',
        resource: 'configmaps',
        name: 'aks-scaler-status',
        times: chaos.times,
      });
    }
    let struckAt: number | undefined;
    const outages: Array<{ readonly remaining: number }> = [];
    const strike = (leader: RunningReplica) => {
      struckAt = Date.now();
      for (const chaos of plan.kubernetes) {
        if (chaos.kind === 'api-down') outages.push(kubernetes.faults.down({ forInMs: chaos.forInMs }));
        if (chaos.kind === 'lease-lost') {
          kubernetes.state.takeOverLease('default', LEASE, INTRUDER, {
            leaseDurationSeconds: REPLICA_TIMINGS.leaseDurationInMs / 1000,
          });
          forced.push({
            at: Date.now(),
            holder: INTRUDER,
            leaseDurationSeconds: REPLICA_TIMINGS.leaseDurationInMs / 1000,
          });
          add('lease-lost');
        }
      }
      if (plan.interrupt) {
        leader.signal(plan.interrupt);
        add(plan.interrupt);
        void start(2);
      }
    };
    const start = async (i: number) => {
      const { name, clientId } = CLIENTS[i]!;
      const token = kubernetes.mintToken({
        identity: `system:serviceaccount:default:workload-identity-sa/${name}`,
        roles: [shippedLoopRole()],
      });
      const files = await kubernetes.writeInClusterFiles({ token });
      replicas.push(
        startReplica({
          name,
          clientId,
          bundle,
          env: {
            ...base,
            ...files.env,
            SCALER_SERVICE_ACCOUNT_DIR: files.serviceAccountDir,
            AZURE_CLIENT_ID: clientId,
            POD_NAME: name,
          },
          // The leader at work: its first operation, or its first reconcile when there is nothing to change.
          onLine: (line, replica) => {
            if (struckAt === undefined && (line.event === 'started' || line.event === 'finished'))
              strike(replica);
          },
        }),
      );
    };
    const initial = snapshotPools(arm, scenario);
    await start(0);
    await start(1);
    const settled = await settle(
      arm,
      kubernetes,
      scenario,
      replicas,
      () => struckAt !== undefined && outages.every((outage) => outage.remaining === 0),
    );
    if (!settled) {
      notes.push('the replicas did not settle in time');
      for (const replica of replicas) notes.push(`${replica.record.name}: ${lastWords(replica)}`);
    }
    for (const replica of replicas) replica.signal('SIGTERM');
    for (const replica of replicas) {
      if (!(await replica.exited(EXIT_LIMIT_IN_MS)))
        notes.push(`replica ${replica.record.name} did not exit in time`);
    }
    for (const fault of [...arm.faults.triggered]) add(fault.kind);
    for (const fault of kubernetes.faults.triggered) add(`kubernetes-${fault.kind}`);
    const final = snapshotPools(arm, scenario);
    const evidence: RunEvidence = {
      scenario,
      subscriptionId: arm.subscriptionId,
      requests: arm.requests,
      history: arm.state.history,
      operations: arm.state.operations,
      initialPools: initial.pools,
      finalPools: final.pools,
      initialDecoy: initial.decoy,
      finalDecoy: final.decoy,
      processes: [],
      perturbed: [],
      cluster: {
        requests: kubernetes.requests,
        forced,
        statusJson: kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')?.data?.['status.json'],
        replicas: replicas.map((replica) => replica.record),
        settled,
      },
    };
    return { evidence, faults: Object.values(kinds).reduce((a, b) => a + b, 0), kinds, notes };
  } finally {
    for (const replica of replicas) replica.signal('SIGKILL');
    await arm.close();
    await kubernetes.close();
  }
}

function startArm(scenario: ChaosScenario): Promise<Emulator> {
  return startEmulator({
    clusters: [
      { resourceGroup: scenario.resourceGroup, name: scenario.clusterName, pools: scenario.pools },
      {
        resourceGroup: scenario.resourceGroup,
        name: `${scenario.clusterName}decoy`,
        pools: scenario.decoyPools,
      },
    ],
    identities: CLIENTS.map(({ clientId }) => ({ clientId })),
    operationDurationInMs: scenario.operationDurationInMs,
    tokenLifetimeInSeconds: scenario.tokenLifetimeInSeconds,
    seed: scenario.seed,
  }).then((emulator) => {
    for (const fault of scenario.faults) emulator.faults.inject(fault);
    return emulator;
  });
}

/**
 * Waits until the run settled: the chaos struck and is over (no outage), the pools are at their decisions with no
 * operation running, and the status ConfigMap was written after a reconcile, logged once all was calm, that found
 * nothing to change.
 */
async function settle(
  arm: Emulator,
  kubernetes: KubernetesEmulator,
  scenario: ChaosScenario,
  replicas: readonly RunningReplica[],
  calm: () => boolean,
): Promise<boolean> {
  const deadline = Date.now() + SETTLE_LIMIT_IN_MS;
  let since: number | undefined;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (since === undefined && calm()) since = Date.now();
    if (since === undefined) continue;
    const pools = arm.state.listPools(scenario.resourceGroup, scenario.clusterName);
    if (arm.state.inFlight() > 0) continue;
    const desired = desiredCounts(scenario, pools);
    if (![...desired].every(([name, count]) => pools.find((p) => p.name === name)?.count === count)) continue;
    const calmSince = since;
    const converged = replicas
      .flatMap((replica) => replica.lines)
      .filter(
        (line) =>
          line.event === 'finished' &&
          line.ok === true &&
          Date.parse(String(line.time)) > calmSince &&
          (line.pools as Array<{ action: string }>).every((p) => p.action === 'none' || p.action === 'skip'),
      )
      .map((line) => Date.parse(String(line.time)));
    const written = kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')?.data?.['status.json'];
    const updatedAt = written
      ? Date.parse((JSON.parse(written) as { updatedAt: string }).updatedAt)
      : Number.NaN;
    if (converged.some((at) => updatedAt >= at)) return true;
  }
  return false;
}

/** What a replica said last about leadership and its last reconcile, for the notes of a run that did not settle. */
function lastWords(replica: RunningReplica): string {
  const last = (match: (line: Record<string, unknown>) => boolean) => {
    const line = replica.lines.findLast(match);
    if (!line) return 'none';
    const { time: _time, level: _level, ...rest } = line;
    return JSON.stringify(rest).slice(0, 400);
  };
  return `leadership ${last((l) => l.event === 'leadership')}; last reconcile ${last((l) => l.event === 'finished')}; last warning ${last((l) => l.level === 'warn')}`;
}
