import { MAX_POOL_COUNT } from '@aks-scaler/core/common';
import { z } from 'zod';
import type { MetricSource } from './metric-source.js';
import { metricSources } from './metric-sources.js';
import { durationInMs, either, exactlyOneOf, nodeCount, onObjects, poolName } from './schema-primitives.js';

/** The defaults of a metric policy's options, named once. */
export const METRIC_DEFAULTS = {
  min: 0,
  max: MAX_POOL_COUNT,
  tolerance: 0.1,
  scaleDownStabilizationInMs: 300_000,
  afterFailures: 3,
} as const;

const positive = z.number('must be a number greater than 0').positive('must be a number greater than 0');

/** The rules a metric policy's settings follow, from TypeScript or from the config. */
const metricRules = {
  pools: z.array(poolName).min(1, 'name at least one pool to size'),
  targetPerNode: positive.optional(),
  targetValue: positive.optional(),
  min: nodeCount.optional(),
  max: nodeCount.optional(),
  tolerance: z
    .number('must be a number from 0 to below 1')
    .min(0, 'must be a number from 0 to below 1')
    .lt(1, 'must be a number from 0 to below 1')
    .optional(),
  fallback: z
    .strictObject({
      afterFailures: z.int('must be an integer >= 1').min(1, 'must be an integer >= 1').optional(),
      count: nodeCount.optional(),
    })
    .optional(),
};

function checkMetricRules(
  metric: {
    targetPerNode?: number | undefined;
    targetValue?: number | undefined;
    min?: number;
    max?: number;
  },
  ctx: z.RefinementCtx,
): void {
  if ((metric.targetPerNode === undefined) === (metric.targetValue === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'give exactly one of `targetPerNode` and `targetValue`' });
  }
  if (metric.min !== undefined && metric.max !== undefined && metric.min > metric.max) {
    ctx.addIssue({
      code: 'custom',
      path: ['min'],
      message: `min ${metric.min} is greater than max ${metric.max}`,
    });
  }
}

/** The options of {@link metricPolicy} from TypeScript: the source object, then the same rules as the config. */
export const metricOptionsSchema = z
  .object({
    source: z.custom<MetricSource>(
      (value) => typeof (value as Partial<MetricSource> | undefined)?.read === 'function',
      'expected a metric source with read(ctx)',
    ),
    ...metricRules,
    scaleDownStabilizationInMs: z
      .number('must be a number of milliseconds >= 0')
      .min(0, 'must be a number of milliseconds >= 0')
      .optional(),
  })
  .superRefine(checkMetricRules, onObjects);

const sourceNames = Object.keys(metricSources);

/**
 * The zod schema of a metric policy in the config: exactly one source (a key of the source registry), the pools,
 * one target and the options of {@link metricPolicy}; `scaleDownStabilization` is parsed to milliseconds.
 */
export const metricConfigSchema = exactlyOneOf(
  z.strictObject({
    ...metricSources,
    ...metricRules,
    scaleDownStabilization: durationInMs({ allowZero: true })
      .optional()
      .meta({ description: "Scale-down stabilization window, e.g. '5m' (the default); '0s' turns it off." }),
  }),
  sourceNames,
  {
    none: `give exactly one source: ${either(sourceNames.map((name) => `\`${name}\``))}`,
    several: (found) => `give exactly one source: found ${found.map((name) => `\`${name}\``).join(' and ')}`,
  },
).superRefine(checkMetricRules, onObjects);

/** The validated settings a metric policy is built from. */
export type MetricSettings = z.output<typeof metricOptionsSchema>;
