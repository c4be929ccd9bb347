import { type NodePool, type PolicyContext, type PoolDecision, planReconcile } from '@aks-scaler/core';
import { type MetricSource, metricPolicy, schedulePolicy } from '@aks-scaler/policies';
import { median, round } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';

const CLUSTER = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'bench',
  clusterName: 'c001',
};

function poolName(index: number): string {
  return `p${String(index).padStart(5, '0')}`;
}

function pools(count: number): NodePool[] {
  return Array.from({ length: count }, (_, i) => ({
    cluster: CLUSTER,
    name: poolName(i),
    count: i % 7,
    mode: i === 0 ? 'System' : 'User',
    enableAutoScaling: i % 10 === 9,
    ...(i % 10 === 9 && { minCount: 1, maxCount: 20 }),
    powerState: i % 50 === 49 ? 'Stopped' : 'Running',
    provisioningState: i % 100 === 99 ? 'Scaling' : 'Succeeded',
    vmSize: 'Standard_D2s_v5',
    eTag: `"${i}"`,
  }));
}

/** Milliseconds per call: the median of `iterations` timed calls after `warmup` untimed ones. */
export async function timeMedianInMs(
  fn: () => unknown | Promise<unknown>,
  iterations: number,
  warmup = 3,
): Promise<{ medianInMs: number; minInMs: number; maxInMs: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return {
    medianInMs: round(median(samples), 3),
    minInMs: round(Math.min(...samples), 3),
    maxInMs: round(Math.max(...samples), 3),
  };
}

/** Pure CPU: planning 10,000 pools, a 50-rule schedule over 1,000 pools, a metric policy over 1,000 pools. */
export const planningScenario: Scenario = {
  name: 'planning',
  async run(mode, log) {
    const iterations = mode === 'quick' ? 15 : 51;
    const many = pools(10_000);
    const decisions: PoolDecision[] = many.map((p, i) => ({
      pool: p.name,
      count: (i * 3) % 11,
      reason: 'bench',
    }));
    const plan = await timeMedianInMs(
      () => planReconcile(many, decisions, { autoscalerPools: 'bounds' }),
      iterations,
    );
    log(`planning: plan 10k ${plan.medianInMs} ms`);

    const thousand = pools(1_000);
    const names = thousand.map((p) => p.name);
    const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    // 50 rules, each naming all 1,000 pools; at the instant evaluated only the last one matches (the worst case).
    const rules = Array.from({ length: 50 }, (_, r) => {
      const day = days[r % 7]!;
      const hour = String(r % 24).padStart(2, '0');
      const when = r === 49 ? 'Mon-Sun 00:00-24:00' : `${day} ${hour}:00-${hour}:30`;
      return { when, counts: Object.fromEntries(names.map((n, i) => [n, (i + r) % 20])) };
    });
    const schedule = schedulePolicy({ timezone: 'Europe/Berlin', rules, otherwise: { [names[0]!]: 1 } });
    const context: PolicyContext = {
      now: new Date('2026-03-04T12:45:00Z'),
      cluster: CLUSTER,
      pools: thousand,
    };
    const scheduleTime = await timeMedianInMs(() => schedule.evaluate(context), iterations * 2);
    const decided = (await schedule.evaluate(context)).length;
    log(`planning: schedule 1000×50 ${scheduleTime.medianInMs} ms (${decided} decisions)`);

    const source: MetricSource = { name: 'fake queue depth', read: async () => 4_200 };
    const metric = metricPolicy({ source, pools: names, targetPerNode: 100, max: 100 });
    let minute = 0;
    const metricTime = await timeMedianInMs(
      () =>
        metric.evaluate({
          ...context,
          now: new Date(Date.parse('2026-03-04T12:00:00Z') + 60_000 * minute++),
        }),
      iterations * 2,
    );
    log(`planning: metric 1000 ${metricTime.medianInMs} ms`);
    const cpu = `median of ${iterations} timed runs (process.hrtime.bigint) after 3 warm-up runs, in-process`;
    return {
      results: [
        {
          name: 'planning/plan-10k',
          unit: 'ms',
          ours: plan.medianInMs,
          baseline: null,
          ideal: null,
          targets: [{ field: 'ours', op: '<', value: 50, whyMissed: 'planning cost per pool is too high' }],
          note: `planReconcile of 10,000 pools (autoscaler, stopped and busy pools mixed in) with one decision each; ${cpu}.`,
          details: { ...plan, pools: 10_000, iterations },
        },
        {
          name: 'planning/schedule-1k×50',
          unit: 'ms',
          ours: scheduleTime.medianInMs,
          baseline: null,
          ideal: null,
          targets: [
            { field: 'ours', op: '<', value: 5, whyMissed: 'rule matching walks every rule for every pool' },
          ],
          note: `schedulePolicy with 50 rules each naming 1,000 pools, evaluated where only the last rule matches (every rule is tried); ${cpu.replace(`${iterations} timed`, `${iterations * 2} timed`)}.`,
          details: {
            ...scheduleTime,
            pools: 1_000,
            rules: 50,
            decisions: decided,
            iterations: iterations * 2,
          },
        },
        {
          name: 'planning/metric-1k',
          unit: 'ms',
          ours: metricTime.medianInMs,
          baseline: null,
          ideal: null,
          targets: [],
          note: `metricPolicy (targetPerNode, 5-minute scale-down window) over 1,000 pools with an in-memory source, one evaluation a minute; ${cpu.replace(`${iterations} timed`, `${iterations * 2} timed`)}. No target is set for it.`,
          details: { ...metricTime, pools: 1_000, iterations: iterations * 2 },
        },
      ],
      panels: [],
    };
  },
};
