import { reconcile } from '@aks-scaler/core';
import { schedulePolicy, staticPolicy } from '@aks-scaler/policies';
import { startBenchEmulator } from './fixture.js';
import { timeScale } from './time-scale.js';

/** Monday 2026-12-07, 07:30 in Europe/Berlin (UTC+1 in December): when the schedule's window opens. */
export const WINDOW_OPENS_AT = Date.parse('2026-12-07T06:30:00Z');
const TIMEZONE = 'Europe/Berlin';
const POOL = 'manualpool2';
export const FROM = 2;
export const TO = 10;
/** The loop's period, as the pod's SCALER_INTERVAL default. */
export const TICK_IN_MS = 60_000;
/** AKS-like scale operations: a minute, plus 30 s per node added or removed (2 -> 10 takes 5 minutes). */
export const OPERATION_DURATION = { baseInMs: 60_000, perNodeInMs: 30_000 };

/** Options of {@link runCapacity}. */
export interface CapacityRunOptions {
  /** The schedule's `leadTime`: `auto`, or none (today's behaviour, and every peer's). */
  leadTime: 'auto' | 'none';
  /** Whether the scaler has run this scale-up (and the scale-down) before the morning: its durations are learned. */
  learned: boolean;
  /** Emulator milliseconds per real millisecond. */
  factor: number;
}

/** What one morning looked like. */
export interface CapacityRun {
  /** The percentage of the target nodes in place (the scale-up finished) when the window opened. */
  readyAtTargetPercent: number;
  /** Nodes added × minutes between the scale-up's start and the window's opening (0 when it started after). */
  earlyNodeMinutes: number;
  /** `earlyNodeMinutes / (nodes added × the operation's minutes)`: 1 is a scale-up that ends exactly on time. */
  earlyRatio: number | null;
  /** The scale-up's server-side minutes. */
  operationMinutes: number | null;
  /** Seconds from the window's opening to the scale-up's start and end (negative: before it). */
  startedInSeconds: number | null;
  readyInSeconds: number | null;
  /** What the policy's context expected the scale-up to take when it started it. */
  expectedMinutes: number | null;
  /** The reason the plan gave for the scale-up. */
  reason: string | null;
  ticks: number;
  realSeconds: number;
}

/**
 * One morning of a loop-mode scaler (a reconcile every 60 s, as the pod's loop) on a compressed clock: a schedule
 * raising `manualpool2` from 2 to 10 nodes at 07:30 local (Mon-Fri 07:30-20:30), with `leadTime: auto` or none.
 * With `learned`, the scaler first scales the pool up and down once (what it learned before this morning).
 */
export async function runCapacity(options: CapacityRunOptions): Promise<CapacityRun> {
  const loopStartsAt = WINDOW_OPENS_AT - 30 * 60_000;
  const start = options.learned ? loopStartsAt - 12 * 60_000 : loopStartsAt;
  const scale = timeScale(options.factor, start);
  const bench = await startBenchEmulator({
    clusters: [
      {
        resourceGroup: 'bench',
        name: 'capacity',
        pools: [
          { name: 'system', mode: 'System', count: 1 },
          { name: POOL, mode: 'User', count: FROM },
        ],
      },
    ],
    scale,
    operationDurationInMs: OPERATION_DURATION,
  });
  const realStart = performance.now();
  try {
    const { emulator } = bench;
    const client = bench.createClient();
    const cluster = {
      subscriptionId: emulator.subscriptionId,
      resourceGroup: 'bench',
      clusterName: 'capacity',
    };
    const common = { client, cluster, now: () => new Date(scale.now()), sleep: scale.sleep };
    if (options.learned) {
      await reconcile({ ...common, policy: staticPolicy({ [POOL]: TO }) });
      await reconcile({ ...common, policy: staticPolicy({ [POOL]: FROM }) });
    }
    const policy = schedulePolicy({
      timezone: TIMEZONE,
      ...(options.leadTime === 'auto' && { leadTime: 'auto' }),
      rules: [{ when: 'Mon-Fri 07:30-20:30', counts: { [POOL]: TO } }],
      otherwise: { [POOL]: FROM },
    });
    const firstOperation = emulator.state.operations.length;
    let expectedMinutes: number | null = null;
    let reason: string | null = null;
    let ticks = 0;
    const done = () => emulator.state.operations.slice(firstOperation).some((o) => o.endedAt !== undefined);
    while (scale.now() < WINDOW_OPENS_AT + 10 * 60_000 && !(done() && scale.now() > WINDOW_OPENS_AT)) {
      ticks += 1;
      await reconcile({
        ...common,
        policy,
        // As the pod's loop: the schedule knows the tick, and auto starts one interval earlier.
        evaluationIntervalInMs: TICK_IN_MS,
        onPlan: (plan) => {
          const step = plan.plan.steps.find((s) => s.pool === POOL && s.action === 'scale');
          if (!step || reason !== null) return;
          reason = step.reason;
          const expected = client.durations.expectedInMs({
            cluster,
            pool: POOL,
            direction: 'up',
            nodes: TO - FROM,
          });
          expectedMinutes = Math.round((expected / 60_000) * 100) / 100;
        },
      });
      await scale.sleep(TICK_IN_MS);
    }
    const operation = emulator.state.operations.slice(firstOperation).find((o) => o.pool === POOL);
    const ended = operation?.endedAt;
    const inPlace = ended !== undefined && ended <= WINDOW_OPENS_AT ? TO : FROM;
    const nodes = TO - FROM;
    const operationMinutes = operation && ended !== undefined ? (ended - operation.startedAt) / 60_000 : null;
    const earlyNodeMinutes = operation
      ? (nodes * Math.max(0, WINDOW_OPENS_AT - operation.startedAt)) / 60_000
      : 0;
    const seconds = (at: number | undefined) => (at === undefined ? null : (at - WINDOW_OPENS_AT) / 1000);
    return {
      readyAtTargetPercent: (inPlace / TO) * 100,
      earlyNodeMinutes,
      earlyRatio: operationMinutes ? earlyNodeMinutes / (nodes * operationMinutes) : null,
      operationMinutes,
      startedInSeconds: seconds(operation?.startedAt),
      readyInSeconds: seconds(ended),
      expectedMinutes,
      reason,
      ticks,
      realSeconds: (performance.now() - realStart) / 1000,
    };
  } finally {
    await bench.close();
  }
}
