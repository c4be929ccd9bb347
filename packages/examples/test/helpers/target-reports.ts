// Reports of pools whose target is beyond a count: a stop, a start that scales, an autoscaler range.
import type { ExistingPoolReport } from '@aks-scaler/core';
import { poolReport } from './fleet-observation.js';

type Overrides = Partial<ExistingPoolReport>;

/** A succeeded stop of `pool` from `from` nodes: the pool is Stopped after it. */
export const stopReport = (pool: string, from: number, overrides: Overrides = {}): ExistingPoolReport =>
  poolReport({ pool, from, to: 0, action: 'stop', operations: ['stop'], power: 'Stopped', ...overrides });

/** A succeeded start of stopped `pool`, then its scale to `to` nodes: the pool is Running after it. */
export const startReport = (pool: string, to: number, overrides: Overrides = {}): ExistingPoolReport =>
  poolReport({
    pool,
    from: 0,
    to,
    action: 'start',
    operations: ['start', 'scale'],
    power: 'Running',
    ...overrides,
  });

/** A succeeded change of autoscaled `pool`'s range to `bounds`, its `count` nodes unchanged. */
export const boundsReport = (
  pool: string,
  count: number,
  bounds: { minCount: number; maxCount: number },
  overrides: Overrides = {},
): ExistingPoolReport =>
  poolReport({
    pool,
    from: count,
    to: count,
    action: 'bounds',
    operations: ['bounds'],
    bounds,
    ...overrides,
  });
