import type { ChaosScenario } from './scenario.js';

// What the scenario's decisions allow a run to write, derived from the decisions alone (not from the planner).

/** The least count a pool of `mode` may have. */
export const minCount = (mode: string) => (mode === 'System' ? 1 : 0);

/** A count clamped to what a pool of `mode` allows. */
export const clampCount = (count: number, mode: string) => Math.min(1000, Math.max(minCount(mode), count));

/**
 * The count reconcile may write per pool: the largest count among the decisions that give a count and nothing
 * else (a decision that also stops the pool or gives a range has no single target and is refused).
 */
export function winningDecisions(scenario: ChaosScenario): Map<string, number> {
  const byPool = new Map<string, number>();
  for (const d of scenario.decisions) {
    if (d.count === undefined || d.power === 'Stopped' || d.autoscaler !== undefined) continue;
    const previous = byPool.get(d.pool);
    if (previous === undefined || d.count > previous) byPool.set(d.pool, d.count);
  }
  return byPool;
}

/** What the decisions for a pool allow besides a count: a stop, a valid autoscaler range, a start. */
export function explicitTargets(scenario: ChaosScenario, pool: string) {
  const mine = scenario.decisions.filter((d) => d.pool === pool);
  const pure = mine.filter((d) => !(d.power === 'Stopped' && (d.count !== undefined || d.autoscaler)));
  return {
    stop: pure.some((d) => d.power === 'Stopped'),
    range: pure.some(
      (d) =>
        d.autoscaler !== undefined && d.count === undefined && d.autoscaler.minCount <= d.autoscaler.maxCount,
    ),
    start: pure.some((d) => d.power === 'Running'),
  };
}

/** The power state a pool body asks for. */
export const powerOf = (body: Record<string, unknown>) =>
  (body.powerState as { code?: string } | undefined)?.code === 'Stopped' ? 'Stopped' : 'Running';
