import type { PoolDecision } from '@aks-scaler/core';
import type { EmulatorPoolSpec, FaultSpec } from '@aks-scaler/testkit';
import { type Random, seededRandom } from './random.js';

/** How a run drives reconcile: the library in-process, or the bundled scaler pod as child processes. */
export type ChaosMode = 'library' | 'pod';

/** Something that happens to the cluster while reconcile runs (besides the emulator's request faults). */
export type PerturbationKind = 'delete-pool' | 'enable-autoscaler' | 'foreign-change' | 'rotate-token';

/** A perturbation and the reconcile event (library event or pod log line) that triggers it. */
export interface Perturbation {
  kind: PerturbationKind;
  /** The pool it acts on (none for `rotate-token`). */
  pool?: string;
  /** Fires on the first event of this type for `on.pool`. */
  on: { event: 'planned' | 'started' | 'waiting' | 'progress'; pool: string };
}

/** One seeded chaos run: the cluster, the decisions, the faults and the settings. */
export interface ChaosScenario {
  index: number;
  seed: number;
  mode: ChaosMode;
  resourceGroup: string;
  clusterName: string;
  /** The reconciled cluster's pools. */
  pools: EmulatorPoolSpec[];
  /** A second cluster with the same pool names, never reconciled: it must never be written. */
  decoyPools: EmulatorPoolSpec[];
  /** What the policy returns (library: anything; pod: a valid NODE_POOLS_AMOUNT). */
  decisions: PoolDecision[];
  /** Request faults injected into the emulator before the run. */
  faults: FaultSpec[];
  perturbations: Perturbation[];
  operationDurationInMs: number;
  operationTimeoutInMs: number;
  concurrency: number;
  autoscalerPools: 'skip' | 'bounds';
  /** Pod runs: `SCALER_UNKNOWN_POOLS` (a decision for the pool the cluster lacks fails the run, or is skipped). */
  unknownPools?: 'warn' | 'error';
  startStoppedPools: boolean;
  stopAtZero: boolean;
  dryRun: boolean;
  tokenLifetimeInSeconds: number;
  /** `Retry-After` the emulator sends on operation-status polls while an operation runs, for some runs. */
  pollRetryAfterInSeconds?: number;
  /** Pod runs: a signal sent to the first pod once an operation started, followed by a restart. */
  interrupt?: 'SIGTERM' | 'SIGKILL';
}

const SETTINGS: ReadonlyArray<Partial<EmulatorPoolSpec>> = [
  { nodeLabels: { team: 'batch' }, nodeTaints: ['dedicated=batch:NoSchedule'] },
  { tags: { costCenter: '42' }, upgradeSettings: { maxSurge: '33%', drainTimeoutInMinutes: 15 } },
  { scaleDownMode: 'Deallocate', nodeLabels: { tier: 'gpu' } },
  {},
];

function poolSpecs(rng: Random, mode: ChaosMode): EmulatorPoolSpec[] {
  const pools: EmulatorPoolSpec[] = [
    { name: 'system1', mode: 'System', count: rng.int(1, 3), ...rng.pick(SETTINGS) },
  ];
  const users = rng.int(2, mode === 'pod' ? 4 : 5);
  for (let i = 1; i <= users; i++) {
    const spec: EmulatorPoolSpec = {
      name: `user${i}`,
      mode: 'User',
      count: rng.int(0, 4),
      ...rng.pick(SETTINGS),
    };
    if (rng.chance(0.2)) {
      spec.enableAutoScaling = true;
      spec.minCount = rng.int(0, 2);
      spec.maxCount = rng.int(Math.max(spec.count ?? 1, spec.minCount, 1), 6);
    } else if (rng.chance(0.12)) {
      spec.powerState = 'Stopped';
    }
    pools.push(spec);
  }
  return pools;
}

function decisionsFor(rng: Random, pools: EmulatorPoolSpec[], mode: ChaosMode): PoolDecision[] {
  const named = rng.sample(pools, rng.int(2, pools.length));
  const decisions: PoolDecision[] = named.map((pool): PoolDecision => {
    // Library runs also stop pools (System pools included: never written), start them, and set autoscaler
    // ranges (some with min above max: never written).
    if (mode === 'library' && rng.chance(0.12)) {
      return { pool: pool.name, power: 'Stopped', reason: `chaos ${pool.name}=stop` };
    }
    if (mode === 'library' && rng.chance(0.1)) {
      const range = { minCount: rng.int(0, 3), maxCount: rng.int(0, 7) };
      return {
        pool: pool.name,
        autoscaler: range,
        reason: `chaos ${pool.name}=${range.minCount}..${range.maxCount}`,
      };
    }
    let count = rng.int(0, 7);
    if (mode === 'library' && rng.chance(0.15)) count = rng.pick([-3, 1500, 2.5, 1001]);
    const start = mode === 'library' && rng.chance(0.08);
    return {
      pool: pool.name,
      count,
      ...(start && { power: 'Running' as const }),
      reason: `chaos ${pool.name}=${start ? 'start, ' : ''}${count}`,
    };
  });
  if (rng.chance(0.4))
    decisions.push({ pool: 'ghost1', count: 3, reason: 'a pool the cluster does not have' });
  if (mode === 'library' && rng.chance(0.2) && decisions[0]) {
    decisions.push({ ...decisions[0], count: rng.int(0, 7), reason: 'a second opinion on the same pool' });
  }
  return decisions;
}

