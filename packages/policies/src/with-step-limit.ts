import type { Policy } from '@aks-scaler/core';
import { z } from 'zod';
import { currentCount } from './current-count.js';
import { type StatefulPolicy, stateOf } from './policy-state.js';
import { validateWith } from './validation.js';

/** How far one decision may move a pool from its current count. */
export interface StepLimit {
  /** Most nodes added in one step. Unlimited when absent. */
  up?: number | undefined;
  /** Most nodes removed in one step. Unlimited when absent. */
  down?: number | undefined;
}

/** The rule of one step size, for {@link withStepLimit} and the config's `limits.maxStepUp`/`maxStepDown`. */
export const stepSize = z.int('must be an integer >= 1').min(1, 'must be an integer >= 1');

const stepLimitSchema = z.object({ up: stepSize.optional(), down: stepSize.optional() });

/**
 * Limits how far each decision moves a pool from its current count, so big changes happen in steps over several
 * reconciles. Pools absent from the cluster pass unchanged. Its state is the wrapped policy's.
 *
 * Only counts are limited. A stop and an autoscaler range pass unchanged: a stop is one power-state change, and a
 * range moves no node itself (the autoscaler does, within it). A count for a stopped pool passes unchanged too:
 * a start gives the pool back the nodes it had, which the limit cannot know, and the count after it is the target.
 *
 * @example
 * ```ts
 * const policy = withStepLimit(schedulePolicy(spec), { up: 10, down: 5 });
 * ```
 */
export function withStepLimit(policy: Policy, limit: StepLimit): StatefulPolicy {
  return createStepLimit(
    policy,
    validateWith(stepLimitSchema, limit, { title: 'Invalid step limit', path: 'limits' }),
  );
}

/** {@link withStepLimit} for a limit that is already valid. */
export function createStepLimit(policy: Policy, { up, down }: StepLimit): StatefulPolicy {
  return {
    name: policy.name,
    async evaluate(ctx) {
      return (await policy.evaluate(ctx)).map((decision) => {
        const current = currentCount(ctx, decision.pool);
        if (current === undefined || decision.count === undefined) return decision;
        if (ctx.pools.some((pool) => pool.name === decision.pool && pool.powerState === 'Stopped'))
          return decision;
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
    toJSON: () => stateOf(policy),
  };
}
