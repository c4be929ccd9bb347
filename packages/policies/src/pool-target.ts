import { MAX_POOL_COUNT } from '@aks-scaler/core/common';
import { z } from 'zod';
import { nodeCount, poolName } from './schema-primitives.js';

// The type and the decisions it makes need no schema library (the `node-pools-amount` entry builds on them).
export { decisionFor, describePoolTarget, type PoolTarget } from './pool-target-decision.js';

const EXPECTED = `a node count (an integer from 0 to ${MAX_POOL_COUNT}), 'stop', or an autoscaler range such as { min: 2, max: 10 }`;

const range = z.strictObject({ min: nodeCount, max: nodeCount }).meta({
  description: 'The cluster-autoscaler range of a pool that has the autoscaler on (both bounds are written).',
});

/** The zod schema of one pool's target (see {@link PoolTarget}): a range with min above max is an error here. */
export const poolTarget = z
  .union([nodeCount, z.literal('stop'), range], {
    error: (issue) =>
      typeof issue.input === 'object' && issue.input !== null && !Array.isArray(issue.input)
        ? `an autoscaler range needs min and max, integers from 0 to ${MAX_POOL_COUNT}, e.g. { min: 2, max: 10 }`
        : `must be ${EXPECTED}`,
  })
  .superRefine((target, ctx) => {
    if (typeof target === 'object' && target.min > target.max) {
      ctx.addIssue({
        code: 'custom',
        message: `min ${target.min} is greater than max ${target.max}: an autoscaler range needs min <= max, e.g. { min: ${target.max}, max: ${target.min} }`,
      });
    }
  })
  .meta({ id: 'PoolTarget', description: `What the pool should be: ${EXPECTED}.` });

/** Pool name -> target, for `static`, a schedule rule's `counts` and `otherwise`. */
export const poolTargets = z
  .record(poolName, poolTarget)
  .meta({ description: "Pool name -> node count (0..1000), 'stop', or an autoscaler range { min, max }." });