const FAULT_KINDS = [
  'throttle',
  'server-error',
  'unavailable',
  'reset',
  'delay',
  'conflict',
  'etag-bump',
  'operation-fails',
  'operation-never-ends',
  'token-endpoint-down',
] as const;

function faultFor(rng: Random, pools: string[], mode: ChaosMode): FaultSpec {
  const kind = rng.pick(FAULT_KINDS);
  const pool = rng.pick(pools);
  const where = () =>
    rng.pick<Partial<FaultSpec>>([
      { method: 'PUT', pool },
      { method: 'GET', pool },
      { method: 'GET', path: '/agentPools$' },
    ]);
  switch (kind) {
    case 'throttle':
      return { kind, retryAfterInSeconds: 1, ...where() };
    case 'server-error':
      return { kind, times: mode === 'pod' ? 1 : rng.int(1, 2), ...where() };
    case 'unavailable':
      return { kind, ...(rng.chance(0.5) && { retryAfterInSeconds: 1 }), ...where() };
    case 'reset':
      return { kind, ...where() };
    case 'delay':
      return { kind, delayInMs: rng.int(20, 250), times: rng.int(1, 3), ...where() };
    case 'conflict':
      return { kind, pool };
    case 'etag-bump':
      return { kind, pool, times: rng.int(1, 2) };
    case 'operation-fails':
      return {
        kind,
        pool,
        ...(rng.chance(0.5) && { code: 'AllocationFailed', message: 'Allocation failed.' }),
      };
    case 'operation-never-ends':
      return { kind, pool };
    case 'token-endpoint-down':
      return { kind, times: rng.int(1, 2) };
  }
}

function perturbationsFor(rng: Random, pools: EmulatorPoolSpec[], scaled: string[]): Perturbation[] {
  const out: Perturbation[] = [];
  const count = rng.pick([0, 1, 1, 2]);
  for (let i = 0; i < count; i++) {
    const trigger = rng.pick(scaled);
    const kind = rng.pick<PerturbationKind>([
      'delete-pool',
      'enable-autoscaler',
      'foreign-change',
      'rotate-token',
    ]);
    const manual = pools.filter((p) => !p.enableAutoScaling && p.mode === 'User').map((p) => p.name);
    const on = {
      event: rng.pick(['planned', 'planned', 'started', 'started', 'waiting', 'progress'] as const),
      pool: trigger,
    };
    if (kind === 'rotate-token') out.push({ kind, on });
    else if (kind === 'enable-autoscaler' && manual.length > 0)
      out.push({ kind, pool: rng.pick(manual), on });
    else if (kind === 'delete-pool') out.push({ kind, pool: rng.pick([trigger, ...scaled]), on });
    else out.push({ kind: 'foreign-change', pool: rng.pick(pools).name, on });
  }
  return out;
}

/** Generates the scenario of one run from its seed. */
export function generateScenario(index: number, seed: number, mode: ChaosMode): ChaosScenario {
  const rng = seededRandom(seed);
  const pools = poolSpecs(rng, mode);
  const decisions = decisionsFor(rng, pools, mode);
  const named = [...new Set(decisions.map((d) => d.pool))].filter((name) =>
    pools.some((p) => p.name === name),
  );
  const targets = named.length > 0 ? named : [pools[0]!.name];
  const faults = Array.from({ length: rng.int(2, 5) }, () => faultFor(rng, targets, mode));
  const interrupt = mode === 'pod' && rng.chance(0.5) ? rng.pick(['SIGTERM', 'SIGKILL'] as const) : undefined;
  const neverEnds = faults.some((f) => f.kind === 'operation-never-ends');
  const tokenChaos = faults.some((f) => f.kind === 'token-endpoint-down');
  const perturbations = perturbationsFor(rng, pools, targets);
  return {
    index,
    seed,
    mode,
    resourceGroup: 'chaosRg',
    clusterName: `chaos${index}`,
    pools,
    decoyPools: pools.map((p) => ({ ...p })),
    decisions,
    faults,
    perturbations,
    // Pod runs that get a signal need operations long enough to be caught in flight.
    operationDurationInMs: interrupt ? rng.int(250, 500) : rng.int(2, 40),
    operationTimeoutInMs: neverEnds ? 1500 : 20_000,
    concurrency: interrupt ? 1 : rng.int(1, 4),
    autoscalerPools: rng.chance(0.4) ? 'bounds' : 'skip',
    ...(mode === 'pod' && { unknownPools: rng.chance(0.7) ? 'warn' : 'error' }),
    startStoppedPools: mode === 'library' && rng.chance(0.4),
    stopAtZero: mode === 'library' && rng.chance(0.3),
    dryRun: rng.chance(0.08),
    tokenLifetimeInSeconds: tokenChaos || perturbations.some((p) => p.kind === 'rotate-token') ? 20 : 3599,
    ...(interrupt && { interrupt }),
    ...(!interrupt && rng.chance(0.15) && { pollRetryAfterInSeconds: 1 }),
  };
}
