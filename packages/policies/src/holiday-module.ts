import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';

/** The `date-holidays` calendar class. */
export type HolidaysClass = typeof Holidays;

let loaded: HolidaysClass | undefined;

/**
 * The `date-holidays` class, loaded on first use. Its data (every country's calendar) costs about 30 MB of memory
 * and 150 ms to load, so only a schedule that names holidays pays for it; loading stays synchronous, because a
 * config is validated synchronously.
 *
 * The `require` call is written out so that a bundler sees it: a single-file build (the scaler pod) then carries
 * the package and evaluates it only here. Without a bundler's `require` (Node running ES modules), Node's own
 * `require` resolves the package from `node_modules`.
 */
export function holidaysClass(): HolidaysClass {
  loaded ??= (
    typeof require === 'function' ? require('date-holidays') : createRequire(import.meta.url)('date-holidays')
  ) as HolidaysClass;
  return loaded;
}
