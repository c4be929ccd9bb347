import {
  type CapacityRun,
  FROM,
  OPERATION_DURATION,
  runCapacity,
  TICK_IN_MS,
  TO,
} from '../lib/capacity-run.js';
import { round } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';

const NODES = TO - FROM;
const EARLY_RATIO_TARGET = 1.5;

const when = (seconds: number | null) => {
  if (seconds === null) return 'never';
  const abs = Math.abs(seconds);
  const text = abs >= 60 ? `${(abs / 60).toFixed(1)} min` : `${abs.toFixed(0)} s`;
  return seconds < 0 ? `${text} before 07:30` : `${text} after 07:30`;
};

/**
 * A loop-mode scaler and a schedule raising a pool 2 -> 10 at 07:30 local, where scale-ups take minutes in
 * proportion to the nodes added: the nodes in place at 07:30 and the node-minutes paid for before it, with
 * `leadTime: auto` (learned durations, and on a first morning with nothing learned) against no lead.
 */
export const capacityOnTimeScenario: Scenario = {
  name: 'capacity-on-time',
  async run(mode, log) {
    const factor = mode === 'quick' ? 600 : 100;
    const auto = await runCapacity({ leadTime: 'auto', learned: true, factor });
    log(
      `capacity-on-time: auto ${auto.readyAtTargetPercent}% at 07:30, ${round(auto.earlyNodeMinutes, 1)} early node-minutes`,
    );
    const none = await runCapacity({ leadTime: 'none', learned: true, factor });
    log(`capacity-on-time: no lead ${none.readyAtTargetPercent}% at 07:30`);
    const firstMorning = await runCapacity({ leadTime: 'auto', learned: false, factor });
    log(`capacity-on-time: first morning ${firstMorning.readyAtTargetPercent}% at 07:30`);
    const operationSeconds = (OPERATION_DURATION.baseInMs + OPERATION_DURATION.perNodeInMs * NODES) / 1000;
    const setting = `Schedule Mon-Fri 07:30-20:30 → ${TO} nodes, otherwise ${FROM} (Europe/Berlin), a loop reconciling every ${TICK_IN_MS / 1000} s on a clock compressed ${factor}×; emulator scale-ups take ${OPERATION_DURATION.baseInMs / 1000} s + ${OPERATION_DURATION.perNodeInMs / 1000} s per node (${operationSeconds / 60} min for ${FROM} → ${TO}). The schedule's leadTime: auto starts the scale-up its expected duration (ctx.expectedOperationInMs) plus one loop interval (ctx.evaluationIntervalInMs) early: a tick can come up to one interval after the last moment to start.`;
    const row = (name: string, run: CapacityRun, how: string) => ({
      name,
      unit: '%',
      ours: run.readyAtTargetPercent,
      baseline: null,
      ideal: 100,
      targets: [
        {
          field: 'ours',
          op: '>=' as const,
          value: 100,
          whyMissed: `the scale-up started ${when(run.startedInSeconds)} and ended ${when(run.readyInSeconds)}`,
        },
        {
          field: 'earlyRatio',
          op: '<=' as const,
          value: EARLY_RATIO_TARGET,
          whyMissed: `it started ${when(run.startedInSeconds)}: ${round(run.earlyNodeMinutes, 1)} node-minutes early for a ${run.operationMinutes?.toFixed(1) ?? '?'} min operation of ${NODES} nodes, because the lead was ${run.expectedMinutes ?? '?'} min expected plus one interval`,
        },
      ],
      note: `${how} ${setting}`,
      details: {
        readyAtTargetPercent: run.readyAtTargetPercent,
        earlyNodeMinutes: round(run.earlyNodeMinutes, 2),
        earlyNodeMinutesBudget: run.operationMinutes
          ? round(EARLY_RATIO_TARGET * NODES * run.operationMinutes, 2)
          : null,
        earlyRatio: run.earlyRatio === null ? null : round(run.earlyRatio, 3),
        nodesAdded: NODES,
        operationMinutes: run.operationMinutes === null ? null : round(run.operationMinutes, 2),
        startedSecondsFrom0730: run.startedInSeconds === null ? null : round(run.startedInSeconds, 1),
        readySecondsFrom0730: run.readyInSeconds === null ? null : round(run.readyInSeconds, 1),
        expectedMinutesAtStart: run.expectedMinutes,
        reason: run.reason,
        ticks: run.ticks,
        timeScale: factor,
        realSeconds: round(run.realSeconds, 1),
      },
    });
    return {
      results: [
        row(
          'capacity-on-time',
          auto,
          `leadTime auto, the scaler having run this scale-up before (its durations learned): started ${when(auto.startedInSeconds)}, ready ${when(auto.readyInSeconds)}.`,
        ),
        row(
          'capacity-on-time/no-lead',
          none,
          `No lead (today's behaviour, and every peer's: CronJobs, runbooks, kube-downscaler, Azure autoscale profiles): started ${when(none.startedInSeconds)}, ready ${when(none.readyInSeconds)}.`,
        ),
        row(
          'capacity-on-time/first-morning',
          firstMorning,
          `leadTime auto on the first morning, nothing learned (the 10-minute default): started ${when(firstMorning.startedInSeconds)}, ready ${when(firstMorning.readyInSeconds)}.`,
        ),
      ],
      panels: [],
    };
  },
};
