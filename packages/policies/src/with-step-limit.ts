import type { Policy } from '@aks-scaler/core';
import { currentCount } from './current-count.js';
import { describeValue, throwIfIssues } from './pool-counts.js';

/** How far one decision may move a pool from its current count. */
export interface StepLimit {
  /** Most nodes added in one step. Unlimited when absent. */
  up?: number | undefined;
  /** Most nodes removed in one step. Unlimited when absent. */
  down?: number | undefined;
}

/**
 * Limits how far each decision moves a pool from its current count, so big changes happen in steps over several
 * reconciles. Pools absent from the cluster pass unchanged.
 *
 * @example
 * ```ts
 * const policy = withStepLimit(schedulePolicy(spec), { up: 10, down: 5 });
 * ```
 */
export function withStepLimit(policy: Policy, limit: StepLimit): Policy {
  const { up, down } = limit ?? {};
  const issues = [];
  for (const [key, value] of [
    ['up', up],
    ['down', down],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
      issues.push({ path: `limits.${key}`, message: `must be an integer >= 1, got ${describeValue(value)}` });
    }
  }
  throwIfIssues('Invalid step limit', issues);
  return {
    name: policy.name,
    async evaluate(ctx) {
      return (await policy.evaluate(ctx)).map((decision) => {
        const current = currentCount(ctx, decision.pool);
        if (current === undefined) return decision;
        if (up !== undefined && decision.count > current + up) {
          const count = current + up;
          return {
            ...decision,
            count,
            reason: `${decision.reason} (step limited to ${count}, +${up} from ${current})`,
          };
        }
        if (down !== undefined && decision.count < current - down) {
          const count = current - down;
          return {
            ...decision,
            count,
            reason: `${decision.reason} (step limited to ${count}, -${down} from ${current})`,
          };
        }
        return decision;
      });
    },
  };
}
