import { DEFAULT_EXPECTED_OPERATION_IN_MS, type Policy, type PoolDecision } from '@aks-scaler/core';
import { formatDuration } from '@aks-scaler/core/common';

/** How far ahead a {@link leadPolicy} looks: `auto` (the expected duration of the scale-up) or none. */
export type LeadTime = 'auto' | 'none';

/** Options of {@link leadPolicy}. */
export interface LeadPolicyOptions {
  leadTime: LeadTime;
  /**
   * How often the loop evaluates the policy: a scale-up must start one evaluation early, or the tick after the
   * last one too early starts it up to one interval late.
   */
  evaluationIntervalInMs: number;
}

/**
 * The benchmark's stand-in for a schedule's `leadTime`: for each pool the count is the larger of the schedule's
 * count now and at now + lead, where the lead (`auto`) is what the context expects that scale-up to take
 * (`ctx.expectedOperationInMs`, 10 minutes before anything is learned) plus one evaluation interval. Scale-downs
 * stay on time: a smaller count ahead never wins, nor a stop or a range. Only for a stateless schedule (it is evaluated at two instants).
 */
export function leadPolicy(schedule: Policy, options: LeadPolicyOptions): Policy {
  return {
    name: `${schedule.name} (lead ${options.leadTime})`,
    async evaluate(ctx) {
      const now = await schedule.evaluate(ctx);
      if (options.leadTime === 'none') return now;
      const current = new Map(ctx.pools.map((pool) => [pool.name, pool.count]));
      const at = async (leadInMs: number) =>
        new Map(
          (await schedule.evaluate({ ...ctx, now: new Date(ctx.now.getTime() + leadInMs) })).map((d) => [
            d.pool,
            d,
          ]),
        );
      const nowByPool = new Map(now.map((d) => [d.pool, d]));
      const names = new Set([...nowByPool.keys(), ...(await at(DEFAULT_EXPECTED_OPERATION_IN_MS)).keys()]);
      const decisions: PoolDecision[] = [];
      for (const pool of names) {
        const from = current.get(pool) ?? 0;
        const here = nowByPool.get(pool);
        // What is ahead decides the lead, and the lead decides what is ahead: one refinement from the default.
        const guess = (await at(DEFAULT_EXPECTED_OPERATION_IN_MS + options.evaluationIntervalInMs)).get(pool);
        const expected = ctx.expectedOperationInMs?.(pool, from, Math.max(from, guess?.count ?? from));
        const leadInMs = (expected ?? DEFAULT_EXPECTED_OPERATION_IN_MS) + options.evaluationIntervalInMs;
        const ahead = (await at(leadInMs)).get(pool);
        // Only counts lead: a stop or an autoscaler range ahead waits for its time.
        if (ahead?.count !== undefined && ahead.count > (here?.count ?? -1)) {
          decisions.push({
            ...ahead,
            reason: `${ahead.reason}; starts ${formatDuration(leadInMs)} ahead (expected ${formatDuration(expected ?? 0)} plus one ${formatDuration(options.evaluationIntervalInMs)} interval)`,
          });
        } else if (here) {
          decisions.push(here);
        }
      }
      return decisions;
    },
  };
}
