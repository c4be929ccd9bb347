// Reports of pools whose target is beyond a count: a stop, a start that scales, an autoscaler range.
import type { ExistingPoolReport } from '@aks-scaler/core';
import { poolReport } from './fleet-observation.js';

/** A succeeded stop of `pool` from `from` nodes: the pool is Stopped after it. */
export function stopReport(
  pool: string,
  from: number,
  overrides: Partial<ExistingPoolReport> = {},
): ExistingPoolReport {
  return poolReport({
    pool,
    from,
    to: 0,
    action: 'stop',
    operations: ['stop'],
    power: 'Stopped',
    ...overrides,
  });
}

/** A succeeded start of stopped `pool`, then its scale to `to` nodes: the pool is Running after it. */
export function startReport(
  pool: string,
  to: number,
  overrides: Partial<ExistingPoolReport> = {},
): ExistingPoolReport {
  return poolReport({
    pool,
    from: 0,
    to,
    action: 'start',
    operations: ['start', 'scale'],
    power: 'Running',
    ...overrides,
  });
}

/** A succeeded change of autoscaled `pool`'s range to `bounds`, its `count` nodes unchanged. */
export function boundsReport(
  pool: string,
  count: number,
  bounds: { minCount: number; maxCount: number },
  overrides: Partial<ExistingPoolReport> = {},
): ExistingPoolReport {
  return poolReport({
    pool,
    from: count,
    to: count,
    action: 'bounds',
    operations: ['bounds'],
    bounds,
    ...overrides,
  });
}
